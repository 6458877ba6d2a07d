"""A job object whose completion hook, called from a worker thread, resolves a loop future."""
import asyncio
import threading
import time


class Job:
    def __init__(self, loop):
        self.fut = loop.create_future()

    def on_done(self, value):
        self.fut.set_result(value)  # PLANT ACK401


def worker(job):
    time.sleep(0.02)
    job.on_done(42)


async def main():
    job = Job(asyncio.get_running_loop())
    threading.Thread(target=worker, args=(job,), daemon=True).start()
    while not job.fut.done():
        await asyncio.sleep(0.01)
    print("result", job.fut.result())


asyncio.run(main())
