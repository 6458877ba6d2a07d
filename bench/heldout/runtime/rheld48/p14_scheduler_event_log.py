"""A scheduler emits an event per job tick to an audit writer task that batches them to a slow sink."""
import asyncio

WRITTEN = []


async def audit_writer(events):
    batch = []
    while (event := await events.get()) is not None:
        batch.append(event)
        if len(batch) == 500:
            await asyncio.sleep(0.01)
            WRITTEN.append(len(batch))
            batch = []
    WRITTEN.append(len(batch))


async def run_jobs(events, ticks, jobs):
    for tick in range(ticks):
        for job in range(jobs):
            events.put_nowait((tick, job, "ran"))
        await asyncio.sleep(0)
    events.put_nowait(None)


async def main():
    events = asyncio.Queue()  # PLANT ACK501
    writer = asyncio.create_task(audit_writer(events))
    await run_jobs(events, 60, 400)
    await writer
    print(sum(WRITTEN), len(WRITTEN))


asyncio.run(main())
