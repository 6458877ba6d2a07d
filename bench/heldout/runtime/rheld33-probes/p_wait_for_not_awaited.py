"""A shutdown path that forgets to await asyncio.wait_for around its drain."""
import asyncio

DRAINED = []


async def drain():
    await asyncio.sleep(0.01)
    DRAINED.append(1)


async def shutdown():
    asyncio.wait_for(drain(), timeout=1)  # PLANT ACK301
    await asyncio.sleep(0.05)
    print("drained", DRAINED)


asyncio.run(shutdown())
