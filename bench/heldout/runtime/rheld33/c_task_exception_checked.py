"""A batch launcher that gathers with return_exceptions and reports the failures."""
import asyncio


async def push(n):
    await asyncio.sleep(0.01)
    if n == 2:
        raise ValueError(f"push {n} rejected")
    return n


async def main():
    results = await asyncio.gather(*(push(n) for n in range(4)), return_exceptions=True)
    for r in results:
        print("failed" if isinstance(r, Exception) else "ok", r)


asyncio.run(main())
