"""Structured logging through a QueueHandler; a QueueListener thread writes the file."""
import asyncio
import json
import logging
import logging.handlers
import os
import queue
import tempfile

LOG = os.path.join(tempfile.mkdtemp(), "events.jsonl")


class JsonLinesHandler(logging.Handler):
    def emit(self, record):
        with open(LOG, "a") as f:
            f.write(json.dumps({"level": record.levelname, "msg": record.getMessage()}) + "\n")


records = queue.Queue()
listener = logging.handlers.QueueListener(records, JsonLinesHandler())
log = logging.getLogger("svc")
log.setLevel(logging.INFO)
log.addHandler(logging.handlers.QueueHandler(records))
log.propagate = False


async def handle(n):
    await asyncio.sleep(0.01)
    log.info("handled %d", n)


async def main():
    await asyncio.gather(*(handle(n) for n in range(5)))


listener.start()
asyncio.run(main())
listener.stop()
with open(LOG) as f:
    print(len(f.readlines()), "records")
