"""Shard writers on threads and the coordinator meet at a threading.Barrier, waited on in a worker thread."""
import asyncio
import threading
import time

BARRIER = threading.Barrier(3)
LOG = []


def shard_writer(n):
    time.sleep(0.05 * n)
    LOG.append(f"shard{n} flushed")
    BARRIER.wait()


async def checkpoint():
    await asyncio.sleep(0.01)
    await asyncio.to_thread(BARRIER.wait, 5)
    LOG.append("checkpoint")


async def heartbeat():
    for _ in range(3):
        await asyncio.sleep(0.02)
    LOG.append("heartbeat done")


async def main():
    threads = [threading.Thread(target=shard_writer, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(checkpoint())
        tg.create_task(heartbeat())
    await asyncio.to_thread(lambda: [t.join() for t in threads])
    print(sorted(LOG))


asyncio.run(main())
