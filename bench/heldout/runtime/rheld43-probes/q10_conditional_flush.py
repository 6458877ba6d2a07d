"""A writer that flushes only when dirty, through a conditional expression that never awaits."""
import asyncio


class Writer:
    def __init__(self):
        self.buf = []
        self.sent = []

    async def flush(self):
        await asyncio.sleep(0)
        self.sent.extend(self.buf)
        self.buf.clear()

    async def write(self, item, dirty):
        self.buf.append(item)
        self.flush() if dirty else None  # PLANT ACK301
        await asyncio.sleep(0)


async def main():
    w = Writer()
    await w.write("a", dirty=True)
    print("sent", w.sent, "buffered", w.buf)


asyncio.run(main())
