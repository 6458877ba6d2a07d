"""A log archiver: batches are compressed with bz2 in a spawn process pool through run_in_executor."""
import asyncio
import atexit
import bz2
import concurrent.futures
import multiprocessing
import random

STATS = {"archives": 0}


def make_batch(seed, n):
    rnd = random.Random(seed)
    return "".join(f"2026-12-04T10:{i % 60:02d} host{i % 13} GET /api/items/{rnd.randint(1, 9999)} 200 "
                   f"{rnd.random():.4f}\n" for i in range(n)).encode()


def compress(raw):
    return bz2.compress(raw, 9)


async def archive(pool, seed, n):
    loop = asyncio.get_running_loop()
    raw = make_batch(seed, n)
    blob = await loop.run_in_executor(pool, compress, raw)
    STATS["archives"] += 1
    return len(raw) > len(blob)


async def main(pool):
    print("compressed", await asyncio.gather(archive(pool, 1, 3000), archive(pool, 2, 3000)))


if __name__ == "__main__":
    atexit.register(lambda: print("archived", STATS["archives"], "batches"))
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        asyncio.run(main(pool))
