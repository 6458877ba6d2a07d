"""A sync done-callback that schedules an async report properly, and a conditional flush that is awaited."""
import asyncio


class Jobs:
    def __init__(self):
        self.reported = []
        self.pending = set()

    async def report(self, value):
        self.reported.append(value)

    def on_finished(self, task):
        t = asyncio.get_running_loop().create_task(self.report(task.result()))
        self.pending.add(t)
        t.add_done_callback(self.pending.discard)

    async def noop(self):
        return None

    async def run(self, dirty):
        task = asyncio.create_task(asyncio.sleep(0.01, result="job-1"))
        task.add_done_callback(self.on_finished)
        await task
        await (self.report("flushed") if dirty else self.noop())
        await asyncio.sleep(0.01)
        return sorted(self.reported)


print("ran", asyncio.run(Jobs().run(True)))
