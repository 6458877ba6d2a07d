"""A fire-and-forget validator task that fails in its first step, before any await."""
import asyncio


async def validate(payload):
    if "id" not in payload:
        raise KeyError("id")
    await asyncio.sleep(0)


async def main():
    asyncio.create_task(validate({"name": "x"}))  # PLANT ACK303
    await asyncio.sleep(0.05)
    print("submitted")


asyncio.run(main())
