"""A worker thread that reports failure by setting an exception on a loop future via a class method."""
import asyncio
import threading


class Reply:
    def __init__(self, fut):
        self._fut = fut

    def fail(self, exc):
        self._fut.set_exception(exc)  # PLANT ACK401


def worker(reply):
    reply.fail(TimeoutError("no answer"))


async def main():
    fut = asyncio.get_running_loop().create_future()
    threading.Thread(target=worker, args=(Reply(fut),), daemon=True).start()
    while not fut.done():
        await asyncio.sleep(0.01)
    print("failed with", type(fut.exception()).__name__)


asyncio.run(main())
