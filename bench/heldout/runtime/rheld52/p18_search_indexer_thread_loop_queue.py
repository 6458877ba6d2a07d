"""A search autocomplete service: a separate indexer thread runs its own event loop (its crawler client is
async) and hands each freshly built prefix table to the service's loop through the service's update queue."""
import asyncio
import threading

DOCS = {"d1": "asyncio event loop", "d2": "async generators", "d3": "event sourcing", "d4": "loop unrolling"}


async def build_prefixes(doc_id, text):
    await asyncio.sleep(0.005)
    table = {}
    for word in text.split():
        for n in range(1, len(word) + 1):
            table.setdefault(word[:n], set()).add(doc_id)
    return table


def indexer(updates, done):
    async def crawl():
        for doc_id, text in DOCS.items():
            table = await build_prefixes(doc_id, text)
            updates.put_nowait(table)  # PLANT ACK401
        updates.put_nowait(None)

    asyncio.run(crawl())
    done.set()


async def apply_updates(updates, index):
    while (table := await updates.get()) is not None:
        for prefix, ids in table.items():
            index.setdefault(prefix, set()).update(ids)


async def ticker(stop):
    while not stop.is_set():
        await asyncio.sleep(0.01)


async def main():
    updates = asyncio.Queue()
    index = {}
    done = threading.Event()
    applier = asyncio.create_task(apply_updates(updates, index))
    await asyncio.sleep(0)
    worker = threading.Thread(target=indexer, args=(updates, done))
    worker.start()
    await asyncio.gather(applier, ticker(done))
    await asyncio.to_thread(worker.join)
    for prefix in ("as", "ev", "lo", "g"):
        print(prefix, sorted(index.get(prefix, ())))


asyncio.run(main())
