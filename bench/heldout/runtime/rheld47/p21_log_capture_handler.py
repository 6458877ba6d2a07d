"""A log capture handler buffers formatted records on the loop for a live view; workers log too."""
import asyncio
import logging


class LiveViewHandler(logging.Handler):
    def __init__(self, loop):
        super().__init__()
        self.loop = loop
        self.lines = []

    def emit(self, record):
        self.loop.call_soon(self.lines.append, self.format(record))  # PLANT ACK402


log = logging.getLogger("jobs")
log.setLevel(logging.INFO)


def crunch(n):
    log.info("crunching %d", n)
    return sum(range(n))


async def main():
    handler = LiveViewHandler(asyncio.get_running_loop())
    log.addHandler(handler)
    log.info("start")
    total = await asyncio.to_thread(crunch, 1000)
    await asyncio.sleep(0.05)
    log.info("total %d", total)
    await asyncio.sleep(0.01)
    print(sorted(handler.lines))


asyncio.run(main())
