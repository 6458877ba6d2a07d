"""Channels and workers of a telemetry ingest service: sockets in, batches out to Postgres and Redis."""
from __future__ import annotations

import asyncio
import os
import socket
import threading
from dataclasses import dataclass

import psycopg2
import redis.asyncio as aioredis

SETTINGS = {"inbox_max": 0, "workers": 8}


@dataclass
class IngestConfig:  # expect: clean
    inbox_max: int = 0
    workers: int = 8


class Decoder:  # expect: clean
    def __init__(self, inbox: asyncio.Queue) -> None:
        self.inbox = inbox

    async def feed(self, reader: asyncio.StreamReader) -> None:
        async for line in reader:
            await self.inbox.put(line.rstrip())


def build_decoder() -> Decoder:  # expect: unbounded-queue
    return Decoder(asyncio.Queue())


def build_decoder_bounded(size: int = 2048) -> Decoder:  # expect: clean  # near: unbounded-queue
    return Decoder(asyncio.Queue(maxsize=size))


class SensorInbox:  # expect: unbounded-queue
    def __init__(self, cfg: IngestConfig | None = None) -> None:
        cfg = cfg or IngestConfig()
        self.frames: asyncio.Queue[bytes] = asyncio.Queue(maxsize=cfg.inbox_max)

    async def receive(self, reader: asyncio.StreamReader) -> None:
        while chunk := await reader.read(4096):
            await self.frames.put(chunk)


class SensorInboxSized:  # expect: clean  # near: unbounded-queue
    def __init__(self, cfg: IngestConfig | None = None) -> None:
        cfg = cfg or IngestConfig(inbox_max=4096)
        self.frames: asyncio.Queue[bytes] = asyncio.Queue(maxsize=cfg.inbox_max)

    async def receive(self, reader: asyncio.StreamReader) -> None:
        while chunk := await reader.read(4096):
            await self.frames.put(chunk)


class UdpInbox(asyncio.DatagramProtocol):  # expect: unbounded-queue
    def __init__(self) -> None:
        self.datagrams: asyncio.Queue[bytes] = asyncio.Queue(maxsize=SETTINGS["inbox_max"])

    def datagram_received(self, data: bytes, addr) -> None:
        self.datagrams.put_nowait(data)


class UdpInboxDropping(asyncio.DatagramProtocol):  # expect: clean  # near: unbounded-queue
    def __init__(self, limit: int = 10_000) -> None:
        self.datagrams: asyncio.Queue[bytes] = asyncio.Queue()
        self.limit = limit
        self.dropped = 0

    def datagram_received(self, data: bytes, addr) -> None:
        if self.datagrams.qsize() >= self.limit:
            self.dropped += 1
            return
        self.datagrams.put_nowait(data)


class RawSocketReader:  # expect: unbounded-queue
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.packets: asyncio.LifoQueue[bytes] = asyncio.LifoQueue(maxsize=int(os.environ.get("PACKETS_MAX") or 0))

    def start(self) -> None:
        asyncio.get_running_loop().add_reader(self.sock.fileno(), self._on_readable)

    def _on_readable(self) -> None:
        self.packets.put_nowait(self.sock.recv(65535))


class RawSocketReaderPaused:  # expect: clean  # near: unbounded-queue
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.packets: asyncio.Queue[bytes] = asyncio.Queue(maxsize=int(os.environ.get("PACKETS_MAX", "1024")))

    def start(self) -> None:
        asyncio.get_running_loop().add_reader(self.sock.fileno(), self._on_readable)

    def _on_readable(self) -> None:
        if self.packets.full():
            asyncio.get_running_loop().remove_reader(self.sock.fileno())
            return
        self.packets.put_nowait(self.sock.recv(65535))


class SerialTap:  # expect: unbounded-queue
    """A reader thread hands lines to the loop the thread-safe way, but nothing bounds them."""

    def __init__(self, port) -> None:
        self.port = port
        self.lines: asyncio.Queue[bytes] = asyncio.Queue()

    def _read(self, loop: asyncio.AbstractEventLoop) -> None:
        while True:
            line = self.port.readline()
            loop.call_soon_threadsafe(self.lines.put_nowait, line)

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        threading.Thread(target=self._read, args=(loop,), daemon=True).start()


class SerialTapBackpressure:  # expect: clean  # near: unbounded-queue
    def __init__(self, port) -> None:
        self.port = port
        self.lines: asyncio.Queue[bytes] = asyncio.Queue(maxsize=512)

    def _read(self, loop: asyncio.AbstractEventLoop) -> None:
        while True:
            line = self.port.readline()
            asyncio.run_coroutine_threadsafe(self.lines.put(line), loop).result()

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        threading.Thread(target=self._read, args=(loop,), daemon=True).start()


async def crawl_once(urls: list[str], fetch, workers: int = 8) -> list:  # expect: clean  # near: unbounded-queue
    todo: asyncio.Queue[str] = asyncio.Queue()
    for url in urls:
        todo.put_nowait(url)
    results: list = []

    async def worker() -> None:
        while not todo.empty():
            results.append(await fetch(todo.get_nowait()))

    await asyncio.gather(*(worker() for _ in range(workers)))
    return results


class Broadcaster:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.subscribers: set[asyncio.Queue] = set()

    def subscribe(self) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue()
        self.subscribers.add(q)
        return q

    async def run(self, source) -> None:
        async for event in source:
            for q in self.subscribers:
                q.put_nowait(event)


class BroadcasterBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, depth: int = 100) -> None:
        self.depth = depth
        self.subscribers: set[asyncio.Queue] = set()

    def subscribe(self) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue(self.depth)
        self.subscribers.add(q)
        return q

    async def run(self, source) -> None:
        async for event in source:
            for q in list(self.subscribers):
                if q.full():
                    self.subscribers.discard(q)
                else:
                    q.put_nowait(event)


async def consume_stream(r: aioredis.Redis, handle) -> None:  # expect: unbounded-spawn
    running: set[asyncio.Task] = set()
    last = "$"
    while True:
        entries = await r.xread({"telemetry": last}, block=5000, count=100)
        for _stream, messages in entries:
            for msg_id, fields in messages:
                last = msg_id
                t = asyncio.create_task(handle(fields))
                running.add(t)
                t.add_done_callback(running.discard)


async def consume_stream_batched(r: aioredis.Redis, handle) -> None:  # expect: clean  # near: unbounded-spawn
    last = "$"
    while True:
        entries = await r.xread({"telemetry": last}, block=5000, count=100)
        async with asyncio.TaskGroup() as tg:
            for _stream, messages in entries:
                for msg_id, fields in messages:
                    last = msg_id
                    tg.create_task(handle(fields))


async def handle_lines(reader: asyncio.StreamReader, handle) -> None:  # expect: unbounded-spawn
    async with asyncio.TaskGroup() as tg:
        async for line in reader:
            tg.create_task(handle(line))


async def handle_lines_limited(reader: asyncio.StreamReader, handle, limit: int = 32) -> None:  # expect: clean  # near: unbounded-spawn
    sem = asyncio.Semaphore(limit)

    async def one(line: bytes) -> None:
        try:
            await handle(line)
        finally:
            sem.release()

    async with asyncio.TaskGroup() as tg:
        async for line in reader:
            await sem.acquire()
            tg.create_task(one(line))


async def dispatch_jobs(jobs: asyncio.Queue, run) -> None:  # expect: unbounded-spawn
    active: set[asyncio.Future] = set()
    while True:
        job = await jobs.get()
        fut = asyncio.ensure_future(run(job))
        active.add(fut)
        fut.add_done_callback(active.discard)
        jobs.task_done()


async def dispatch_jobs_pool(jobs: asyncio.Queue, run, size: int = 16) -> None:  # expect: clean  # near: unbounded-spawn
    async def worker() -> None:
        while True:
            job = await jobs.get()
            try:
                await run(job)
            finally:
                jobs.task_done()

    async with asyncio.TaskGroup() as tg:
        for _ in range(size):
            tg.create_task(worker())


async def handle_lines_inline(reader: asyncio.StreamReader, handle) -> None:  # expect: clean  # near: unbounded-spawn
    async for line in reader:
        await asyncio.wait_for(handle(line), timeout=5)


def write_batch_pg(dsn: str, rows: list) -> None:  # expect: clean
    with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
        cur.executemany("INSERT INTO telemetry VALUES (%s, %s)", rows)


class PgSink:  # expect: unbounded-spawn
    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.pending: set[asyncio.Future] = set()

    async def run(self, batches) -> None:
        async for rows in batches:
            fut = asyncio.ensure_future(asyncio.to_thread(write_batch_pg, self.dsn, rows))
            self.pending.add(fut)
            fut.add_done_callback(self.pending.discard)


class PgSinkSerial:  # expect: clean  # near: unbounded-spawn
    def __init__(self, dsn: str) -> None:
        self.dsn = dsn

    async def run(self, batches) -> None:
        async for rows in batches:
            await asyncio.to_thread(write_batch_pg, self.dsn, rows)


class TaskQueueFactory:  # expect: unbounded-queue
    @staticmethod
    def channel(capacity: int | None = None) -> asyncio.Queue:
        return asyncio.Queue(capacity or 0)

    def __init__(self) -> None:
        self.inbound = self.channel()

    async def pump(self, ws) -> None:
        async for frame in ws:
            await self.inbound.put(frame)


class TaskQueueFactorySized:  # expect: clean  # near: unbounded-queue
    @staticmethod
    def channel(capacity: int | None = None) -> asyncio.Queue:
        return asyncio.Queue(capacity or 256)

    def __init__(self) -> None:
        self.inbound = self.channel()

    async def pump(self, ws) -> None:
        async for frame in ws:
            await self.inbound.put(frame)
