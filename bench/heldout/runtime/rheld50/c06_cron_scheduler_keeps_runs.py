"""A cron-style scheduler: each job has a period; the loop's timer (call_at) fires it and keeps its run's task
until it ends."""
import asyncio

RUNS = []


async def rotate_logs():
    await asyncio.sleep(0.01)
    RUNS.append("rotate_logs")


async def refresh_tokens():
    await asyncio.sleep(0.01)
    RUNS.append("refresh_tokens")


class Cron:
    def __init__(self, loop):
        self.loop = loop
        self.handles = {}
        self.running = set()

    def every(self, seconds, job):
        self.handles[job.__name__] = self.loop.call_at(self.loop.time() + seconds, self.fire, seconds, job)

    def fire(self, seconds, job):
        run = self.loop.create_task(job())
        self.running.add(run)
        run.add_done_callback(self.running.discard)
        self.every(seconds, job)

    async def shutdown(self):
        for handle in self.handles.values():
            handle.cancel()
        await asyncio.gather(*self.running)


async def main():
    cron = Cron(asyncio.get_running_loop())
    cron.every(0.03, rotate_logs)
    cron.every(0.05, refresh_tokens)
    await asyncio.sleep(0.17)
    await cron.shutdown()
    print(sorted(set(RUNS)), len(RUNS) >= 2)


asyncio.run(main())
