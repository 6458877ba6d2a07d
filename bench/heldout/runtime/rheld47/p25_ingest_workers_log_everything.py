"""Ingest workers log every failure to a file and keep going; shutdown cancels them, then sends sentinels."""
import asyncio
import logging
import os
import tempfile

LOGFILE = os.path.join(tempfile.mkdtemp(), "ingest.log")
log = logging.getLogger("ingest")
log.addHandler(logging.FileHandler(LOGFILE))
log.propagate = False


async def ingest(item):
    await asyncio.sleep(0.01)
    if item % 4 == 3:
        raise ValueError(f"bad record {item}")
    return item


async def worker(q, done):
    while True:
        item = await q.get()
        if item is None:
            return
        try:
            done.append(await ingest(item))
        except BaseException:  # PLANT ACK601
            log.exception("item %s failed", item)


async def main():
    q = asyncio.Queue(maxsize=20)
    done = []
    workers = [asyncio.create_task(worker(q, done)) for _ in range(2)]
    for item in range(8):
        await q.put(item)
    await asyncio.sleep(0.005)
    for w in workers:
        w.cancel()
    await asyncio.sleep(0.05)
    for _ in workers:
        await q.put(None)
    await asyncio.gather(*workers)
    return len(done) > 0


ingested = asyncio.run(main())
print("ingested", ingested, "log lines", len(open(LOGFILE).read().splitlines()) > 0)
