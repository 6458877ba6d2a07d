"""A notifier that fires a gather of sends and never keeps or awaits it."""
import asyncio

SENT = []


async def send(n):
    await asyncio.sleep(0.02)
    SENT.append(n)


async def main():
    asyncio.gather(send(1), send(2))  # PLANT ACK302
    await asyncio.sleep(0.1)
    print(sorted(SENT))


asyncio.run(main())
