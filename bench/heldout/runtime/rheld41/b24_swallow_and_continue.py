"""A batch sync loop that treats cancellation as a per-batch hiccup and keeps going."""
import asyncio


async def sync_batches(batches, done):
    for b in batches:
        try:
            await asyncio.sleep(0.02)
            done.append(b)
        except asyncio.CancelledError:  # PLANT ACK601
            print("batch interrupted, moving on")
            continue
    return len(done)


async def main():
    done = []
    t = asyncio.create_task(sync_batches(range(5), done))
    await asyncio.sleep(0.03)
    t.cancel()
    n = await t
    print("finished after cancel:", n >= 3)


asyncio.run(main())
