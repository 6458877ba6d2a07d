"""A hospital dispensary: cabinet drawers, stock counts and the label printer, shared by the API's coroutines and
the barcode scanner threads."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import multiprocessing
import threading
from typing import ClassVar


class Drawer:  # expect: clean
    """One cabinet drawer; opening it takes its lock until closed."""

    def __init__(self, number: int) -> None:
        self.number = number
        self._lock = threading.Lock()
        self.items: dict[str, int] = {}

    def __enter__(self) -> "Drawer":
        self._lock.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()


class Tray:  # expect: clean
    """A tray on the counter: entering it only records who holds it."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.holder: str | None = None

    def __enter__(self) -> "Tray":
        self.holder = threading.current_thread().name
        return self

    def __exit__(self, *exc) -> None:
        self.holder = None


async def dispense(drawer: Drawer, item: str, pharmacy) -> None:  # expect: lock-across-await
    with drawer:
        drawer.items[item] -= 1
        await pharmacy.record_dispense(drawer.number, item)


async def dispense_onto(tray: Tray, item: str, pharmacy) -> None:  # expect: clean  # near: lock-across-await
    with tray:
        await pharmacy.record_dispense(0, item)


async def dispense_counted(drawer: Drawer, item: str, pharmacy) -> None:  # expect: clean  # near: lock-across-await
    with drawer:
        drawer.items[item] -= 1
        left = drawer.items[item]
    await pharmacy.record_dispense(drawer.number, item, left=left)


class Formulary:  # expect: lock-across-await
    _locks: ClassVar[dict[str, threading.Lock]] = {}

    def __init__(self, catalogue) -> None:
        self.catalogue = catalogue

    @classmethod
    def lock_for(cls, drug: str) -> threading.Lock:
        return cls._locks.setdefault(drug, threading.Lock())

    async def reprice(self, drug: str, price: int) -> None:
        with self.lock_for(drug):
            await self.catalogue.set_price(drug, price)


class AsyncFormulary:  # expect: clean  # near: lock-across-await
    _locks: ClassVar[dict[str, asyncio.Lock]] = {}

    def __init__(self, catalogue) -> None:
        self.catalogue = catalogue

    @classmethod
    def lock_for(cls, drug: str) -> asyncio.Lock:
        return cls._locks.setdefault(drug, asyncio.Lock())

    async def reprice(self, drug: str, price: int) -> None:
        async with self.lock_for(drug):
            await self.catalogue.set_price(drug, price)


class StockLedger:  # expect: lock-across-await
    def __init__(self, db) -> None:
        self.db = db
        self.counts: dict[str, int] = {}

    @functools.cached_property
    def _drawer(self) -> Drawer:
        return Drawer(0)

    async def restock(self, item: str, n: int) -> None:
        with self._drawer:
            self.counts[item] = self.counts.get(item, 0) + n
            await self.db.save_count(item, self.counts[item])


class StockLedgerTray:  # expect: clean  # near: lock-across-await
    def __init__(self, db) -> None:
        self.db = db
        self.counts: dict[str, int] = {}

    @functools.cached_property
    def _tray(self) -> Tray:
        return Tray("restock")

    async def restock(self, item: str, n: int) -> None:
        with self._tray:
            self.counts[item] = self.counts.get(item, 0) + n
            await self.db.save_count(item, self.counts[item])


class CabinetAudit:  # expect: lock-across-await
    def __init__(self, drawers: list[Drawer], auditor) -> None:
        self.drawers = drawers
        self.auditor = auditor

    async def audit_all(self) -> None:
        with contextlib.ExitStack() as stack:
            for drawer in sorted(self.drawers, key=lambda d: d.number):
                stack.enter_context(drawer)
            await self.auditor.snapshot([d.items for d in self.drawers])


class CabinetAuditCopy:  # expect: clean  # near: lock-across-await
    def __init__(self, drawers: list[Drawer], auditor) -> None:
        self.drawers = drawers
        self.auditor = auditor

    async def audit_all(self) -> None:
        with contextlib.ExitStack() as stack:
            for drawer in sorted(self.drawers, key=lambda d: d.number):
                stack.enter_context(drawer)
            counts = [dict(d.items) for d in self.drawers]
        await self.auditor.snapshot(counts)


class LabelPrinter:  # expect: lock-across-await
    def __init__(self, port) -> None:
        self.port = port
        self._busy = threading.Lock()

    async def __aenter__(self) -> "LabelPrinter":
        self._busy.acquire()
        return self

    async def __aexit__(self, *exc) -> None:
        self._busy.release()

    async def print_labels(self, labels: list[str]) -> None:
        async with self:
            for label in labels:
                await self.port.write(label.encode())


class LabelPrinterAsync:  # expect: clean  # near: lock-across-await
    def __init__(self, port) -> None:
        self.port = port
        self._busy = asyncio.Lock()

    async def __aenter__(self) -> "LabelPrinterAsync":
        await self._busy.acquire()
        return self

    async def __aexit__(self, *exc) -> None:
        self._busy.release()

    async def print_labels(self, labels: list[str]) -> None:
        async with self:
            for label in labels:
                await self.port.write(label.encode())


@functools.lru_cache(maxsize=None)
def controlled_substances_gate() -> threading.BoundedSemaphore:  # expect: clean
    return threading.BoundedSemaphore(1)


async def dispense_controlled(order, pharmacy) -> None:  # expect: lock-across-await
    with controlled_substances_gate():
        await pharmacy.witness(order)
        await pharmacy.release(order)


async def check_controlled(order, pharmacy) -> bool:  # expect: clean  # near: lock-across-await
    with controlled_substances_gate():
        pending = order.id in pharmacy.pending_ids
    if pending:
        await pharmacy.witness(order)
    return pending


class Refrigerator:  # expect: lock-across-await
    def __init__(self, sensor) -> None:
        self.sensor = sensor
        self._door = multiprocessing.Lock()
        self.opened = 0

    async def take_out(self, item: str) -> None:
        self._door.acquire()
        try:
            self.opened += 1
            await self.sensor.wait_stable(seconds=2)
        finally:
            self._door.release()


class RefrigeratorOffloaded:  # expect: clean  # near: lock-across-await
    def __init__(self, sensor) -> None:
        self.sensor = sensor
        self._door = multiprocessing.Lock()
        self.opened = 0

    def _take_out_sync(self, item: str) -> None:
        with self._door:
            self.opened += 1
            self.sensor.wait_stable_sync(seconds=2)

    async def take_out(self, item: str) -> None:
        await asyncio.to_thread(self._take_out_sync, item)


class Ward:  # expect: clean
    def __init__(self, name: str) -> None:
        self.name = name
        self.guards = (threading.Lock(), threading.Lock())
        self.orders: list = []


async def round_trip(ward: Ward, pharmacy) -> None:  # expect: lock-across-await
    order_lock, _ = ward.guards
    with order_lock:
        batch = list(ward.orders)
        await pharmacy.submit_batch(ward.name, batch)
        ward.orders.clear()


class Picker:  # expect: lock-across-await
    def __init__(self, robot) -> None:
        self.robot = robot
        self._arm = threading.RLock()
        self._default = threading.RLock()
        self._per_bay: dict[int, threading.RLock] = {}

    def _lock(self, bay: int) -> threading.RLock:
        return self._per_bay.get(bay) or self._default

    async def pick(self, bay: int, slot: int) -> None:
        lock = self._lock(bay)
        with lock:
            await self.robot.move_to(bay, slot)
            await self.robot.grab()


class PickerReleasedFirst:  # expect: clean  # near: lock-across-await
    def __init__(self, robot) -> None:
        self.robot = robot
        self._arm = threading.Lock()
        self.moves = 0

    async def pick(self, bay: int, slot: int) -> None:
        self._arm.acquire()
        self.moves += 1
        self._arm.release()
        await self.robot.move_to(bay, slot)


class ReportWriter:  # expect: clean  # near: lock-across-await
    def __init__(self, storage) -> None:
        self.storage = storage
        self._lock = threading.Lock()

    async def write(self, rows: list) -> None:
        def render() -> bytes:
            with self._lock:
                return "\n".join(map(str, rows)).encode()

        data = await asyncio.to_thread(render)
        await self.storage.put("report.txt", data)


class ShiftHandover:  # expect: lock-across-await, blocking-call
    def __init__(self, board) -> None:
        self.board = board
        self._cond = threading.Condition(threading.Lock())
        self.notes: list[str] = []

    async def hand_over(self, nurse: str) -> None:
        with self._cond:
            while not self.notes:
                self._cond.wait(timeout=0.1)
            for note in self.notes:
                await self.board.post(nurse, note)
