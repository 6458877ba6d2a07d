import asyncio
import gc


async def forever():
    await asyncio.get_running_loop().create_future()


async def main():
    asyncio.create_task(forever())  # ACK302: dropped while pending, then garbage-collected
    await asyncio.sleep(0.01)
    gc.collect()
    print("dropped")


asyncio.run(main())
