"""A graceful-shutdown orchestrator: on SIGTERM it stops taking work, cancels the workers and waits for them to
drain; a worker cancelled in the middle of its batch records where it stopped and lets the cancellation go on."""
import asyncio
import os
import signal


async def worker(name, items, processed):
    for item in items:
        try:
            await asyncio.sleep(0.02)
        except asyncio.CancelledError:
            processed.append(f"{name}:{item}*")
            raise
        processed.append(f"{name}:{item}")
    return name


class Orchestrator:
    def __init__(self):
        self.stopping = asyncio.Event()
        self.workers = []

    def on_sigterm(self):
        self.stopping.set()

    async def run(self):
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, self.on_sigterm)
        processed = []
        self.workers = [asyncio.create_task(worker(f"w{n}", range(50), processed)) for n in range(2)]
        loop.call_later(0.05, os.kill, os.getpid(), signal.SIGTERM)
        await self.stopping.wait()
        for t in self.workers:
            t.cancel()
        outcomes = await asyncio.gather(*self.workers, return_exceptions=True)
        loop.remove_signal_handler(signal.SIGTERM)
        return [type(o).__name__ for o in outcomes], sum(p.endswith("*") for p in processed)


print(*asyncio.run(Orchestrator().run()))
