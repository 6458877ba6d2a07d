"""A CLI that waits for a lock file with time.sleep and exits with status 4."""
import asyncio
import sys
import time


async def wait_for_lock(tries):
    for _ in range(tries):
        time.sleep(0.05)  # PLANT ACK101
        await asyncio.sleep(0)
    return False


async def main():
    if not await wait_for_lock(3):
        print("lock not acquired", file=sys.stderr)
        print("exiting 4")
        raise SystemExit(4)


asyncio.run(main())
