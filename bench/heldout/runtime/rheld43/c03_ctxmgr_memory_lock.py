"""A context manager whose __enter__/__exit__ only touch in-memory state; the pid file is written in a thread."""
import asyncio
import os
import tempfile


class JobSlot:
    active = set()

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        if self.name in JobSlot.active:
            raise RuntimeError("busy")
        JobSlot.active.add(self.name)
        return self

    def __exit__(self, *exc):
        JobSlot.active.discard(self.name)
        return False


def write_pid(path):
    with open(path, "w") as f:
        f.write("1234")


async def nightly_job(folder):
    with JobSlot("nightly"):
        await asyncio.to_thread(write_pid, os.path.join(folder, "job.pid"))
        await asyncio.sleep(0.01)
        return "done"


async def main():
    with tempfile.TemporaryDirectory() as d:
        print("job", await nightly_job(d))


asyncio.run(main())
