import asyncio
import gc


async def forever():  # ACK302: the task running it was dropped while pending
    await asyncio.get_running_loop().create_future()


async def main():
    asyncio.create_task(forever())
    await asyncio.sleep(0.01)
    gc.collect()
    print("dropped")


asyncio.run(main())
