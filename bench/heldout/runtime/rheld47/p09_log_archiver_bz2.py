"""A log archiver: tasks collect access-log batches and compress each into a bz2 archive on the loop."""
import asyncio
import atexit
import bz2
import random

STATS = {"archives": 0, "bytes": 0}
atexit.register(lambda: print("archived", STATS["archives"], "batches"))


def make_batch(seed, n):
    rnd = random.Random(seed)
    return "".join(f"2026-12-04T10:{i % 60:02d} host{i % 13} GET /api/items/{rnd.randint(1, 9999)} 200 "
                   f"{rnd.random():.4f}\n" for i in range(n)).encode()


async def archive(seed, n):
    raw = make_batch(seed, n)
    await asyncio.sleep(0.01)
    blob = bz2.compress(raw, 9)  # PLANT ACK120
    STATS["archives"] += 1
    STATS["bytes"] += len(blob)
    return len(raw) > len(blob)


async def ticker():
    for _ in range(5):
        await asyncio.sleep(0.02)


async def main():
    ok = await asyncio.gather(archive(1, 30000), ticker())
    print("compressed", ok[0])


asyncio.run(main())
