"""A cron-like runner starts each due job as a task and keeps the tasks to count how many ran this minute."""
import asyncio

RESULTS = {}


async def backup():
    await asyncio.sleep(0.01)
    RESULTS["backup"] = "ok"


async def send_digest():
    await asyncio.sleep(0.005)
    raise ConnectionRefusedError("smtp refused the connection")


async def vacuum():
    await asyncio.sleep(0.01)
    RESULTS["vacuum"] = "ok"


class Cron:
    def __init__(self, jobs):
        self.jobs = jobs
        self.started = []

    async def minute(self, n):
        loop = asyncio.get_running_loop()
        for every, job in self.jobs:
            if n % every == 0:
                self.started.append(loop.create_task(job()))  # PLANT ACK303
        await asyncio.sleep(0.03)
        count = len(self.started)
        self.started = []
        return count


async def main():
    cron = Cron([(1, backup), (2, send_digest), (3, vacuum)])
    counts = [await cron.minute(n) for n in range(1, 4)]
    print(counts, sorted(RESULTS.items()))


asyncio.run(main())
