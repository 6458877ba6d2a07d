"""More ways a service starts background work (written after reading the rules: a probe, not a blind figure)."""
from __future__ import annotations

import asyncio
import signal

_jobs: set = set()


async def install_shutdown(server) -> None:  # expect: dangling-task
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, lambda: asyncio.create_task(server.shutdown()))


async def install_shutdown_kept(server) -> None:  # expect: clean  # near: dangling-task
    loop = asyncio.get_running_loop()

    def on_term() -> None:
        task = asyncio.create_task(server.shutdown())
        _jobs.add(task)
        task.add_done_callback(_jobs.discard)

    loop.add_signal_handler(signal.SIGTERM, on_term)


class Tracker:  # expect: dangling-task
    def __init__(self, sink):
        self.sink = sink

    @classmethod
    async def create(cls, sink) -> "Tracker":
        self = cls(sink)
        asyncio.Task(self._flush_forever())
        return self

    async def _flush_forever(self) -> None:
        while True:
            await self.sink.flush()
            await asyncio.sleep(5)


async def prefetch(cache, keys) -> None:  # expect: dangling-task
    loaders = {k: asyncio.ensure_future(cache.load(k)) for k in keys}
    cache.note_pending(len(loaders))


async def prefetch_awaited(cache, keys) -> dict:  # expect: clean  # near: dangling-task
    loaders = {k: asyncio.ensure_future(cache.load(k)) for k in keys}
    return {k: await f for k, f in loaders.items()}


class Session:  # expect: dangling-task
    def __init__(self, ws):
        self.ws = ws
        self._pinger = None

    async def __aenter__(self) -> "Session":
        pinger = asyncio.get_running_loop().create_task(self._ping())
        pinger.set_name("pinger")
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def _ping(self) -> None:
        while True:
            await self.ws.ping()
            await asyncio.sleep(20)


class Hub:  # expect: dangling-task
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop

    def on_event(self, event) -> None:
        self.loop.call_soon(lambda: asyncio.ensure_future(self.handle(event)))

    async def handle(self, event) -> None:
        await asyncio.sleep(0)
