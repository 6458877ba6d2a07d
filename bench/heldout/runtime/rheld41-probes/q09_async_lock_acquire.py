"""An asyncio.Lock taken with acquire() across an await; a threading lock only around a sync update."""
import asyncio
import threading

_write_lock = asyncio.Lock()
_stats_lock = threading.Lock()
journal = []
stats = {"n": 0}


async def append(entry):
    await _write_lock.acquire()
    try:
        await asyncio.sleep(0.005)
        journal.append(entry)
    finally:
        _write_lock.release()
    _stats_lock.acquire()
    stats["n"] += 1
    _stats_lock.release()


async def main():
    await asyncio.gather(append("a"), append("b"))
    print("journal", sorted(journal), stats)


asyncio.run(main())
