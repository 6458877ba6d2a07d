"""A config cache guarded by an RLock taken through a contextmanager helper."""
import asyncio
import contextlib
import threading

_guard = threading.RLock()
_cache = {}


@contextlib.contextmanager
def locked():
    _guard.acquire()
    try:
        yield _cache
    finally:
        _guard.release()


async def fetch(key):
    await asyncio.sleep(0.005)
    return key.upper()


async def refresh(keys):
    with locked() as cache:  # PLANT ACK201
        for k in keys:
            cache[k] = await fetch(k)


async def main():
    await refresh(["a", "b"])
    print(sorted(_cache.items()))


asyncio.run(main())
