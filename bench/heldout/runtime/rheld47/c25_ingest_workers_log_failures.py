"""Ingest workers log failures to a file and keep going; shutdown cancels them and collects their endings."""
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
        try:
            done.append(await ingest(item))
        except Exception:
            log.exception("item %s failed", item)
        finally:
            q.task_done()


async def main():
    q = asyncio.Queue(maxsize=20)
    done = []
    workers = [asyncio.create_task(worker(q, done)) for _ in range(2)]
    for item in range(8):
        await q.put(item)
    await q.join()
    for w in workers:
        w.cancel()
    endings = await asyncio.gather(*workers, return_exceptions=True)
    return len(done), sum(isinstance(e, asyncio.CancelledError) for e in endings)


ingested, cancelled = asyncio.run(main())
print("ingested", ingested, "cancelled", cancelled, "log lines", len(open(LOGFILE).read().splitlines()) > 0)
