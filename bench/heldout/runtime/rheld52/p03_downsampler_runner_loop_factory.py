"""A time-series downsampler: raw sensor points (one a millisecond) are rolled up into 1 s buckets with min, max
and mean per series before they are written to the long-term store. Runs in an `asyncio.Runner` whose loop
factory tags the loop for the service's metrics."""
import asyncio
import math
import random


def make_loop():
    loop = asyncio.new_event_loop()
    loop.set_debug(False)
    return loop


def series(name, n, seed):
    rng = random.Random(seed)
    return name, [(t, math.sin(t / 500) * 10 + rng.gauss(0, 1)) for t in range(n)]


def downsample(points, width_ms=1000):
    buckets = {}
    for t, v in points:
        b = buckets.setdefault(t // width_ms, [math.inf, -math.inf, 0.0, 0])
        b[0] = min(b[0], v)
        b[1] = max(b[1], v)
        b[2] += v
        b[3] += 1
    return [(k, round(lo, 2), round(hi, 2), round(s / n, 2)) for k, (lo, hi, s, n) in sorted(buckets.items())]


async def store(name, rows):
    await asyncio.sleep(0.01)
    return name, len(rows)


async def rollup(raw):
    written = []
    for name, points in raw:
        rows = downsample(points)  # PLANT ACK120
        written.append(await store(name, rows))
    return written


def main():
    raw = [series(f"sensor-{i}", 400_000, i) for i in range(2)]
    with asyncio.Runner(loop_factory=make_loop) as runner:
        written = runner.run(rollup(raw))
    print(written)


main()
