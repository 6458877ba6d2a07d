"""A connection object that starts its keep-alive task in __init__ and keeps it until close()."""
import asyncio


class Connection:
    def __init__(self, name):
        self.name = name
        self.pings = 0
        self._task = asyncio.get_running_loop().create_task(self._keepalive())

    async def _keepalive(self):
        for _ in range(3):
            await asyncio.sleep(0.005)
            self.pings += 1

    async def close(self):
        await self._task


async def main():
    c = Connection("db")
    await c.close()
    print(c.name, "pings", c.pings)


asyncio.run(main())
