"""A scheduler that hands an async method to loop.call_soon as if it were a callback."""
import asyncio


class Reporter:
    def __init__(self):
        self.sent = 0

    async def send(self):
        await asyncio.sleep(0)
        self.sent += 1


async def main():
    r = Reporter()
    loop = asyncio.get_running_loop()
    loop.call_soon(r.send)  # PLANT ACK301
    await asyncio.sleep(0.05)
    print("sent", r.sent)


asyncio.run(main())
