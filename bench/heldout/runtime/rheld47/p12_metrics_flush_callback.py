"""A latency recorder: requests record timings, a call_later callback summarises all samples every flush."""
import asyncio
import contextvars
import random
import statistics

route = contextvars.ContextVar("route", default="?")
SAMPLES = []
REPORTS = []


def summarize(samples):
    cuts = statistics.quantiles(samples, n=100)
    return {"p50": round(cuts[49], 3), "p99": round(cuts[98], 3), "sd": round(statistics.pstdev(samples), 3)}


def flush(loop, left):
    REPORTS.append(summarize(SAMPLES))  # PLANT ACK120
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
    await asyncio.sleep(0.5)
    print(len(SAMPLES), REPORTS[-1]["p50"] > 0.4, len(REPORTS))


asyncio.run(main())
