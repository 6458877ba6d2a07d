"""A registry guarded by a threading.RLock taken through a helper context manager, held across an await."""
import asyncio
import contextlib
import threading


class Registry:
    def __init__(self):
        self._lock = threading.RLock()
        self.items = {}

    @contextlib.contextmanager
    def guarded(self):
        with self._lock:
            yield self.items


async def register(reg, name):
    with reg.guarded() as items:  # PLANT ACK201
        await asyncio.sleep(0.01)
        items[name] = len(items)


async def main():
    reg = Registry()
    await register(reg, "svc-a")
    await register(reg, "svc-b")
    print("registered", reg.items)


asyncio.run(main())
