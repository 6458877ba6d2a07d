"""An async context manager class taking a threading.Lock in __aenter__ and giving it back in __aexit__."""
import asyncio
import threading


class Exclusive:
    _lock = threading.Lock()

    async def __aenter__(self):
        self._lock.acquire()
        return self

    async def __aexit__(self, *exc):
        self._lock.release()
        return False


async def migrate(step, log):
    async with Exclusive():  # PLANT ACK201
        await asyncio.sleep(0.01)
        log.append(step)


async def main():
    log = []
    await migrate("v1", log)
    await migrate("v2", log)
    print("migrated", log)


asyncio.run(main())
