"""Deep recursion inside a coroutine, near the limit, then past it (caught)."""
import asyncio
import sys

sys.setrecursionlimit(2000)


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


def forever(n):
    return forever(n + 1)


async def main():
    print(depth(1800))
    try:
        forever(0)
    except RecursionError as e:
        print("caught", type(e).__name__)
    return "ok"


print(asyncio.run(main()))
