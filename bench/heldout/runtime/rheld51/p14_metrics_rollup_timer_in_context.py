"""A metrics aggregator rolls up latency samples every 50 ms into per-route percentiles; the rollup runs from a
loop timer in a copy of the request context (so its log lines carry the tenant)."""
import asyncio
import contextvars
import random

TENANT = contextvars.ContextVar("tenant", default="-")
rng = random.Random(5)
SAMPLES = [(f"/r{rng.randrange(40)}", rng.random() * 300) for _ in range(250_000)]


def percentiles(samples):
    by_route = {}
    for route, ms in sorted(samples, key=lambda s: (s[0], s[1])):
        by_route.setdefault(route, []).append(ms)
    return {r: round(v[int(len(v) * 0.99) - 1]) for r, v in by_route.items()}


class Rollup:
    def __init__(self):
        self.reports = []

    def run(self, samples):
        table = percentiles(samples)  # PLANT ACK120
        self.reports.append((TENANT.get(), len(table)))


async def main():
    rollup = Rollup()
    loop = asyncio.get_running_loop()
    TENANT.set("acme")
    ctx = contextvars.copy_context()
    TENANT.set("-")
    loop.call_later(0.05, rollup.run, SAMPLES, context=ctx)
    await asyncio.sleep(0.1)
    while not rollup.reports:
        await asyncio.sleep(0.05)
    print(rollup.reports)


asyncio.run(main())
