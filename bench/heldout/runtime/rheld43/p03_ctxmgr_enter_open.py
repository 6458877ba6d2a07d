"""A lock-file context manager whose __enter__ writes the pid file, used inside a job coroutine."""
import asyncio
import os
import tempfile


class PidLock:
    def __init__(self, path):
        self.path = path

    def __enter__(self):
        with open(self.path, "w") as f:
            f.write("1234")
        return self

    def __exit__(self, *exc):
        os.unlink(self.path)
        return False


async def nightly_job(folder):
    with PidLock(os.path.join(folder, "job.pid")):  # PLANT ACK103
        await asyncio.sleep(0.01)
        return "done"


async def main():
    with tempfile.TemporaryDirectory() as d:
        print("job", await nightly_job(d))


asyncio.run(main())
