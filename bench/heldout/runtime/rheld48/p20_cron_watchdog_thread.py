"""A cron daemon's watchdog thread cancels a job that overruns its budget."""
import asyncio
import threading
import time


class Watchdog(threading.Thread):
    def __init__(self, budget):
        super().__init__(daemon=True)
        self.budget = budget
        self.job = None
        self.started_at = None
        self.cancelled = []
        self.stop = threading.Event()

    def watch(self, name, task):
        self.job, self.started_at = (name, task), time.monotonic()

    def run(self):
        while not self.stop.wait(0.005):
            job = self.job
            if job and time.monotonic() - self.started_at > self.budget:
                name, task = job
                self.job = None
                self.cancelled.append(name)
                task.cancel()  # PLANT ACK401


async def job(seconds):
    await asyncio.sleep(seconds)
    return "done"


async def main():
    async def heartbeat():
        while True:
            await asyncio.sleep(0.01)

    beat = asyncio.create_task(heartbeat())
    dog = Watchdog(budget=0.05)
    dog.start()
    outcomes = []
    for name, seconds in (("quick", 0.01), ("slow", 5), ("quick2", 0.01)):
        task = asyncio.create_task(job(seconds))
        dog.watch(name, task)
        try:
            outcomes.append(await asyncio.wait_for(asyncio.shield(task), 1))
        except (asyncio.CancelledError, asyncio.TimeoutError):
            outcomes.append(f"{name} cancelled")
        dog.job = None
    dog.stop.set()
    beat.cancel()
    print(outcomes, dog.cancelled)


asyncio.run(main())
