"""An async context manager class taking an asyncio.Lock in __aenter__; a threading.Lock only around a counter."""
import asyncio
import threading


class Exclusive:
    _lock = None
    _count_lock = threading.Lock()
    entered = 0

    async def __aenter__(self):
        if Exclusive._lock is None:
            Exclusive._lock = asyncio.Lock()
        await self._lock.acquire()
        with self._count_lock:
            Exclusive.entered += 1
        return self

    async def __aexit__(self, *exc):
        self._lock.release()
        return False


async def migrate(step, log):
    async with Exclusive():
        await asyncio.sleep(0.01)
        log.append(step)


async def main():
    log = []
    await asyncio.gather(migrate("v1", log), migrate("v2", log))
    print("migrated", log, Exclusive.entered)


asyncio.run(main())
