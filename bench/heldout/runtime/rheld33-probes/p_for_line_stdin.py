"""A filter that iterates sys.stdin directly inside its coroutine."""
import asyncio
import sys


async def main():
    out = []
    for line in sys.stdin:  # PLANT ACK107
        out.append(line.strip()[::-1])
        await asyncio.sleep(0)
    print(out)


asyncio.run(main())
