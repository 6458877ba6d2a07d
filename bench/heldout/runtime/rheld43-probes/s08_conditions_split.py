"""A threading.Condition used only by sync code in a thread; coroutines use an asyncio.Condition."""
import asyncio
import threading


class Buffer:
    def __init__(self):
        self._tcond = threading.Condition()
        self._acond = asyncio.Condition()
        self.rows = []
        self.flushed = []

    def sync_add(self, row):
        with self._tcond:
            self.rows.append(row)
            self._tcond.notify_all()

    async def add(self, row):
        async with self._acond:
            self.rows.append(row)
            await asyncio.sleep(0.01)
            self.flushed.extend(self.rows)
            self.rows.clear()


async def main():
    b = Buffer()
    await asyncio.to_thread(b.sync_add, "t1")
    await b.add("r1")
    print("flushed", b.flushed)


asyncio.run(main())
