"""A job queue that fires background reporters but keeps them in a set until they finish."""
import asyncio

REPORTED = []


class JobQueue:
    def __init__(self):
        self.q = asyncio.Queue(maxsize=50)
        self.background = set()

    async def _report(self, job):
        await asyncio.sleep(0.005)
        REPORTED.append(job)

    async def worker(self):
        while True:
            job = await self.q.get()
            if job is None:
                return
            t = asyncio.create_task(self._report(job))
            self.background.add(t)
            t.add_done_callback(self.background.discard)

    async def run(self, jobs):
        w = asyncio.create_task(self.worker())
        for j in jobs:
            await self.q.put(j)
        await self.q.put(None)
        await w
        while self.background:
            await asyncio.sleep(0.005)


asyncio.run(JobQueue().run(["a", "b", "c"]))
print(sorted(REPORTED))
