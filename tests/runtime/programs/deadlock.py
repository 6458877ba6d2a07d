import asyncio, threading

lock = threading.Lock()

async def holder():
    with lock:
        await asyncio.sleep(0.05)

async def taker():
    await asyncio.sleep(0.01)
    with lock:
        pass

async def main():
    await asyncio.gather(holder(), taker())

asyncio.run(main())
