"""A memory profile of a task-heavy service: tracemalloc's statistics per line of this file, and the top
frame of a few allocations."""
import asyncio
import os
import tracemalloc

HERE = os.path.basename(__file__)


async def session(n, store):
    store.append({"id": n, "payload": "x" * 64})
    await asyncio.sleep(0)


async def main():
    store = []
    tracemalloc.start(1)
    before = tracemalloc.take_snapshot()
    tasks = [asyncio.create_task(session(n, store)) for n in range(2000)]
    queue = asyncio.Queue()
    for n in range(500):
        queue.put_nowait(n)
    await asyncio.gather(*tasks)
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    mine = after.filter_traces([tracemalloc.Filter(True, __file__)])
    stats = mine.compare_to(before.filter_traces([tracemalloc.Filter(True, __file__)]), "lineno")
    for stat in sorted(stats, key=lambda s: s.traceback[0].lineno):
        if stat.count_diff >= 100:
            frame = stat.traceback[0]
            print(os.path.basename(frame.filename) == HERE, frame.lineno, stat.count_diff // 100 * 100)
    print(len(store), queue.qsize())


asyncio.run(main())
