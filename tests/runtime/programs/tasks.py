import asyncio
import gc

background = set()


async def boom():
    raise ValueError("lost")  # (a related location of the finding below)


async def works():
    await asyncio.sleep(0)


async def main():
    asyncio.create_task(boom())  # ACK303: reported where the task was created
    kept = asyncio.create_task(works())
    background.add(kept)
    kept.add_done_callback(background.discard)
    await asyncio.sleep(0.05)
    gc.collect()
    print("tasks")


asyncio.run(main())
