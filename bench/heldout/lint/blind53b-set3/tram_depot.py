"""A tram depot's maintenance service: vehicle telemetry, parts lookups, a shared work-order board."""
from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import sqlite3
import threading
from typing import Final, NamedTuple, NotRequired, TypedDict

import attr
import httpx
import redis
import requests

DEPOT_DB: Final = sqlite3.connect("/var/lib/depot/orders.db", check_same_thread=False)


async def open_orders() -> list[tuple]:  # expect: blocking-call
    return DEPOT_DB.execute("SELECT * FROM orders WHERE closed = 0").fetchall()


async def ping_all(session: requests.Session, urls: list[str]) -> list[int]:  # expect: blocking-call
    return [r.status_code for u in urls if (r := session.get(u, timeout=3)) is not None]


async def ping_all_async(client: httpx.AsyncClient, urls: list[str]) -> list[int]:  # expect: clean  # near: blocking-call
    return [(await client.get(u)).status_code for u in urls]


async def fetch_part(source: requests.Session | httpx.Client | httpx.AsyncClient, sku: str) -> bytes:  # expect: blocking-call
    if isinstance(source, (requests.Session, httpx.Client)):
        return source.get(f"https://parts.invalid/{sku}").content
    return (await source.get(f"https://parts.invalid/{sku}")).content


async def fetch_part_async(source: httpx.Client | httpx.AsyncClient, sku: str) -> bytes:  # expect: clean  # near: blocking-call
    if not isinstance(source, httpx.AsyncClient):
        return await asyncio.to_thread(lambda: source.get(f"/parts/{sku}").content)
    return (await source.get(f"/parts/{sku}")).content


async def describe(client: httpx.Client | httpx.AsyncClient, path: str) -> int:  # expect: blocking-call
    match client:
        case httpx.Client():
            return client.get(path).status_code
        case _:
            return (await client.get(path)).status_code


class Caches(TypedDict, total=False):  # expect: clean
    parts: redis.Redis
    shifts: NotRequired[redis.Redis]


async def shift_lead(caches: Caches, depot: str) -> bytes | None:  # expect: blocking-call
    shifts = caches.get("shifts")
    if shifts is None:
        return None
    return shifts.get(f"lead:{depot}")


@attr.s
class WorkBoard:  # expect: lock-across-await
    orders = attr.ib(factory=dict)
    lock: threading.Lock = attr.ib(factory=threading.Lock)

    async def claim(self, order: str, who: str, notify) -> None:
        with self.lock:
            self.orders[order] = who
            await notify(order, who)


@attr.s
class AsyncWorkBoard:  # expect: clean  # near: lock-across-await
    orders = attr.ib(factory=dict)
    lock: asyncio.Lock = attr.ib(factory=asyncio.Lock)

    async def claim(self, order: str, who: str, notify) -> None:
        async with self.lock:
            self.orders[order] = who
            await notify(order, who)


class Bay(NamedTuple):  # expect: clean
    number: int
    ready: threading.Condition


async def wait_for_bay(bay: Bay, crane) -> None:  # expect: lock-across-await
    with bay.ready:
        await crane.move_to(bay.number)
        bay.ready.notify_all()


class Diagnostics:  # expect: blocking-call
    @functools.cached_property
    def pool(self) -> concurrent.futures.ThreadPoolExecutor:
        return concurrent.futures.ThreadPoolExecutor(max_workers=2)

    async def run(self, tram: str, check) -> bool:
        return self.pool.submit(check, tram).result(timeout=30)


class WrappedDiagnostics:  # expect: clean  # near: blocking-call
    @functools.cached_property
    def pool(self) -> concurrent.futures.ThreadPoolExecutor:
        return concurrent.futures.ThreadPoolExecutor(max_workers=2)

    async def run(self, tram: str, check) -> bool:
        return await asyncio.wrap_future(self.pool.submit(check, tram))


class Washer:  # expect: unawaited-coroutine
    def __init__(self, bays: int) -> None:
        self._slots = asyncio.Semaphore(bays)

    @property
    def slots(self) -> asyncio.Semaphore:
        return self._slots

    async def wash(self, tram: str, machine) -> None:
        self.slots.acquire()
        try:
            await machine.run(tram)
        finally:
            self.slots.release()


class ThreadWasher:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, bays: int) -> None:
        self._slots = threading.Semaphore(bays)

    @property
    def slots(self) -> threading.Semaphore:
        return self._slots

    def wash(self, tram: str, machine) -> None:
        self.slots.acquire()
        try:
            machine.run_blocking(tram)
        finally:
            self.slots.release()


class Inspections:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.pending: dict[str, asyncio.Queue[str]] = {}

    async def close_bay(self, bay: str) -> None:
        queue = self.pending.get(bay)
        if queue is not None:
            queue.join()


class InspectionsOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self.pending: dict[str, asyncio.Queue[str]] = {}

    async def close_bay(self, bay: str) -> None:
        queue = self.pending.get(bay)
        if queue is not None:
            queue.put_nowait("closed")
            await queue.join()


def result_slot(loop: asyncio.AbstractEventLoop) -> asyncio.Future[float]:  # expect: clean
    return loop.create_future()


class Telemetry:  # expect: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, probe) -> None:
        self.loop = loop
        self.probe = probe

    def _measure(self, slot: asyncio.Future[float]) -> None:
        slot.set_result(self.probe.read_voltage())

    async def voltage(self) -> float:
        slot = result_slot(self.loop)
        threading.Thread(target=self._measure, args=(slot,), daemon=True).start()
        return await slot


class SafeTelemetry:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, probe) -> None:
        self.loop = loop
        self.probe = probe

    def _measure(self, slot: asyncio.Future[float]) -> None:
        value = self.probe.read_voltage()
        self.loop.call_soon_threadsafe(slot.set_result, value)

    async def voltage(self) -> float:
        slot = result_slot(self.loop)
        threading.Thread(target=self._measure, args=(slot,), daemon=True).start()
        return await slot


class Dispatch:  # expect: dangling-task
    def __init__(self) -> None:
        self.loop: Final[asyncio.AbstractEventLoop] = asyncio.get_event_loop()

    async def announce(self, tram: str, speaker) -> None:
        self.loop.create_task(speaker.say(f"tram {tram} ready"))


class DispatchKept:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self.loop: Final[asyncio.AbstractEventLoop] = asyncio.get_event_loop()
        self.announcements: set[asyncio.Task] = set()

    async def announce(self, tram: str, speaker) -> None:
        task = self.loop.create_task(speaker.say(f"tram {tram} ready"))
        self.announcements.add(task)
        task.add_done_callback(self.announcements.discard)
