"""Checkout service of a small shop: the order flow, its shutdown and its bridges to sync code."""
from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
import threading

import psycopg2
import redis
import redis.asyncio as aioredis

log = logging.getLogger("checkout")
_tasks: set[asyncio.Task] = set()


class OrderLocks:  # expect: lock-across-await
    def __init__(self, manager: multiprocessing.managers.SyncManager, db) -> None:
        self._lock = manager.Lock()
        self.db = db

    async def place(self, order: dict) -> None:
        with self._lock:
            await self.db.insert_order(order)


class StockGuard:  # expect: lock-across-await, ?blocking-call
    def __init__(self, db) -> None:
        self.db = db
        self._lock = threading.Lock()

    async def reserve(self, sku: str, n: int) -> bool:
        if not self._lock.acquire(timeout=2):
            return False
        try:
            return await self.db.reserve(sku, n)
        finally:
            self._lock.release()


class StockGuardAsync:  # expect: clean  # near: lock-across-await
    def __init__(self, db) -> None:
        self.db = db
        self._lock = asyncio.Lock()

    async def reserve(self, sku: str, n: int) -> bool:
        try:
            await asyncio.wait_for(self._lock.acquire(), 2)
        except TimeoutError:
            return False
        try:
            return await self.db.reserve(sku, n)
        finally:
            self._lock.release()


async def save_order(db, order: dict) -> None:  # expect: cancellation-swallowed
    save = asyncio.ensure_future(db.insert_order(order))
    try:
        await asyncio.shield(save)
    except asyncio.CancelledError:
        log.info("client went away; finishing the save")
        await save
    await db.audit("order saved", order["id"])


async def save_order_reraise(db, order: dict) -> None:  # expect: clean  # near: cancellation-swallowed
    save = asyncio.ensure_future(db.insert_order(order))
    try:
        await asyncio.shield(save)
    except asyncio.CancelledError:
        log.info("client went away; finishing the save")
        await save
        raise
    await db.audit("order saved", order["id"])


async def notify_all(channels, order: dict) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        async with asyncio.TaskGroup() as tg:
            for ch in channels:
                tg.create_task(ch.send(order))
    except BaseExceptionGroup as group:
        log.error("notifications failed: %r", group.exceptions)
    await asyncio.sleep(0)


async def notify_all_star(channels, order: dict) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            async with asyncio.TaskGroup() as tg:
                for ch in channels:
                    tg.create_task(ch.send(order))
            return
        except* BaseException as group:
            log.error("notifications failed, retrying: %r", group.exceptions)
        await asyncio.sleep(5)


class PaymentBridge:  # expect: thread-unsafe-capture
    def __init__(self, gateway) -> None:
        self.gateway = gateway

    def _charge_sync(self, amount: int, done: asyncio.Future) -> None:
        done.set_result(self.gateway.charge(amount))

    async def charge(self, amount: int):
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        await loop.run_in_executor(None, functools.partial(self._charge_sync, amount, done))
        return await done


class PaymentBridgeReturn:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, gateway) -> None:
        self.gateway = gateway

    def _charge_sync(self, amount: int):
        return self.gateway.charge(amount)

    async def charge(self, amount: int):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, functools.partial(self._charge_sync, amount))


class ErrorReporter(logging.Handler):  # expect: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, sink) -> None:
        super().__init__(level=logging.ERROR)
        self.loop = loop
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        task = self.loop.create_task(self.sink.send(self.format(record)))
        _tasks.add(task)
        task.add_done_callback(_tasks.discard)


class ErrorReporterSafe(logging.Handler):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, sink) -> None:
        super().__init__(level=logging.ERROR)
        self.loop = loop
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        asyncio.run_coroutine_threadsafe(self.sink.send(self.format(record)), self.loop)


async def expire_cart_later(carts, cart_id: str, delay: float) -> None:  # expect: dangling-task
    loop = asyncio.get_running_loop()
    loop.call_later(delay, lambda: asyncio.create_task(carts.expire(cart_id)))


async def expire_cart_tracked(carts, cart_id: str, delay: float) -> None:  # expect: clean  # near: dangling-task
    loop = asyncio.get_running_loop()

    def fire() -> None:
        task = asyncio.create_task(carts.expire(cart_id))
        _tasks.add(task)
        task.add_done_callback(_tasks.discard)

    loop.call_later(delay, fire)


async def send_receipt(writer: asyncio.StreamWriter, receipt: bytes) -> None:  # expect: unawaited-coroutine
    writer.write(receipt)
    writer.drain()
    log.info("receipt sent")


async def cached_price(r: redis.Redis, sku: str) -> int | None:  # expect: blocking-call
    raw = r.get(f"price:{sku}")
    return int(raw) if raw is not None else None


async def cached_price_async(r: aioredis.Redis, sku: str) -> int | None:  # expect: clean  # near: blocking-call
    raw = await r.get(f"price:{sku}")
    return int(raw) if raw is not None else None


async def order_history(dsn: str, customer: int) -> list:  # expect: blocking-call
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT id, total FROM orders WHERE customer = %s", (customer,))
            return cur.fetchall()
    finally:
        conn.close()


def order_history_sync(dsn: str, customer: int) -> list:  # expect: clean  # near: blocking-call
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT id, total FROM orders WHERE customer = %s", (customer,))
            return cur.fetchall()
    finally:
        conn.close()


async def order_history_offloaded(dsn: str, customer: int) -> list:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(order_history_sync, dsn, customer)
