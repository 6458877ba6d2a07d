"""A checksum service handing work to a fork process pool through run_in_executor."""
import asyncio
import concurrent.futures
import hashlib
import multiprocessing


def checksum(data):
    return hashlib.md5(data).hexdigest()


async def main():
    loop = asyncio.get_running_loop()
    ctx = multiprocessing.get_context("fork")
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=ctx)
    try:
        print(await loop.run_in_executor(pool, checksum, b"abc"))
    finally:
        await loop.run_in_executor(None, pool.shutdown)


if __name__ == "__main__":
    asyncio.run(main())
