"""A log shipper that tails its standard input, tags each line with the host and ships them in batches of two."""
import asyncio
import sys


async def heartbeat(beats):
    while True:
        await asyncio.sleep(0.01)
        beats.append(1)


async def tail(shipped):
    batch = []
    while True:
        line = sys.stdin.readline()  # PLANT ACK107
        if not line:
            break
        batch.append(f"host=edge-1 {line.strip()}")
        if len(batch) == 2:
            shipped.append(batch)
            batch = []
            await asyncio.sleep(0)
    if batch:
        shipped.append(batch)


async def main():
    beats, shipped = [], []
    pulse = asyncio.create_task(heartbeat(beats))
    await tail(shipped)
    pulse.cancel()
    print(shipped)


asyncio.run(main())
