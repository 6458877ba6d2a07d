"""A job runner that times each job from its done callback and keeps each job's outcome or failure."""
import asyncio
import time


async def thumbnail(name, fail):
    await asyncio.sleep(0.01)
    if fail:
        raise ValueError(f"{name}: unsupported image format")
    return f"{name}.thumb.png"


class Runner:
    def __init__(self):
        self.active = {}
        self.durations = {}
        self.failures = {}
        self.finished = asyncio.Event()

    def start(self, name, fail=False):
        task = asyncio.get_running_loop().create_task(thumbnail(name, fail))
        self.active[name] = (task, time.monotonic())
        task.add_done_callback(lambda t: self.record(name))

    def record(self, name):
        task, began = self.active.pop(name)
        self.durations[name] = "cancelled" if task.cancelled() else round(time.monotonic() - began, 1)
        if not task.cancelled() and task.exception() is not None:
            self.failures[name] = str(task.exception())
        if not self.active:
            self.finished.set()


async def main():
    runner = Runner()
    runner.start("cat.jpg")
    runner.start("scan.tiff", fail=True)
    runner.start("logo.png")
    await runner.finished.wait()
    await asyncio.sleep(0.01)
    print(sorted(runner.durations), runner.failures)


asyncio.run(main())
