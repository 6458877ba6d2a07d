"""A coroutine that submits cleanup jobs inside a with-executor block and leaves without awaiting."""
import asyncio
import concurrent.futures
import time

CLEANED = []


def cleanup(path):
    time.sleep(0.1)
    CLEANED.append(path)


async def main():
    await asyncio.sleep(0)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:  # PLANT ACK106
        for p in ("a", "b"):
            pool.submit(cleanup, p)
    print(sorted(CLEANED))


asyncio.run(main())
