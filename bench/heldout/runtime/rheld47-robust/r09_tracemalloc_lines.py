"""A memory report: tracemalloc statistics of the service's own lines after its tasks built their caches."""
import asyncio
import os
import tracemalloc

CACHE = {}


async def build(key, n):
    await asyncio.sleep(0)
    CACHE[key] = [bytes(1000) for _ in range(n)]
    CACHE[key + "-index"] = {i: str(i) for i in range(n)}


def read_source():
    with open(__file__, "rb") as f:
        return f.read()


async def main():
    await asyncio.gather(build("a", 200), build("b", 400))
    data = await asyncio.to_thread(read_source)
    CACHE["source"] = data * 50


tracemalloc.start(3)
asyncio.run(main())
snap = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(True, __file__)])
stats = [s for s in snap.statistics("lineno") if s.size > 20000]
tracemalloc.stop()
for s in sorted(stats, key=lambda s: s.traceback[0].lineno):
    frame = s.traceback[0]
    print(os.path.basename(frame.filename), frame.lineno, s.size // 10000)
