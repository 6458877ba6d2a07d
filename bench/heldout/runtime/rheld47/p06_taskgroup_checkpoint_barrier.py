"""Shard writers on threads and the coordinator's tasks meet at a threading.Barrier before a checkpoint."""
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
    BARRIER.wait(timeout=5)  # PLANT ACK106
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
    for t in threads:
        t.join()
    print(sorted(LOG))


asyncio.run(main())
