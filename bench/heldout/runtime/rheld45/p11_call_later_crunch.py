"""A periodic scheduler: a call_later callback recomputes statistics inline."""
import asyncio
import statistics

SAMPLES = [((i * 7919) % 1000) / 10 for i in range(60000)]


def percentiles(xs):
    out = []
    for q in (50, 90, 99):
        out.append(round(statistics.quantiles(xs, n=100)[q - 1], 1))
    return out


class Scheduler:
    def __init__(self, loop):
        self.loop = loop
        self.ticks = 0
        self.done = loop.create_future()

    def tick(self):
        self.ticks += 1
        if self.ticks == 2:
            print("p", percentiles(SAMPLES * 20))  # PLANT ACK120
        if self.ticks < 3:
            self.loop.call_later(0.01, self.tick)
        else:
            self.done.set_result(self.ticks)


async def main():
    s = Scheduler(asyncio.get_running_loop())
    s.loop.call_later(0.01, s.tick)
    print("ticks", await s.done)


asyncio.run(main())
