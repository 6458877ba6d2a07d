"""A connection manager that tracks its heartbeat tasks in a set with a discard callback."""
import asyncio


class Manager:
    def __init__(self):
        self.heartbeats = set()
        self.beats = 0

    def connect(self, name):
        task = asyncio.create_task(self._beat(name))
        self.heartbeats.add(task)
        task.add_done_callback(self.heartbeats.discard)

    async def _beat(self, name):
        for _ in range(3):
            await asyncio.sleep(0.02)
            self.beats += 1


async def main():
    m = Manager()
    m.connect("a")
    m.connect("b")
    await asyncio.gather(*m.heartbeats)
    await asyncio.sleep(0)
    print("beats", m.beats, len(m.heartbeats))


asyncio.run(main())
