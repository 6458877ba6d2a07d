"""A helper coroutine holding a threading.Condition while it awaits the flush."""
import asyncio
import threading


class Buffer:
    def __init__(self):
        self._cond = threading.Condition()
        self.rows = []
        self.flushed = []

    async def _flush(self):
        await asyncio.sleep(0.01)
        self.flushed.extend(self.rows)
        self.rows.clear()

    async def add(self, row):
        with self._cond:  # PLANT ACK201
            self.rows.append(row)
            await self._flush()
            self._cond.notify_all()


async def main():
    b = Buffer()
    await b.add("r1")
    await b.add("r2")
    print("flushed", b.flushed)


asyncio.run(main())
