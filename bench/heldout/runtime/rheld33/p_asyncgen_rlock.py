"""An async generator that yields rows while holding a threading.RLock over the cursor."""
import asyncio
import threading

CURSOR_LOCK = threading.RLock()


async def fetch_rows(n):
    with CURSOR_LOCK:  # PLANT ACK201
        for i in range(n):
            await asyncio.sleep(0.01)
            yield i


async def main():
    out = [r async for r in fetch_rows(3)]
    print(out)


asyncio.run(main())
