"""A watchdog-like observer thread cancelling a task that overran its budget."""
import asyncio
import threading
import time


class Observer(threading.Thread):
    def __init__(self, task, budget):
        super().__init__(daemon=True)
        self.task, self.budget = task, budget

    def run(self):
        time.sleep(self.budget)
        if not self.task.done():
            self.task.cancel()  # PLANT ACK401


async def slow_report():
    for _ in range(100):
        await asyncio.sleep(0.005)
    return "report"


async def main():
    task = asyncio.create_task(slow_report())
    obs = Observer(task, 0.03)
    obs.start()
    try:
        print(await task)
    except asyncio.CancelledError:
        print("report cancelled")
    await asyncio.to_thread(obs.join)


asyncio.run(main())
