"""A handler of the program's own pushing records into an asyncio.Queue; a worker thread logs through it."""
import asyncio
import logging


class QueueShipper(logging.Handler):
    def __init__(self, queue):
        super().__init__()
        self.queue = queue

    def emit(self, record):
        self.queue.put_nowait(record.getMessage())  # PLANT ACK401


def blocking_import(log):
    log.warning("imported 3 rows")


async def main():
    q = asyncio.Queue(maxsize=50)
    log = logging.getLogger("importer")
    log.propagate = False
    log.addHandler(QueueShipper(q))
    await asyncio.to_thread(blocking_import, log)
    print("shipped", await asyncio.wait_for(q.get(), 1))


asyncio.run(main())
