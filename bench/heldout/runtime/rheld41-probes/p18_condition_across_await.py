"""A threading.Condition held across an await by a coroutine that publishes a value."""
import asyncio
import threading

cond = threading.Condition()
box = []


async def publish(v):
    with cond:  # PLANT ACK201
        await asyncio.sleep(0.005)
        box.append(v)
        cond.notify_all()


async def main():
    await publish(7)
    print("box", box)


asyncio.run(main())
