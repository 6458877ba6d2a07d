"""A config refresher that keeps its task and stops it on close."""
import asyncio
import contextlib


class ConfigRefresher:
    def __init__(self, interval):
        self.interval = interval
        self.version = 0
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self):
        while True:
            await asyncio.sleep(self.interval)
            self.version += 1

    async def close(self):
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


async def main():
    refresher = ConfigRefresher(0.02)
    await asyncio.sleep(0.15)
    await refresher.close()
    print("refreshed", refresher.version > 2)


asyncio.run(main())
