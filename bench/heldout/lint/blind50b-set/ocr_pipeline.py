"""A document-scanning service: the office MFPs post scans, which are split into pages, OCR'd and indexed."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from dataclasses import dataclass, field
from functools import partial

from aiohttp import web

log = logging.getLogger("ocr")


@dataclass(frozen=True)
class PipelineSettings:  # expect: clean
    scan_backlog: int = 16
    page_backlog: int | None = None
    index_batch: int = 50
    ocr_workers: int = 4


SETTINGS = PipelineSettings(scan_backlog=int(os.environ.get("OCR_SCAN_BACKLOG", "16")))


@dataclass
class Scan:  # expect: clean
    device: str
    pdf: bytes


def bounded(size: int) -> asyncio.Queue:  # expect: clean  # near: unbounded-queue
    if size <= 0:
        raise ValueError("a pipeline queue needs a positive size")
    return asyncio.Queue(maxsize=size)


@dataclass
class Channels:  # expect: unbounded-queue
    """The pipeline's queues, made once at start-up."""

    scans: asyncio.Queue = field(default_factory=lambda: bounded(SETTINGS.scan_backlog))
    pages: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=SETTINGS.page_backlog or 0))
    texts: asyncio.Queue = field(default_factory=partial(asyncio.Queue, 200))


async def split_worker(ch: Channels, splitter) -> None:  # expect: clean
    while True:
        scan = await ch.scans.get()
        try:
            for page in await splitter.split(scan):
                await ch.pages.put(page)
        finally:
            ch.scans.task_done()


async def ocr_worker(ch: Channels, engine) -> None:  # expect: cancellation-swallowed
    while True:
        page = await ch.pages.get()
        try:
            text = await engine.recognise(page)
        except asyncio.CancelledError:
            log.warning("OCR of %s interrupted, putting it back", page.id)
            ch.pages.put_nowait(page)
            continue
        finally:
            ch.pages.task_done()
        await ch.texts.put((page, text))


async def ocr_worker_requeue(ch: Channels, engine) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        page = await ch.pages.get()
        try:
            text = await engine.recognise(page)
        except asyncio.CancelledError:
            ch.pages.put_nowait(page)
            raise
        finally:
            ch.pages.task_done()
        await ch.texts.put((page, text))


async def index_worker(ch: Channels, index) -> None:  # expect: cancellation-swallowed
    batch = []
    while True:
        try:
            batch.append(await asyncio.wait_for(ch.texts.get(), timeout=2.0))
        except (asyncio.TimeoutError, asyncio.CancelledError):
            pass
        if len(batch) >= SETTINGS.index_batch or (batch and ch.texts.empty()):
            await index.bulk(batch)
            batch = []


async def index_worker_timeout_only(ch: Channels, index) -> None:  # expect: clean  # near: cancellation-swallowed
    batch = []
    while True:
        try:
            batch.append(await asyncio.wait_for(ch.texts.get(), timeout=2.0))
        except asyncio.TimeoutError:
            pass
        if len(batch) >= SETTINGS.index_batch or (batch and ch.texts.empty()):
            await index.bulk(batch)
            batch = []


class ScanIntake:  # expect: clean  # near: unbounded-queue
    """The MFPs POST scans here; a full backlog answers 503 and the device retries later."""

    def __init__(self, ch: Channels) -> None:
        self.ch = ch

    async def post(self, request: web.Request) -> web.Response:
        body = await request.read()
        try:
            self.ch.scans.put_nowait(Scan(request.headers.get("X-Device", "?"), body))
        except asyncio.QueueFull:
            return web.Response(status=503, headers={"Retry-After": "30"})
        return web.Response(status=202)


class RetryQueue:  # expect: unbounded-queue
    """Pages whose OCR failed, retried at night; any worker adds to it."""

    pending: asyncio.Queue = asyncio.Queue()

    @classmethod
    def add(cls, page, error: Exception) -> None:
        cls.pending.put_nowait((page, repr(error)))

    @classmethod
    async def drain(cls, engine) -> int:
        done = 0
        while not cls.pending.empty():
            page, _ = cls.pending.get_nowait()
            await engine.recognise(page)
            done += 1
        return done


class ThumbnailJobs:  # expect: clean  # near: unbounded-queue
    jobs: asyncio.Queue = asyncio.Queue(maxsize=32)

    async def request(self, page) -> None:
        await self.jobs.put(page)

    async def run(self, render) -> None:
        while True:
            page = await self.jobs.get()
            await render(page)


class ExportFeed:  # expect: unbounded-queue
    """Texts streamed to the records archive; its backlog comes from OCR_EXPORT_BACKLOG (0: no limit)."""

    def __init__(self) -> None:
        self.items: asyncio.Queue = asyncio.Queue(int(os.getenv("OCR_EXPORT_BACKLOG", "0")))

    async def follow(self, db) -> None:
        async for row in db.stream("SELECT id, text FROM pages WHERE exported = false"):
            await self.items.put(row)


class ExportFeedBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.items: asyncio.Queue = asyncio.Queue(int(os.getenv("OCR_EXPORT_BACKLOG", "500")))

    async def follow(self, db) -> None:
        async for row in db.stream("SELECT id, text FROM pages WHERE exported = false"):
            await self.items.put(row)


class Reindexer:  # expect: clean  # near: unbounded-queue
    """Re-OCRs the archive batch by batch; each batch is finished before the next is queued."""

    def __init__(self) -> None:
        self.todo: asyncio.Queue = asyncio.Queue()

    async def _work(self, engine, index) -> None:
        while True:
            page = await self.todo.get()
            try:
                await index.replace(page.id, await engine.recognise(page))
            finally:
                self.todo.task_done()

    async def run(self, db, engine, index, workers: int = 4) -> None:
        tasks = [asyncio.create_task(self._work(engine, index)) for _ in range(workers)]
        try:
            async for batch in db.batches(500):
                for page in batch:
                    self.todo.put_nowait(page)
                await self.todo.join()
        finally:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


class ProgressHub:  # expect: unbounded-queue
    """Progress events for the dashboard's websockets, one queue per open page."""

    def __init__(self) -> None:
        self.subscribers: list[asyncio.Queue] = []

    def subscribe(self) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue()
        self.subscribers.append(q)
        return q

    def publish(self, event: dict) -> None:
        for q in self.subscribers:
            q.put_nowait(event)


class ProgressHubDropping:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.subscribers: list[asyncio.Queue] = []

    def subscribe(self) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue(maxsize=100)
        self.subscribers.append(q)
        return q

    def publish(self, event: dict) -> None:
        for q in self.subscribers:
            if q.full():
                q.get_nowait()
            q.put_nowait(event)


def make_channel(size: int | None = None) -> asyncio.Queue:  # expect: unbounded-queue
    return asyncio.Queue(maxsize=size or 0)


class MailIntake:  # expect: clean
    """Scans mailed to scans@ by the home-office users, fetched over IMAP every minute."""

    def __init__(self, imap, ch: Channels) -> None:
        self.imap = imap
        self.ch = ch
        self.attachments = make_channel(SETTINGS.scan_backlog)

    async def poll(self) -> None:
        while True:
            for msg in await self.imap.fetch_unseen():
                for part in msg.attachments:
                    await self.attachments.put(part)
            await asyncio.sleep(60)


class FaxIntake:  # expect: clean
    """The old fax gateway's PDFs, pushed over a socket."""

    def __init__(self) -> None:
        self.pdfs = make_channel()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while data := await reader.readexactly(int((await reader.readline()).strip())):
            await self.pdfs.put(data)
        writer.close()


async def watch_hotfolder(path: str, ch: Channels) -> None:  # expect: cancellation-swallowed
    """Polls the SMB hot folder the older scanners drop PDFs into."""
    seen: set[str] = set()
    while True:
        try:
            names = await asyncio.to_thread(os.listdir, path)
            for name in sorted(set(names) - seen):
                seen.add(name)
                await ch.scans.put(Scan("hotfolder", await asyncio.to_thread(_read, os.path.join(path, name))))
            await asyncio.sleep(5)
        except:  # noqa: E722 - the SMB mount raises odd things
            log.exception("hot folder scan failed")
            await asyncio.sleep(30)


async def watch_hotfolder_exceptions(path: str, ch: Channels) -> None:  # expect: clean  # near: cancellation-swallowed
    seen: set[str] = set()
    while True:
        try:
            names = await asyncio.to_thread(os.listdir, path)
            for name in sorted(set(names) - seen):
                seen.add(name)
                await ch.scans.put(Scan("hotfolder", await asyncio.to_thread(_read, os.path.join(path, name))))
            await asyncio.sleep(5)
        except Exception:
            log.exception("hot folder scan failed")
            await asyncio.sleep(30)


def _read(path: str) -> bytes:  # expect: clean
    with open(path, "rb") as f:
        return f.read()


async def drain_and_stop(ch: Channels, workers: list[asyncio.Task]) -> None:  # expect: clean  # near: cancellation-swallowed
    await ch.scans.join()
    for w in workers:
        w.cancel()
    for w in workers:
        with contextlib.suppress(asyncio.CancelledError):
            await w


class OcrEngineClient:  # expect: cancellation-swallowed
    """Talks to the OCR engine over HTTP; a cancelled request is logged and answered with no text."""

    def __init__(self, session, url: str) -> None:
        self.session = session
        self.url = url

    async def recognise(self, page) -> str:
        try:
            async with self.session.post(self.url, data=page.png) as resp:
                return (await resp.json())["text"]
        except asyncio.CancelledError:
            log.info("OCR of %s cancelled", page.id)
            return ""


class OcrEngineClientReraising:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, session, url: str) -> None:
        self.session = session
        self.url = url

    async def recognise(self, page) -> str:
        try:
            async with self.session.post(self.url, data=page.png) as resp:
                return (await resp.json())["text"]
        except asyncio.CancelledError:
            log.info("OCR of %s cancelled", page.id)
            raise


async def flush_index(index, batch: list) -> int:  # expect: cancellation-swallowed
    sent = 0
    try:
        await index.bulk(batch)
        sent = len(batch)
    finally:
        return sent


async def flush_index_timed(index, batch: list) -> int:  # expect: clean  # near: cancellation-swallowed
    try:
        async with asyncio.timeout(30):
            await index.bulk(batch)
    except TimeoutError:
        log.warning("index flush of %d documents timed out", len(batch))
        return 0
    return len(batch)
