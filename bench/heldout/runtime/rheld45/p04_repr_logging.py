"""A job whose __repr__ reads a label file, logged by a worker: the format runs on the loop."""
import asyncio
import logging
import os
import sys
import tempfile

LABELS = os.path.join(tempfile.mkdtemp(), "labels.txt")
with open(LABELS, "w") as f:
    f.write("1=resize\n2=thumbnail\n")

logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(levelname)s %(message)s")
log = logging.getLogger("jobs")


class Job:
    def __init__(self, kind):
        self.kind = kind

    def __repr__(self):
        with open(LABELS) as fh:  # PLANT ACK103
            names = dict(line.strip().split("=") for line in fh)
        return f"<Job {names[str(self.kind)]}>"


async def worker(q):
    while True:
        job = await q.get()
        if job is None:
            return
        log.info("running %r", job)
        await asyncio.sleep(0.001)


async def main():
    q = asyncio.Queue(maxsize=10)
    w = asyncio.create_task(worker(q))
    for kind in (1, 2, 1):
        await q.put(Job(kind))
    await q.put(None)
    await w
    print("done")


asyncio.run(main())
