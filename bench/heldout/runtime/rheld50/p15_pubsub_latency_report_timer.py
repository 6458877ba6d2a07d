"""A pub/sub broker records each delivery's latency; a loop timer reports the percentiles per subscriber."""
import asyncio
import random

rng = random.Random(7)
LATENCIES = [(f"sub-{n % 40}", rng.random()) for n in range(250_000)]
REPORTS = []


def rank(sample):
    subscriber, latency = sample
    return (int(subscriber[4:]), round(latency, 6), subscriber)


def report_percentiles():
    ordered = sorted(LATENCIES, key=rank)  # PLANT ACK120
    REPORTS.append((ordered[0][0], len(ordered)))


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.01, report_percentiles)
    while not REPORTS:
        await asyncio.sleep(0.01)
    print(REPORTS)


asyncio.run(main())
