"""A retry-with-backoff wrapper that retries on Exception and lets cancellation through."""
import asyncio


async def with_retries(fn, attempts=50, backoff=0.01):
    for attempt in range(attempts):
        try:
            return await fn()
        except Exception as exc:
            print("retry", attempt, type(exc).__name__)
            await asyncio.sleep(backoff)
    return None


async def poll():
    await asyncio.sleep(0.05)
    raise ConnectionError("down")


async def main():
    task = asyncio.create_task(with_retries(poll, attempts=4))
    await asyncio.sleep(0.08)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled")


asyncio.run(main())
