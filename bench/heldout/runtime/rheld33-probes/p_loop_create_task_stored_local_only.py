"""A handler that stores its task in a local that goes out of scope when it returns."""
import asyncio

DONE = []


async def slow_audit(n):
    await asyncio.sleep(0.05)
    DONE.append(n)


async def handle(n):
    task = asyncio.create_task(slow_audit(n))  # PLANT ACK302
    task.set_name(f"audit-{n}")
    return n * 2


async def main():
    print(await handle(1), await handle(2))
    await asyncio.sleep(0.15)
    print(sorted(DONE))


asyncio.run(main())
