"""Room booking: a redis-backed availability cache, a calendar sync, and the booking API's handlers."""
from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
import threading
import time
from typing import Optional

import redis
import redis.asyncio as aioredis
import requests

log = logging.getLogger("booking")


@dataclasses.dataclass
class Calendar:  # expect: clean
    url: str
    session: requests.Session = dataclasses.field(default_factory=requests.Session)
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)

    def events(self, day: str) -> list[dict]:
        return self.session.get(f"{self.url}/events", params={"day": day}, timeout=10).json()


async def busy_slots(cal: Calendar, day: str) -> list[dict]:  # expect: blocking-call
    return cal.events(day)


async def busy_slots_offloaded(cal: Calendar, day: str) -> list[dict]:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(cal.events, day)


async def sync_calendar(cal: Calendar, day: str, push) -> None:  # expect: lock-across-await
    with cal.lock:
        events = await asyncio.to_thread(cal.events, day)
        await push(events)


async def sync_calendar_briefly(cal: Calendar, day: str, push) -> None:  # expect: clean  # near: lock-across-await
    events = await asyncio.to_thread(cal.events, day)
    with cal.lock:
        snapshot = list(events)
    await push(snapshot)


class Availability:  # expect: blocking-call
    def __init__(self, client: Optional[redis.Redis] = None) -> None:
        self.client = client or redis.Redis()

    async def is_free(self, room: str, slot: str) -> bool:
        return not self.client.sismember(f"busy:{room}", slot)


class AsyncAvailability:  # expect: clean  # near: blocking-call
    def __init__(self, client: Optional[aioredis.Redis] = None) -> None:
        self.client = client or aioredis.Redis()

    async def is_free(self, room: str, slot: str) -> bool:
        return not await self.client.sismember(f"busy:{room}", slot)


class Holds:  # expect: lock-across-await
    """Short holds on a slot while the customer pays."""

    def __init__(self) -> None:
        self._locks: dict[str, threading.Lock] = {}

    def _lock_for(self, slot: str) -> threading.Lock:
        return self._locks.setdefault(slot, threading.Lock())

    async def hold(self, slot: str, pay) -> bool:
        lock = self._lock_for(slot)
        with lock:
            return await pay()


class AsyncHolds:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}

    def _lock_for(self, slot: str) -> asyncio.Lock:
        return self._locks.setdefault(slot, asyncio.Lock())

    async def hold(self, slot: str, pay) -> bool:
        async with self._lock_for(slot):
            return await pay()


class Reminders:  # expect: thread-unsafe-capture
    def __init__(self, outbox: asyncio.Queue) -> None:
        self.outbox = outbox
        self.timers: list[threading.Timer] = []

    def schedule(self, booking_id: str, delay: float) -> None:
        timer = threading.Timer(delay, functools.partial(self.outbox.put_nowait, booking_id))
        timer.start()
        self.timers.append(timer)


class LoopReminders:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, outbox: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.outbox = outbox
        self.loop = loop
        self.handles: list[asyncio.TimerHandle] = []

    def schedule(self, booking_id: str, delay: float) -> None:
        self.handles.append(self.loop.call_later(delay, self.outbox.put_nowait, booking_id))


async def confirm(booking_id: str, mailer) -> None:  # expect: unawaited-coroutine
    send = mailer.send_confirmation
    if asyncio.iscoroutinefunction(send):
        asyncio.get_running_loop().call_soon(send, booking_id)
    else:
        await asyncio.to_thread(send, booking_id)


async def confirm_scheduled(booking_id: str, mailer, tasks: set) -> None:  # expect: clean  # near: unawaited-coroutine
    send = mailer.send_confirmation
    if asyncio.iscoroutinefunction(send):
        task = asyncio.create_task(send(booking_id))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    else:
        await asyncio.to_thread(send, booking_id)


async def expire_holds(store: Availability, every: float) -> None:  # expect: blocking-call, cancellation-swallowed
    while True:
        try:
            store.client.delete("holds")
            await asyncio.sleep(every)
        except:  # noqa: E722
            log.exception("expiry failed")
            time.sleep(1)


async def expire_holds_async(store: AsyncAvailability, every: float) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await store.client.delete("holds")
            await asyncio.sleep(every)
        except Exception:
            log.exception("expiry failed")
            await asyncio.sleep(1)
