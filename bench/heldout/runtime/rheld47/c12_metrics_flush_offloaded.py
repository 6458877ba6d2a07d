"""A latency recorder: a call_later callback hands a copy of the samples to a worker thread to summarise."""
import asyncio
import contextvars
import random
import statistics

route = contextvars.ContextVar("route", default="?")
SAMPLES = []
REPORTS = []
PENDING = set()


def summarize(samples):
    cuts = statistics.quantiles(samples, n=100)
    return {"p50": round(cuts[49], 3), "p99": round(cuts[98], 3), "sd": round(statistics.pstdev(samples), 3)}


async def summarize_off_loop(snapshot):
    REPORTS.append(await asyncio.to_thread(summarize, snapshot))


def flush(loop, left):
    task = loop.create_task(summarize_off_loop(list(SAMPLES)))
    PENDING.add(task)
    task.add_done_callback(PENDING.discard)
    if left > 1:
        loop.call_later(0.05, flush, loop, left - 1)


async def handle(path, rnd):
    route.set(path)
    for _ in range(60000):
        SAMPLES.append(rnd.random())
    await asyncio.sleep(0.01)


async def main():
    loop = asyncio.get_running_loop()
    rnd = random.Random(7)
    loop.call_later(0.05, flush, loop, 2)
    for path in ("/a", "/b", "/c"):
        await handle(path, rnd)
    await asyncio.sleep(0.3)
    while PENDING:
        await asyncio.sleep(0.05)
    print(len(SAMPLES), REPORTS[-1]["p50"] > 0.4, len(REPORTS))


asyncio.run(main())
