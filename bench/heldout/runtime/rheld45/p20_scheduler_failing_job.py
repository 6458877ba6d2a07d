"""A periodic scheduler keeps its job tasks in a list but never looks at how they ended."""
import asyncio
import gc


class Scheduler:
    def __init__(self):
        self.history = []

    def every(self, fn):
        task = asyncio.get_running_loop().create_task(fn())  # PLANT ACK303
        self.history.append(task)

    def prune(self):
        self.history = [t for t in self.history if not t.done()]


async def rotate_keys():
    await asyncio.sleep(0.005)
    raise PermissionError("keystore locked")


async def main():
    s = Scheduler()
    s.every(rotate_keys)
    await asyncio.sleep(0.03)
    s.prune()
    gc.collect()
    print("pending", len(s.history))


asyncio.run(main())
