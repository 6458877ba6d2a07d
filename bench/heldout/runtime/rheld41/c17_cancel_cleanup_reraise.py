"""A batch sync loop that records where it stopped when cancelled, then lets the cancellation through."""
import asyncio


async def sync_batches(batches, done, notes):
    for b in batches:
        try:
            await asyncio.sleep(0.02)
            done.append(b)
        except asyncio.CancelledError:
            notes.append(f"stopped before batch {len(done)}")
            raise


async def main():
    done, notes = [], []
    t = asyncio.create_task(sync_batches(range(5), done, notes))
    await asyncio.sleep(0.03)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled:", t.cancelled(), "notes:", len(notes))


asyncio.run(main())
