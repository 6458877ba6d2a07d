"""A task whose done-callback is an async method: each call makes a coroutine nobody awaits."""
import asyncio


class Jobs:
    def __init__(self):
        self.reported = []

    async def on_finished(self, task):
        self.reported.append(task.result())

    async def run(self):
        task = asyncio.create_task(asyncio.sleep(0.01, result="job-1"))
        task.add_done_callback(self.on_finished)  # PLANT ACK301
        await task
        await asyncio.sleep(0.01)
        return task.result()


print("ran", asyncio.run(Jobs().run()))
