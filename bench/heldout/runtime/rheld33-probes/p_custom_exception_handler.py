"""A service with a structured exception handler; a dropped task fails and nobody retrieves it."""
import asyncio
import gc


def handler(loop, context):
    print("loop error:", context["message"])


async def charge(card):
    await asyncio.sleep(0.01)
    raise ValueError(f"card {card} declined")


async def main():
    asyncio.get_running_loop().set_exception_handler(handler)
    t = asyncio.create_task(charge("1234"))  # PLANT ACK303
    await asyncio.sleep(0.05)
    del t
    gc.collect()
    await asyncio.sleep(0.01)


asyncio.run(main())
