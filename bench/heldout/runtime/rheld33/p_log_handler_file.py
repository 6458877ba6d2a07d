"""A structured-logging handler that appends each record as a JSON line, opening the file per record."""
import asyncio
import json
import logging
import os
import tempfile

LOG = os.path.join(tempfile.mkdtemp(), "events.jsonl")


class JsonLinesHandler(logging.Handler):
    def __init__(self, path):
        super().__init__()
        self.path = path

    def emit(self, record):
        line = json.dumps({"level": record.levelname, "msg": record.getMessage()})
        with open(self.path, "a") as f:  # PLANT ACK103
            f.write(line + "\n")


log = logging.getLogger("svc")
log.setLevel(logging.INFO)
log.addHandler(JsonLinesHandler(LOG))
log.propagate = False


async def handle(n):
    await asyncio.sleep(0.01)
    log.info("handled %d", n)


async def main():
    await asyncio.gather(*(handle(n) for n in range(5)))


asyncio.run(main())
with open(LOG) as f:
    print(len(f.readlines()), "records")
