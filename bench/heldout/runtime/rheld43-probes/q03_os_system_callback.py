"""A loop.call_soon callback ringing a desktop bell with os.system after a job."""
import asyncio
import os

rang = []


def ring(name):
    status = os.system("true")  # PLANT ACK104
    rang.append((name, status))


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.01)
    loop.call_soon(ring, "build")
    await asyncio.sleep(0.02)
    print("rang", rang)


asyncio.run(main())
