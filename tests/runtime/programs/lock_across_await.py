import asyncio
import threading

lock = threading.Lock()
alock = asyncio.Lock()


async def flush():
    with lock:  # ACK201
        await asyncio.sleep(0.01)


async def fine():
    with lock:
        x = 1
    async with alock:
        await asyncio.sleep(0.01)
    return x


async def main():
    await fine()
    await flush()
    print("flushed")


asyncio.run(main())
