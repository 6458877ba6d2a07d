"""A retry-with-backoff wrapper that treats every BaseException as retryable."""
import asyncio


async def with_retries(fn, attempts=50, backoff=0.01):
    for attempt in range(attempts):
        try:
            return await fn()
        except BaseException as exc:  # PLANT ACK601
            print("retry", attempt, type(exc).__name__)
            await asyncio.sleep(backoff)
    return None


class Poller:
    def __init__(self):
        self.inside = asyncio.Event()
        self.calls = 0

    async def poll(self):
        self.calls += 1
        if self.calls == 1:
            self.inside.set()
            await asyncio.sleep(5)
        raise ConnectionError("down")


async def main():
    poller = Poller()
    task = asyncio.create_task(with_retries(poller.poll, attempts=3))
    await poller.inside.wait()
    task.cancel()
    print("result", await task)


asyncio.run(main())
