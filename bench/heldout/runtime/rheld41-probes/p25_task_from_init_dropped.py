"""A connection object that starts its keep-alive task in __init__ and drops the handle."""
import asyncio


class Connection:
    def __init__(self, name):
        self.name = name
        self.pings = 0
        asyncio.get_running_loop().create_task(self._keepalive())  # PLANT ACK302

    async def _keepalive(self):
        for _ in range(3):
            await asyncio.sleep(0.005)
            self.pings += 1


async def main():
    c = Connection("db")
    await asyncio.sleep(0.05)
    print(c.name, "pings", c.pings)


asyncio.run(main())
