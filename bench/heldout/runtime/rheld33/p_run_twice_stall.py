"""A migration tool that runs two phases with asyncio.run; the second checks rows in a tight loop."""
import asyncio
import time


async def phase_one():
    await asyncio.sleep(0.02)
    return 100


async def verify(rows):
    await asyncio.sleep(0)
    start = time.thread_time()
    checked = 0
    while time.thread_time() - start < 0.4:  # PLANT ACK120
        checked += 1
    return rows


rows = asyncio.run(phase_one())
print("phase one", rows)
print("verified", asyncio.run(verify(rows)))
