"""A shutdown path that sets an asyncio.Event through run_in_executor."""
import asyncio


async def main():
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    waiter = asyncio.create_task(stopping.wait())
    await loop.run_in_executor(None, stopping.set)  # PLANT ACK401
    await asyncio.wait_for(waiter, 5)
    print("stopped")


asyncio.run(main())
