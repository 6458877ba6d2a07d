"""A request timeout implemented with threading.Timer resolving an asyncio future."""
import asyncio
import threading


async def ticker(n):
    for _ in range(n):
        await asyncio.sleep(0.005)


async def main():
    loop = asyncio.get_running_loop()
    reply = loop.create_future()
    timer = threading.Timer(0.02, reply.set_result, args=("timeout",))  # PLANT ACK401
    timer.start()
    tick = asyncio.create_task(ticker(40))
    print("reply", await asyncio.wait_for(reply, 2))
    await tick
    await asyncio.to_thread(timer.join)


asyncio.run(main())
