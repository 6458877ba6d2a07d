"""The field station's job runner: uploads, compaction, alerts."""
from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass

log = logging.getLogger("jobs")


@dataclass
class Limits:  # expect: clean
    upload_backlog: int = 0
    alert_backlog: int = 256


LIMITS = Limits(upload_backlog=int(os.environ.get("UPLOAD_BACKLOG", "0")))


class Uploads:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.pending: asyncio.Queue = asyncio.Queue(LIMITS.upload_backlog)

    async def watch(self, sensor) -> None:
        async for reading in sensor.readings():
            await self.pending.put(reading)


class Alerts:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.pending: asyncio.Queue = asyncio.Queue(LIMITS.alert_backlog)

    async def watch(self, sensor) -> None:
        async for alert in sensor.alerts():
            await self.pending.put(alert)


class Broadcast:  # expect: unbounded-queue
    listeners: list[asyncio.Queue] = []

    @classmethod
    def listen(cls) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue()
        cls.listeners.append(q)
        return q

    @classmethod
    def send(cls, event: dict) -> None:
        for q in cls.listeners:
            q.put_nowait(event)


async def compact_all(stores: list) -> None:  # expect: dangling-task
    {s.name: asyncio.create_task(s.compact()) for s in stores}
    log.info("compacting %d stores", len(stores))


async def compact_all_awaited(stores: list) -> None:  # expect: clean  # near: dangling-task
    running = {s.name: asyncio.create_task(s.compact()) for s in stores}
    for name, task in running.items():
        await task
        log.info("compacted %s", name)


async def refresh(sources: list) -> None:  # expect: dangling-task
    asyncio.gather(*(asyncio.create_task(s.refresh()) for s in sources))


async def refresh_awaited(sources: list) -> None:  # expect: clean  # near: dangling-task
    await asyncio.gather(*(s.refresh() for s in sources))


async def rotate(store, keep: int) -> None:  # expect: dangling-task
    cleanup = asyncio.create_task(store.prune(keep)) if keep else asyncio.create_task(store.prune_all())
    log.debug("rotating %s", store.name)


class Uploader:  # expect: cancellation-swallowed
    async def run(self, uploads: Uploads, remote) -> None:
        while True:
            item = await uploads.pending.get()
            try:
                await remote.send(item)
            except BaseException as exc:
                log.warning("upload failed (%r), will retry", exc)
                await uploads.pending.put(item)


class UploaderReraising:  # expect: clean  # near: cancellation-swallowed
    async def run(self, uploads: Uploads, remote) -> None:
        while True:
            item = await uploads.pending.get()
            try:
                await remote.send(item)
            except asyncio.CancelledError:
                uploads.pending.put_nowait(item)
                raise
            except Exception as exc:
                log.warning("upload failed (%r), will retry", exc)
                await uploads.pending.put(item)


class Notifier:  # expect: clean
    async def alert(self, text: str) -> None:
        await asyncio.sleep(0)

    def describe(self) -> str:
        return "notifier"


async def on_threshold(notifier: Notifier, value: float) -> None:  # expect: unawaited-coroutine
    if value > 40:
        log.warning("threshold crossed: %s", notifier.alert(f"temperature {value}"))


async def on_threshold_awaited(notifier: Notifier, value: float) -> None:  # expect: clean  # near: unawaited-coroutine
    if value > 40:
        log.warning("threshold crossed via %s", notifier.describe())
        await notifier.alert(f"temperature {value}")


def alert_later(loop: asyncio.AbstractEventLoop, notifier: Notifier, text: str) -> None:  # expect: unawaited-coroutine
    loop.call_later(5, notifier.alert, text)


def alert_later_task(loop: asyncio.AbstractEventLoop, notifier: Notifier, text: str, keep: set) -> None:  # expect: clean  # near: unawaited-coroutine
    loop.call_later(5, lambda: keep.add(loop.create_task(notifier.alert(text))))
