"""A handler of the program's own handing records to the loop with call_soon_threadsafe; its file writes in a thread."""
import asyncio
import logging


class QueueShipper(logging.Handler):
    def __init__(self, queue, loop):
        super().__init__()
        self.queue, self.loop = queue, loop

    def emit(self, record):
        self.loop.call_soon_threadsafe(self.queue.put_nowait, record.getMessage())


def blocking_import(log):
    log.warning("imported 3 rows")


async def main():
    q = asyncio.Queue(maxsize=50)
    log = logging.getLogger("importer")
    log.propagate = False
    log.addHandler(QueueShipper(q, asyncio.get_running_loop()))
    await asyncio.to_thread(blocking_import, log)
    print("shipped", await asyncio.wait_for(q.get(), 1))


asyncio.run(main())
