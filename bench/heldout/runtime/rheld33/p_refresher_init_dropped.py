"""A config refresher that starts its loop from __init__ and forgets the task."""
import asyncio


class ConfigRefresher:
    def __init__(self, interval):
        self.interval = interval
        self.version = 0
        asyncio.get_running_loop().create_task(self._run())  # PLANT ACK302

    async def _run(self):
        while True:
            await asyncio.sleep(self.interval)
            self.version += 1


async def main():
    refresher = ConfigRefresher(0.02)
    await asyncio.sleep(0.15)
    print("refreshed", refresher.version > 2)


asyncio.run(main())
