"""A folder sync awaits one upload task per file; an upload that is cancelled returns what it managed."""
import asyncio


async def upload(name, seconds):
    try:
        await asyncio.sleep(seconds)
        return f"{name}: uploaded"
    except asyncio.CancelledError:  # PLANT ACK602
        return f"{name}: partial"


async def sync_folder():
    results = []
    for name, seconds in (("a.bin", 0.5), ("b.bin", 0.05)):
        results.append(await asyncio.create_task(upload(name, seconds)))
    return results


async def main():
    job = asyncio.create_task(sync_folder())
    await asyncio.sleep(0.05)
    job.cancel()
    try:
        print(await job)
    except asyncio.CancelledError:
        print("sync cancelled")


asyncio.run(main())
