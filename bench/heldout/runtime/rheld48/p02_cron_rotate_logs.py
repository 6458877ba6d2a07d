"""A cron-like scheduler: every job has a period in ticks; the log rotation job waits for writers to let go."""
import asyncio
import os
import tempfile
import time

LOGDIR = tempfile.mkdtemp()
DONE = []


def rotate_logs():
    path = os.path.join(LOGDIR, "app.log")
    with open(path, "a") as f:
        f.write("line\n")
    time.sleep(0.15)
    os.replace(path, path + ".1")
    DONE.append("rotate")


def heartbeat():
    DONE.append("beat")


class Scheduler:
    def __init__(self, tick):
        self.tick = tick
        self.jobs = []

    def every(self, ticks, job):
        self.jobs.append((ticks, job))

    async def run(self, total_ticks):
        for n in range(1, total_ticks + 1):
            await asyncio.sleep(self.tick)
            for period, job in self.jobs:
                if n % period == 0:
                    job()  # PLANT ACK101


async def main():
    cron = Scheduler(0.01)
    cron.every(1, heartbeat)
    cron.every(3, rotate_logs)
    await cron.run(4)
    print(DONE, sorted(os.listdir(LOGDIR)))


asyncio.run(main())
