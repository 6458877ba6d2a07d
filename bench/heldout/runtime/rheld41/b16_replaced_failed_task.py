"""A refresher that replaces its task handle on each kick; a failed run is never looked at."""
import asyncio
import gc


class Refresher:
    def __init__(self):
        self._task = None
        self.runs = 0

    async def _refresh(self):
        self.runs += 1
        await asyncio.sleep(0)
        if self.runs == 1:
            raise ConnectionError("upstream reset")
        return "fresh"

    def kick(self):
        self._task = asyncio.create_task(self._refresh())  # PLANT ACK303
        return self._task


async def main():
    r = Refresher()
    r.kick()
    await asyncio.sleep(0.02)
    last = r.kick()
    print("second run:", await last)
    gc.collect()
    await asyncio.sleep(0)
    print("runs", r.runs)


asyncio.run(main())
