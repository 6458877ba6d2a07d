"""A log shipper fed by a logging handler: the service logs from its request coroutines and its report workers."""
import asyncio
import concurrent.futures
import logging


class ShipHandler(logging.Handler):
    def __init__(self, queue):
        super().__init__()
        self.queue = queue

    def emit(self, record):
        self.queue.put_nowait(self.format(record))  # PLANT ACK401


def build_report(name):
    log = logging.getLogger("reports")
    rows = sum(range(1000))
    log.info("report %s built with checksum %d", name, rows)
    return name


async def handle_request(path):
    logging.getLogger("http").info("GET %s", path)
    await asyncio.sleep(0.005)


async def ship(queue, shipped, stop):
    while not stop.is_set() or not queue.empty():
        batch = []
        while not queue.empty():
            batch.append(queue.get_nowait())
        shipped.extend(batch)
        await asyncio.sleep(0.02)


async def main():
    queue = asyncio.Queue()
    handler = ShipHandler(queue)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    shipped, stop = [], asyncio.Event()
    shipper = asyncio.create_task(ship(queue, shipped, stop))
    loop = asyncio.get_running_loop()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for path in ("/", "/orders", "/health"):
            await handle_request(path)
        await asyncio.gather(*(loop.run_in_executor(pool, build_report, name) for name in ("daily", "weekly")))
    await asyncio.sleep(0.03)
    stop.set()
    await shipper
    print(sorted(shipped))


asyncio.run(main())
