"""The order service's workers: payment polling, settlement, retries and the process-wide crash hooks."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import signal
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

from filelock import FileLock

from livetrace.bridge import LoopBridge, hand_to_loop, offer

log = logging.getLogger("orders")
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="psp")


class PaymentPoller:  # expect: thread-unsafe-capture
    """The payment provider's SDK is sync only; a thread polls it and hands events to the loop's queue."""

    def __init__(self, sdk, events: asyncio.Queue) -> None:
        self.sdk = sdk
        self.events = events
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, name="psp-poll", daemon=True)

    def _poll(self) -> None:
        cursor = None
        while not self.stop.wait(2.0):
            page = self.sdk.list_events(after=cursor)
            for event in page.events:
                offer(self.events, event)
            cursor = page.cursor or cursor


class PaymentPollerSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, sdk, events: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.sdk = sdk
        self.events = events
        self.loop = loop
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, name="psp-poll", daemon=True)

    def _poll(self) -> None:
        cursor = None
        while not self.stop.wait(2.0):
            page = self.sdk.list_events(after=cursor)
            for event in page.events:
                hand_to_loop(self.loop, offer, self.events, event)
            cursor = page.cursor or cursor


class RefundClient:  # expect: thread-unsafe-capture
    """Refunds go through the sync SDK on a small pool; the caller awaits an asyncio future we resolve."""

    def __init__(self, sdk) -> None:
        self.sdk = sdk

    async def refund(self, order_id: str, amount: int) -> dict:
        result = asyncio.get_running_loop().create_future()
        job = _pool.submit(self.sdk.refund, order_id, amount)
        job.add_done_callback(lambda f: self._resolve(result, f))
        return await result

    @staticmethod
    def _resolve(result: asyncio.Future, job: Future) -> None:
        if job.exception() is not None:
            result.set_exception(job.exception())
        else:
            result.set_result(job.result())


class RefundClientSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, sdk) -> None:
        self.sdk = sdk

    async def refund(self, order_id: str, amount: int) -> dict:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(_pool, self.sdk.refund, order_id, amount)


class CrashReporter:  # expect: thread-unsafe-capture
    """Uncaught errors of any thread go to the ops channel through the loop."""

    def __init__(self, crashes: asyncio.Queue) -> None:
        self.crashes = crashes
        self._previous = threading.excepthook

    def install(self) -> None:
        threading.excepthook = self._on_thread_crash

    def _on_thread_crash(self, args: threading.ExceptHookArgs) -> None:
        self._previous(args)
        if not self.crashes.full():
            self.crashes.put_nowait((args.thread.name if args.thread else "?", repr(args.exc_value)))


class LoopCrashReporter:  # expect: clean  # near: thread-unsafe-capture
    """The loop's exception handler: asyncio calls it on the loop's own thread."""

    def __init__(self, crashes: asyncio.Queue) -> None:
        self.crashes = crashes

    async def install(self) -> None:
        asyncio.get_running_loop().set_exception_handler(self._on_loop_error)

    def _on_loop_error(self, loop: asyncio.AbstractEventLoop, context: dict) -> None:
        loop.default_exception_handler(context)
        if not self.crashes.full():
            self.crashes.put_nowait(("loop", context.get("message", "")))


class SettlementDeadline:  # expect: thread-unsafe-capture
    """The nightly settlement must finish by the bank's cut-off: SIGALRM marks the deadline."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        self.passed = asyncio.Event()

    def arm(self) -> None:
        signal.signal(signal.SIGALRM, lambda signum, frame: self.passed.set())
        signal.alarm(self.seconds)


class SettlementDeadlineOnLoop:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        self.passed = asyncio.Event()

    async def arm(self) -> None:
        asyncio.get_running_loop().add_signal_handler(signal.SIGALRM, self.passed.set)
        signal.alarm(self.seconds)


async def settle_order(db, psp, order) -> bool | None:  # expect: cancellation-swallowed
    async with db.transaction() as tx:
        try:
            await psp.capture(order.payment_id)
        except asyncio.CancelledError:
            log.warning("capture of %s interrupted, rolling back", order.id)
            await tx.rollback()
            return None
        await tx.execute("UPDATE orders SET state='settled' WHERE id=$1", order.id)
    return True


async def settle_order_reraise(db, psp, order) -> bool:  # expect: clean  # near: cancellation-swallowed
    async with db.transaction() as tx:
        try:
            await psp.capture(order.payment_id)
        except asyncio.CancelledError:
            log.warning("capture of %s interrupted, rolling back", order.id)
            await asyncio.shield(tx.rollback())
            raise
        await tx.execute("UPDATE orders SET state='settled' WHERE id=$1", order.id)
    return True


async def settle_all(db, psp, orders) -> int:  # expect: cancellation-swallowed
    settled = 0
    for order in orders:
        with contextlib.suppress(asyncio.CancelledError, ConnectionError):
            if await settle_order_reraise(db, psp, order):
                settled += 1
    return settled


async def stop_settlement(task: asyncio.Task) -> None:  # expect: clean  # near: cancellation-swallowed
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


@contextlib.asynccontextmanager
async def order_span(tracer, order_id: str):  # expect: cancellation-swallowed
    span = tracer.start_span("order", attributes={"order": order_id})
    try:
        yield span
    except asyncio.CancelledError:
        span.set_attribute("cancelled", True)
    finally:
        span.end()


@contextlib.asynccontextmanager
async def order_span_reraise(tracer, order_id: str):  # expect: clean  # near: cancellation-swallowed
    span = tracer.start_span("order", attributes={"order": order_id})
    try:
        yield span
    except BaseException as exc:
        span.record_exception(exc)
        raise
    finally:
        span.end()


class QuietTimeout:  # expect: cancellation-swallowed
    """`async with QuietTimeout(5):` gives up on a slow step and carries on; it hides whatever ended the block."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._handle: asyncio.TimerHandle | None = None

    async def __aenter__(self) -> "QuietTimeout":
        task = asyncio.current_task()
        self._handle = asyncio.get_running_loop().call_later(self.seconds, task.cancel)
        return self

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        if self._handle:
            self._handle.cancel()
        return exc_type is not None


class RetryScheduler:  # expect: dangling-task
    """Failed captures are retried after a back-off, from a loop timer."""

    def __init__(self, psp) -> None:
        self.psp = psp

    def schedule(self, order, delay: float) -> None:
        loop = asyncio.get_running_loop()
        loop.call_later(delay, asyncio.ensure_future, self.psp.capture(order.payment_id))


class RetrySchedulerKept:  # expect: clean  # near: dangling-task
    def __init__(self, psp) -> None:
        self.psp = psp
        self.pending: dict[str, asyncio.Task] = {}

    def schedule(self, order, delay: float) -> None:
        self.pending[order.id] = asyncio.create_task(self._later(order, delay))

    async def _later(self, order, delay: float) -> None:
        await asyncio.sleep(delay)
        try:
            await self.psp.capture(order.payment_id)
        finally:
            self.pending.pop(order.id, None)


async def warm_caches(caches) -> None:  # expect: dangling-task
    started = [asyncio.create_task(c.warm()) for c in caches]
    log.info("warming %d caches", len(started))


async def warm_caches_waited(caches) -> None:  # expect: clean  # near: dangling-task
    started = [asyncio.create_task(c.warm()) for c in caches]
    log.info("warming %d caches", len(started))
    await asyncio.gather(*started)


async def consume_orders(stream, settle) -> None:  # expect: unbounded-spawn
    inflight: dict[str, asyncio.Task] = {}
    async for order in stream:
        inflight[order.id] = asyncio.create_task(settle(order))
        inflight[order.id].add_done_callback(lambda t, oid=order.id: inflight.pop(oid, None))


async def consume_order_batches(stream, settle) -> None:  # expect: clean  # near: unbounded-spawn
    async for batch in stream.batches(100):
        results = await asyncio.gather(*(settle(o) for o in batch), return_exceptions=True)
        for order, outcome in zip(batch, results):
            if isinstance(outcome, Exception):
                log.error("order %s: %r", order.id, outcome)


class RetryBacklog:  # expect: unbounded-queue
    def __init__(self, cfg: dict) -> None:
        self.queue: asyncio.Queue = asyncio.Queue(maxsize=int(cfg.get("retry_backlog", 0)))

    async def failed(self, order, error: Exception) -> None:
        await self.queue.put((order, repr(error)))

    async def drain(self, retry) -> None:
        while True:
            order, _ = await self.queue.get()
            await retry(order)


class RetryBacklogBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, cfg: dict) -> None:
        self.queue: asyncio.Queue = asyncio.Queue(maxsize=int(cfg.get("retry_backlog", 1000)))

    async def failed(self, order, error: Exception) -> None:
        await self.queue.put((order, repr(error)))

    async def drain(self, retry) -> None:
        while True:
            order, _ = await self.queue.get()
            await retry(order)


class InvoiceNumbers:  # expect: lock-across-await
    """Invoice numbers are shared with the legacy billing process: a multiprocessing lock guards the counter."""

    def __init__(self, lock: multiprocessing.synchronize.Lock, store) -> None:
        self.lock = lock
        self.store = store

    async def next(self) -> int:
        self.lock.acquire()
        try:
            current = await self.store.get("invoice_seq")
            await self.store.set("invoice_seq", current + 1)
            return current + 1
        finally:
            self.lock.release()


class InvoiceNumbersThreaded:  # expect: clean  # near: lock-across-await
    def __init__(self, lock: multiprocessing.synchronize.Lock, store) -> None:
        self.lock = lock
        self.store = store

    def _next_sync(self) -> int:
        with self.lock:
            current = self.store.get_sync("invoice_seq")
            self.store.set_sync("invoice_seq", current + 1)
            return current + 1

    async def next(self) -> int:
        return await asyncio.to_thread(self._next_sync)


async def write_export(path: str, fetch_rows) -> int:  # expect: lock-across-await, blocking-call
    """The nightly export file is shared with the BI cron job; a lock file keeps them apart."""
    written = 0
    with FileLock(path + ".lock", timeout=30):
        async for chunk in fetch_rows():
            await asyncio.to_thread(_append, path, chunk)
            written += len(chunk)
    return written


def _append(path: str, rows: list[str]) -> None:  # expect: clean
    with open(path, "a", encoding="utf-8") as f:
        f.writelines(r + "\n" for r in rows)


async def write_export_in_thread(path: str, rows: list[str]) -> None:  # expect: clean  # near: lock-across-await
    def locked_append() -> None:
        with FileLock(path + ".lock", timeout=30):
            _append(path, rows)

    await asyncio.to_thread(locked_append)


def start_workers(bridge: LoopBridge, sdk, events: asyncio.Queue) -> PaymentPollerSafe:  # expect: clean
    poller = PaymentPollerSafe(sdk, events, bridge.loop)
    poller.thread.start()
    return poller


def uptime() -> float:  # expect: clean
    return time.monotonic()


def main() -> None:  # expect: clean
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
