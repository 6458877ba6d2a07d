"""A buffered writer whose close() forgets to await its async flush()."""
import asyncio


class BufferedSink:
    def __init__(self):
        self.buf = []
        self.flushed = []

    async def flush(self):
        await asyncio.sleep(0)
        self.flushed.extend(self.buf)
        self.buf.clear()

    async def write(self, item):
        self.buf.append(item)
        if len(self.buf) >= 3:
            await self.flush()

    async def close(self):
        if self.buf:
            self.flush()  # PLANT ACK301


async def main():
    sink = BufferedSink()
    for i in range(4):
        await sink.write(i)
    await sink.close()
    print(sink.flushed)


asyncio.run(main())
