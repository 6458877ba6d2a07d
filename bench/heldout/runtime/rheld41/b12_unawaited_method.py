"""A session whose close() forgets to await its async flush()."""
import asyncio


class Session:
    def __init__(self):
        self.buffer = ["a", "b"]
        self.sent = []
        self.closed = False

    async def flush(self):
        await asyncio.sleep(0)
        self.sent.extend(self.buffer)
        self.buffer.clear()

    async def close(self):
        self.flush()  # PLANT ACK301
        self.closed = True


async def main():
    s = Session()
    await s.close()
    print("closed", s.closed, "sent", s.sent)


asyncio.run(main())
