"""An online print shop: order intake, a proof renderer on threads, press scheduling and customer notifications."""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import logging
import queue
import sched
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("printshop")


@dataclass
class PressState:  # expect: clean
    name: str
    jobs: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lock = threading.Lock()


PRESS = PressState("press-1")


async def queue_on_press(job: dict, mes) -> None:  # expect: lock-across-await
    with PRESS.lock:
        PRESS.jobs.append(job)
        await mes.announce(PRESS.name, job)


async def queue_on_press_after(job: dict, mes) -> None:  # expect: clean  # near: lock-across-await
    with PRESS.lock:
        PRESS.jobs.append(job)
    await mes.announce(PRESS.name, job)


class Proofs:  # expect: lock-across-await
    def __init__(self, store) -> None:
        self.store = store
        self._locks: dict[str, threading.Lock] = {}

    def _lock_for(self, order_id: str) -> threading.Lock:
        return self._locks.setdefault(order_id, threading.Lock())

    async def approve(self, order_id: str) -> None:
        with self._lock_for(order_id):
            await self.store.mark_approved(order_id)


class ProofsSync:  # expect: clean  # near: lock-across-await
    def __init__(self, store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self.approved: set[str] = set()

    def _approve_sync(self, order_id: str) -> None:
        with self._lock:
            self.approved.add(order_id)
            self.store.mark_approved_sync(order_id)

    async def approve(self, order_id: str) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self._approve_sync, order_id)


class Inks:  # expect: lock-across-await
    def __init__(self, supplier) -> None:
        self.supplier = supplier
        self._tlock = threading.Lock()
        self._alock = asyncio.Lock()

    async def reorder(self, colour: str) -> None:
        with self._tlock, contextlib.suppress(KeyError):
            async with self._alock:
                await self.supplier.order(colour)


async def notify_customer(mailer, order: dict) -> bool:  # expect: cancellation-swallowed
    try:
        await mailer.send(order["email"], "Your order shipped")
        return True
    except asyncio.CancelledError:
        return await mailer.queue_for_later(order["email"])


async def notify_customer_ok(mailer, order: dict) -> bool:  # expect: clean  # near: cancellation-swallowed
    try:
        await mailer.send(order["email"], "Your order shipped")
        return True
    except concurrent.futures.CancelledError:
        return False


async def watch_presses(presses, alerts) -> None:  # expect: cancellation-swallowed
    while True:
        for press in presses:
            try:
                await press.poll()
            except (asyncio.CancelledError, asyncio.TimeoutError):
                pass
        await asyncio.sleep(5)


async def ping_all(presses) -> None:  # expect: cancellation-swallowed
    while True:
        tasks = [asyncio.create_task(p.ping()) for p in presses]
        try:
            await asyncio.gather(*tasks)
        except BaseException:
            for t in tasks:
                t.cancel()
        await asyncio.sleep(10)


async def ping_all_ok(presses) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        tasks = [asyncio.create_task(p.ping()) for p in presses]
        try:
            await asyncio.gather(*tasks)
        except BaseException:
            for t in tasks:
                t.cancel()
            raise
        await asyncio.sleep(10)


async def intake(orders, validate) -> None:  # expect: clean  # near: cancellation-swallowed
    async for order in orders:
        try:
            await validate(order)
        except Exception as exc:
            if isinstance(exc, asyncio.CancelledError):
                log.info("validation cancelled")
            log.warning("invalid order: %r", exc)


class ProofRenderer(threading.Thread):  # expect: thread-unsafe-capture
    def __init__(self, layout, done: asyncio.Future) -> None:
        super().__init__(daemon=True)
        self.layout = layout
        self.done = done

    def run(self) -> None:
        self.done.set_result(self.layout.render())


class ProofRendererSafe(threading.Thread):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, layout, done: asyncio.Future, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(daemon=True)
        self.layout = layout
        self.done = done
        self.loop = loop

    def run(self) -> None:
        self.loop.call_soon_threadsafe(self.done.set_result, self.layout.render())


class Notices:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=100)

    async def post(self, text: str) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self.outbox.put_nowait, text)


class NoticesThreadQueue:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.outbox: queue.Queue[str] = queue.Queue(maxsize=100)

    async def post(self, text: str) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self.outbox.put, text)


class PressSchedule:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.due = asyncio.Event()
        self.scheduler = sched.scheduler(time.monotonic, time.sleep)

    def plan(self, delay: float) -> None:
        self.scheduler.enter(delay, 1, self.due.set)
        threading.Thread(target=self.scheduler.run, daemon=True).start()


async def wait_for_dryer(dryer) -> None:  # expect: thread-unsafe-capture
    dry = asyncio.Event()
    threading.Thread(target=functools.partial(dryer.wait_dry, on_dry=dry.set), daemon=True).start()
    await dry.wait()


async def wait_for_dryer_safe(dryer) -> None:  # expect: clean  # near: thread-unsafe-capture
    dry = asyncio.Event()
    loop = asyncio.get_running_loop()
    threading.Thread(target=functools.partial(dryer.wait_dry, on_dry=lambda: loop.call_soon_threadsafe(dry.set)),
                     daemon=True).start()
    await dry.wait()


def cut_sheets(cutter, sheets: list, on_done) -> None:  # expect: clean
    for sheet in sheets:
        cutter.cut(sheet)
    on_done()


async def cut_all(cutter, sheets: list) -> None:  # expect: thread-unsafe-capture
    finished = asyncio.Event()
    threading.Thread(target=cut_sheets, args=(cutter, sheets, finished.set)).start()
    await finished.wait()


async def cut_all_awaited(cutter, sheets: list) -> None:  # expect: clean  # near: thread-unsafe-capture
    finished = asyncio.Event()
    await asyncio.to_thread(cut_sheets, cutter, sheets, lambda: None)
    finished.set()
    await finished.wait()


class RetryScheduler:  # expect: unbounded-queue
    def __init__(self, send) -> None:
        self.send = send
        self.pending: asyncio.PriorityQueue[tuple[float, dict]] = asyncio.PriorityQueue()

    async def run(self, failures) -> None:
        async for job in failures:
            self.pending.put_nowait((time.monotonic() + 30, job))


class OrderDesk:  # expect: unbounded-queue
    def __init__(self) -> None:
        self._orders: asyncio.Queue[dict] = asyncio.Queue()

    async def submit(self, order: dict) -> None:
        await self._orders.put(order)

    async def next_order(self) -> dict:
        return await self._orders.get()


class OrderDeskBusy:  # expect: clean  # near: unbounded-queue
    def __init__(self, limit: int = 500) -> None:
        self._orders: asyncio.Queue[dict] = asyncio.Queue()
        self.limit = limit

    async def submit(self, order: dict) -> None:
        if self._orders.qsize() >= self.limit:
            raise RuntimeError("order desk is busy")
        await self._orders.put(order)

    async def next_order(self) -> dict:
        return await self._orders.get()


async def seed_presses(presses: list) -> asyncio.Queue:  # expect: clean, ?unbounded-queue  # near: unbounded-queue
    ready: asyncio.Queue = asyncio.Queue(len(presses))
    for press in presses:
        ready.put_nowait(press)
    return ready


async def serve_customers(ws, handle) -> None:  # expect: unbounded-spawn
    live: set[asyncio.Task] = set()
    while True:
        msg = await ws.recv()
        t = asyncio.create_task(handle(msg))
        live.add(t)
        t.add_done_callback(live.discard)


async def crawl_catalogue(fetch, url: str, seen: set, tasks: set) -> None:  # expect: unbounded-spawn
    if url in seen:
        return
    seen.add(url)
    for link in await fetch(url):
        t = asyncio.create_task(crawl_catalogue(fetch, link, seen, tasks))
        tasks.add(t)
        t.add_done_callback(tasks.discard)
