"""A CLI that validates its input asynchronously and exits with status 3 on failure."""
import asyncio
import sys


async def validate(items):
    await asyncio.sleep(0.01)
    bad = [i for i in items if i < 0]
    for b in bad:
        print("bad item", b)
    return not bad


async def main():
    if not await validate([1, -2, 3]):
        sys.exit(3)
    print("all good")


asyncio.run(main())
