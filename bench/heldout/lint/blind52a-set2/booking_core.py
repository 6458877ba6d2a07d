"""Seat booking for a small cinema chain: inventory shared with a sync pricing engine, and the booking workers."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading

log = logging.getLogger("booking")

READ_LOCK, WRITE_LOCK = threading.Lock(), threading.Lock()


class Inventory:  # expect: lock-across-await
    _lock = threading.Lock()
    _seats: dict[str, int] = {}

    @classmethod
    async def reload(cls, source) -> None:
        with cls._lock:
            cls._seats = await source.fetch_all()


class InventorySnapshot:  # expect: clean  # near: lock-across-await
    _lock = threading.Lock()
    _seats: dict[str, int] = {}

    @classmethod
    async def reload(cls, source) -> None:
        seats = await source.fetch_all()
        with cls._lock:
            cls._seats = seats


async def write_booking(db, booking: dict) -> None:  # expect: lock-across-await
    with WRITE_LOCK:
        await db.insert("bookings", booking)


async def read_bookings(db, show: str) -> list:  # expect: clean  # near: lock-across-await
    rows = await db.select("bookings", show=show)
    with READ_LOCK:
        return [dict(r) for r in rows]


class SeatHolds:  # expect: lock-across-await
    def __init__(self, store) -> None:
        self.store = store
        self._locks: dict[str, threading.Lock] = {}

    async def hold(self, seat: str, user: str) -> None:
        with self._locks.setdefault(seat, threading.Lock()):
            await self.store.hold(seat, user)


class SeatHoldsAsync:  # expect: clean  # near: lock-across-await
    def __init__(self, store) -> None:
        self.store = store
        self._locks: dict[str, asyncio.Lock] = {}

    async def hold(self, seat: str, user: str) -> None:
        async with self._locks.setdefault(seat, asyncio.Lock()):
            await self.store.hold(seat, user)


async def price_quote(engine, show: str, gate=threading.Semaphore(4)) -> float:  # expect: lock-across-await
    with gate:
        return await engine.quote(show)


class Ledger:  # expect: lock-across-await
    def __init__(self, db) -> None:
        self.db = db
        self._mu = threading.Lock()

    async def settle(self, booking_id: str) -> None:
        self._mu.acquire()
        await self.db.mark_settled(booking_id)
        self._mu.release()


class LedgerCoroLater:  # expect: clean  # near: lock-across-await
    def __init__(self, db) -> None:
        self.db = db
        self._mu = threading.Lock()
        self.settled = 0

    async def settle(self, booking_id: str) -> None:
        with self._mu:
            self.settled += 1
            pending = self.db.mark_settled(booking_id)
        await pending


class WaitForRelease:  # expect: lock-across-await
    def __init__(self, gate) -> None:
        self.gate = gate
        self._cond = threading.Lock()

    async def wait_open(self) -> None:
        with self._cond:
            while not await self.gate.is_open():
                await asyncio.sleep(0.5)


async def refund_worker(queue: asyncio.Queue, payments) -> None:  # expect: cancellation-swallowed
    while True:
        refund = await queue.get()
        try:
            await payments.refund(refund)
        except asyncio.CancelledError as exc:
            log.exception("refund %s interrupted", refund, exc_info=exc)
        finally:
            queue.task_done()


async def refund_worker_ok(queue: asyncio.Queue, payments) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        refund = await queue.get()
        try:
            await payments.refund(refund)
        except asyncio.CancelledError:
            await queue.put(refund)
            raise
        finally:
            queue.task_done()


class ShowPoller:  # expect: cancellation-swallowed
    def __init__(self, api) -> None:
        self.api = api
        self._stopping = False

    async def run(self) -> None:
        while True:
            try:
                await self.api.refresh_shows()
                await asyncio.sleep(60)
            except asyncio.CancelledError:
                if not self._stopping:
                    log.warning("spurious cancel ignored")
                    continue
                raise


async def sync_seatmaps(venues, api) -> None:  # expect: cancellation-swallowed
    for venue in venues:
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await api.push_seatmap(venue)
    await api.commit()


async def sync_seatmaps_timeout(venues, api) -> None:  # expect: clean  # near: cancellation-swallowed
    for venue in venues:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(api.push_seatmap(venue), 10)
    await api.commit()


async def tail_sales(feed, sink) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            sale = await feed.next_sale()
        except:  # noqa: E722
            break
        await sink.record(sale)
    await sink.flush()


async def sales_stream(feed):  # expect: cancellation-swallowed
    while True:
        try:
            yield await feed.next_sale()
        except BaseException:
            log.exception("sale feed hiccup")


async def export_report(db, path: str) -> int:  # expect: cancellation-swallowed
    written = 0
    try:
        async for row in db.stream("SELECT * FROM bookings"):
            written += 1
            await db.write_line(path, row)
    finally:
        return written


async def export_report_ok(db, path: str) -> int:  # expect: clean  # near: cancellation-swallowed
    written = 0
    try:
        async for row in db.stream("SELECT * FROM bookings"):
            written += 1
            await db.write_line(path, row)
    finally:
        log.info("export wrote %d rows", written)
    return written
