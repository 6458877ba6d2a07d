"""A threading lock taken with acquire() before an await and released after it."""
import asyncio
import threading

_write_lock = threading.Lock()
journal = []


async def append(entry):
    _write_lock.acquire()  # PLANT ACK201
    try:
        await asyncio.sleep(0.005)
        journal.append(entry)
    finally:
        _write_lock.release()


async def main():
    for e in ("a", "b"):
        await append(e)
    print("journal", journal)


asyncio.run(main())
