"""A webhook relay's delivery worker retries a slow receiver with backoff; the relay is shut down mid-delivery."""
import asyncio
import logging

log = logging.getLogger("relay")


async def deliver(url, attempt):
    await asyncio.sleep(0.05 if attempt < 3 else 0.005)
    return f"{url} 202"


async def delivery_worker(url):
    for attempt in range(4):
        try:
            return await deliver(url, attempt)
        except BaseException as exc:  # PLANT ACK601
            log.warning("delivery to %s failed: %r", url, exc)
            await asyncio.sleep(0.01 * (attempt + 1))
    return f"{url} gave up"


async def main():
    worker = asyncio.create_task(delivery_worker("https://hooks.example/orders"))
    await asyncio.sleep(0.02)
    worker.cancel()
    try:
        print("delivered:", await worker)
    except asyncio.CancelledError:
        print("delivery cancelled")


asyncio.run(main())
