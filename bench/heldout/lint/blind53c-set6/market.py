"""A market-data relay: a feed thread from a vendor SDK, an order book per symbol, and subscribers over asyncio."""
from __future__ import annotations

import asyncio
import bisect
import functools
import hashlib
import logging
import pickle
import queue
import socket
import threading
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, Optional

log = logging.getLogger("market")


class Book:  # expect: clean
    def __init__(self, symbol: str) -> None:
        self.symbol = symbol
        self.bids: list[tuple[float, float]] = []
        self.asks: list[tuple[float, float]] = []

    def apply(self, side: str, price: float, size: float) -> None:
        levels = self.bids if side == "bid" else self.asks
        bisect.insort(levels, (price, size))


class VendorFeed:  # expect: thread-unsafe-capture
    """The vendor SDK calls `on_tick` from its own network thread."""

    def __init__(self, sdk, updates: asyncio.Queue) -> None:
        self.sdk = sdk
        self.updates = updates
        sdk.set_listener(self.on_tick)

    def on_tick(self, tick: dict) -> None:
        if self.updates.full():
            self.updates.get_nowait()
        self.updates.put_nowait(tick)


class BridgedVendorFeed:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, sdk, updates: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.sdk = sdk
        self.updates = updates
        self.loop = loop
        sdk.set_listener(self.on_tick)

    def _push(self, tick: dict) -> None:
        if self.updates.full():
            self.updates.get_nowait()
        self.updates.put_nowait(tick)

    def on_tick(self, tick: dict) -> None:
        self.loop.call_soon_threadsafe(self._push, tick)


class Books:  # expect: lock-across-await
    def __init__(self) -> None:
        self._books: dict[str, Book] = {}
        self._lock = threading.Lock()

    @functools.cached_property
    def guard(self) -> threading.Lock:
        return self._lock

    async def publish(self, symbol: str, send: Callable) -> None:
        with self.guard:
            book = self._books.setdefault(symbol, Book(symbol))
            await send(book.bids[-5:], book.asks[:5])


class SnapshotBooks:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._books: dict[str, Book] = {}
        self._lock = threading.Lock()

    async def publish(self, symbol: str, send: Callable) -> None:
        with self._lock:
            book = self._books.setdefault(symbol, Book(symbol))
            top = (book.bids[-5:], book.asks[:5])
        await send(*top)


async def replay(path: str, updates: asyncio.Queue) -> int:  # expect: blocking-call
    with open(path, "rb") as fh:
        ticks = pickle.load(fh)
    for tick in ticks:
        await updates.put(tick)
    return len(ticks)


async def replay_offloaded(path: str, updates: asyncio.Queue) -> int:  # expect: clean  # near: blocking-call
    def load() -> list:
        with open(path, "rb") as fh:
            return pickle.load(fh)

    ticks = await asyncio.to_thread(load)
    for tick in ticks:
        await updates.put(tick)
    return len(ticks)


async def checksum_snapshot(blob: bytes) -> str:  # expect: blocking-call
    return hashlib.pbkdf2_hmac("sha256", blob, b"snap", 500_000).hex()


async def checksum_snapshot_offloaded(blob: bytes) -> str:  # expect: clean  # near: blocking-call
    digest = await asyncio.to_thread(hashlib.pbkdf2_hmac, "sha256", blob, b"snap", 500_000)
    return digest.hex()


class LegacyGateway:  # expect: blocking-call
    """Orders go to the exchange over a plain TCP socket."""

    def __init__(self, host: str, port: int) -> None:
        self.sock = socket.create_connection((host, port), timeout=5)

    async def send_order(self, order: bytes) -> bytes:
        self.sock.sendall(order)
        return self.sock.recv(1024)


class StreamGateway:  # expect: clean  # near: blocking-call
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    async def send_order(self, order: bytes) -> bytes:
        self.writer.write(order)
        await self.writer.drain()
        return await self.reader.read(1024)


class Subscribers:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.queues: list[asyncio.Queue] = []

    def add(self) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue(-1)
        self.queues.append(q)
        return q

    async def fan_out(self, tick: dict) -> None:
        for q in self.queues:
            await q.put(tick)


class BoundedSubscribers:  # expect: clean  # near: unbounded-queue
    def __init__(self, depth: int = 500) -> None:
        self.queues: list[asyncio.Queue] = []
        self.depth = depth

    def add(self) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue(self.depth)
        self.queues.append(q)
        return q


class Recorder:  # expect: clean  # near: unbounded-queue
    """Ticks to disk from a writer thread; the thread-side buffer is a plain deque with a cap."""

    def __init__(self, path: str) -> None:
        self.buffer: deque = deque(maxlen=100_000)
        self.path = path

    def flush(self) -> None:
        with open(self.path, "ab") as fh:
            while self.buffer:
                fh.write(pickle.dumps(self.buffer.popleft()))


async def quote(executor: ThreadPoolExecutor, pricer, symbol: str) -> float:  # expect: blocking-call
    future: Future = executor.submit(pricer.price, symbol)
    while not future.done():
        time.sleep(0.001)
    return future.result()


async def quote_awaited(executor: ThreadPoolExecutor, pricer, symbol: str) -> float:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(executor, pricer.price, symbol)


async def heartbeat(gateway: StreamGateway, every: float) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await gateway.send_order(b"PING\n")
            await asyncio.sleep(every)
        except Exception:
            log.exception("heartbeat failed")
        finally:
            continue


async def heartbeat_plain(gateway: StreamGateway, every: float) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await gateway.send_order(b"PING\n")
        except Exception:
            log.exception("heartbeat failed")
        await asyncio.sleep(every)


async def start_feeds(symbols: list[str], run: Callable[[str], Any]) -> None:  # expect: dangling-task
    loop = asyncio.get_running_loop()
    started = [loop.create_task(run(s)) for s in symbols]
    log.info("started %d feeds", len(started))


async def start_feeds_kept(symbols: list[str], run: Callable[[str], Any], into: set) -> None:  # expect: clean  # near: dangling-task
    loop = asyncio.get_running_loop()
    for s in symbols:
        task = loop.create_task(run(s))
        into.add(task)
        task.add_done_callback(into.discard)


async def price_once(pricer, symbol: str) -> Optional[float]:  # expect: clean  # near: unawaited-coroutine
    result = pricer.async_price(symbol)
    if result is None:
        return None
    return float(await result) if asyncio.iscoroutine(result) else float(result)
