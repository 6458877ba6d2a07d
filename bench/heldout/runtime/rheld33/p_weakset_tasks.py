"""A connection manager that tracks its heartbeat tasks in a WeakSet (which holds nothing)."""
import asyncio
import weakref


class Manager:
    def __init__(self):
        self.heartbeats = weakref.WeakSet()
        self.beats = 0

    def connect(self, name):
        task = asyncio.create_task(self._beat(name))  # PLANT ACK302
        self.heartbeats.add(task)

    async def _beat(self, name):
        for _ in range(3):
            await asyncio.sleep(0.02)
            self.beats += 1


async def main():
    m = Manager()
    m.connect("a")
    m.connect("b")
    for _ in range(1000):
        if m.beats == 6:
            break
        await asyncio.sleep(0.01)
    print("beats", m.beats)


asyncio.run(main())
