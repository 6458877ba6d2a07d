"""A CLI whose command task calls sys.exit with a status after printing its result."""
import asyncio
import sys


async def check(paths):
    await asyncio.sleep(0)
    bad = [p for p in paths if p.endswith(".tmp")]
    for p in bad:
        print("stale", p)
    sys.exit(3 if bad else 0)


async def main():
    await asyncio.create_task(check(["a.py", "b.tmp", "c.tmp"]))


asyncio.run(main())
