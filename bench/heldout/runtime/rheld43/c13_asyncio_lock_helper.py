"""A registry guarded by an asyncio.Lock taken through a helper async context manager; a threading lock only for a sync counter."""
import asyncio
import contextlib
import threading


class Registry:
    def __init__(self):
        self._lock = asyncio.Lock()
        self._count_lock = threading.Lock()
        self.items = {}
        self.calls = 0

    @contextlib.asynccontextmanager
    async def guarded(self):
        async with self._lock:
            yield self.items

    def bump(self):
        with self._count_lock:
            self.calls += 1


async def register(reg, name):
    reg.bump()
    async with reg.guarded() as items:
        await asyncio.sleep(0.01)
        items[name] = len(items)


async def main():
    reg = Registry()
    await asyncio.gather(register(reg, "svc-a"), register(reg, "svc-b"))
    print("registered", sorted(reg.items), "calls", reg.calls)


asyncio.run(main())
