"""A warehouse sync daemon: nightly exports, schema reloads and housekeeping around an asyncio loop that owns the
database pool. Jobs come from APScheduler, the `schedule` package and watchdog."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from pathlib import Path

import schedule
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from watchdog.events import PatternMatchingEventHandler
from watchdog.observers import Observer

log = logging.getLogger("whsync")

scheduler = AsyncIOScheduler(timezone="UTC")
TOKENS_STALE = asyncio.Event()
_background: set[asyncio.Task] = set()


@scheduler.scheduled_job("interval", minutes=50)
def mark_tokens_stale() -> None:  # expect: thread-unsafe-capture
    log.info("warehouse token is due for refresh")
    TOKENS_STALE.set()


@scheduler.scheduled_job("interval", minutes=50)
async def mark_tokens_stale_async() -> None:  # expect: clean  # near: thread-unsafe-capture
    TOKENS_STALE.set()


async def token_refresher(auth) -> None:  # expect: clean
    while True:
        await TOKENS_STALE.wait()
        TOKENS_STALE.clear()
        await auth.refresh()


class NightlyExports:  # expect: thread-unsafe-capture
    """Exports each table at 02:00; the background scheduler runs the job on its thread pool."""

    def __init__(self, loop: asyncio.AbstractEventLoop, exporter, tables: list[str]) -> None:
        self.loop = loop
        self.exporter = exporter
        self.tables = tables
        self.running: set[asyncio.Task] = set()
        self.scheduler = BackgroundScheduler()
        self.scheduler.add_job(self.export_all, CronTrigger(hour=2))

    def export_all(self) -> None:
        for table in self.tables:
            task = self.loop.create_task(self.exporter.export(table))
            self.running.add(task)
            task.add_done_callback(self.running.discard)

    def start(self) -> None:
        self.scheduler.start()


class NightlyExportsSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, exporter, tables: list[str]) -> None:
        self.loop = loop
        self.exporter = exporter
        self.tables = tables
        self.scheduler = BackgroundScheduler()
        self.scheduler.add_job(self.export_all, CronTrigger(hour=2))

    def export_all(self) -> None:
        futures = [asyncio.run_coroutine_threadsafe(self.exporter.export(t), self.loop) for t in self.tables]
        for table, fut in zip(self.tables, futures):
            try:
                fut.result(timeout=3600)
            except Exception:
                log.exception("export of %s failed", table)

    def start(self) -> None:
        self.scheduler.start()


class NightlyExportsOnLoop:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, exporter, tables: list[str]) -> None:
        self.exporter = exporter
        self.tables = tables
        self.scheduler = AsyncIOScheduler()
        self.scheduler.add_job(self.export_all, CronTrigger(hour=2))

    async def export_all(self) -> None:
        for table in self.tables:
            await self.exporter.export(table)

    def start(self) -> None:
        self.scheduler.start()


class Housekeeping:  # expect: thread-unsafe-capture
    """Vacuum and stats jobs on the `schedule` package, run by a thread of their own."""

    def __init__(self, db, loop: asyncio.AbstractEventLoop) -> None:
        self.db = db
        self.loop = loop
        self.vacuum_due = asyncio.Event()
        self.stop = threading.Event()
        schedule.every(6).hours.do(self._vacuum)
        schedule.every().day.at("03:30").do(self._analyze)

    def _vacuum(self) -> None:
        self.vacuum_due.set()

    def _analyze(self) -> None:
        asyncio.run_coroutine_threadsafe(self.db.execute("ANALYZE"), self.loop)

    def _runner(self) -> None:
        while not self.stop.is_set():
            schedule.run_pending()
            time.sleep(1)

    def start(self) -> None:
        threading.Thread(target=self._runner, name="housekeeping", daemon=True).start()

    async def vacuum_forever(self) -> None:
        while True:
            await self.vacuum_due.wait()
            self.vacuum_due.clear()
            await self.db.execute("VACUUM")


class HousekeepingOnLoop:  # expect: clean, ?thread-unsafe-capture  # near: thread-unsafe-capture
    def __init__(self, db) -> None:
        self.db = db
        self.vacuum_due = asyncio.Event()
        schedule.every(6).hours.do(self._vacuum)

    def _vacuum(self) -> None:
        self.vacuum_due.set()

    async def run_pending_forever(self) -> None:
        while True:
            schedule.run_pending()
            await asyncio.sleep(1)

    async def vacuum_forever(self) -> None:
        while True:
            await self.vacuum_due.wait()
            self.vacuum_due.clear()
            await self.db.execute("VACUUM")


class SchemaReloads:  # expect: clean
    """The loop's side of schema reloads: a bounded queue of changed files, applied one at a time."""

    def __init__(self, apply) -> None:
        self.apply = apply
        self.changed: asyncio.Queue[Path] = asyncio.Queue(maxsize=100)

    def request(self, path: Path) -> None:
        with contextlib.suppress(asyncio.QueueFull):
            self.changed.put_nowait(path)

    async def run(self) -> None:
        while True:
            path = await self.changed.get()
            await self.apply(path)


class SchemaFileHandler(PatternMatchingEventHandler):  # expect: thread-unsafe-capture
    def __init__(self, reloads: SchemaReloads) -> None:
        super().__init__(patterns=["*.sql", "*.yaml"], ignore_directories=True)
        self.reloads = reloads

    def on_modified(self, event) -> None:
        self.reloads.request(Path(event.src_path))

    def on_created(self, event) -> None:
        self.reloads.request(Path(event.src_path))


class SchemaFileHandlerSafe(PatternMatchingEventHandler):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, reloads: SchemaReloads, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(patterns=["*.sql", "*.yaml"], ignore_directories=True)
        self.reloads = reloads
        self.loop = loop

    def on_modified(self, event) -> None:
        self.loop.call_soon_threadsafe(self.reloads.request, Path(event.src_path))


def watch_schemas(root: Path, handler: PatternMatchingEventHandler) -> Observer:  # expect: clean
    observer = Observer()
    observer.schedule(handler, str(root), recursive=True)
    observer.start()
    return observer


class ExportLedger:  # expect: lock-across-await
    """Which tables were exported when; the scheduler's thread reads it for its status page."""

    def __init__(self, db) -> None:
        self.db = db
        self.lock = threading.Lock()
        self.last: dict[str, float] = {}

    def status(self) -> dict[str, float]:
        with self.lock:
            return dict(self.last)

    async def record(self, table: str) -> None:
        with self.lock:
            self.last[table] = time.time()
            await self.db.execute("INSERT INTO export_log VALUES ($1, now())", table)


class ExportLedgerShort:  # expect: clean  # near: lock-across-await
    def __init__(self, db) -> None:
        self.db = db
        self.lock = threading.Lock()
        self.last: dict[str, float] = {}

    def status(self) -> dict[str, float]:
        with self.lock:
            return dict(self.last)

    async def record(self, table: str) -> None:
        with self.lock:
            self.last[table] = time.time()
        await self.db.execute("INSERT INTO export_log VALUES ($1, now())", table)


class ExportLedgerHelper:  # expect: lock-across-await
    def __init__(self, db) -> None:
        self.db = db
        self._lock = threading.RLock()
        self.last: dict[str, float] = {}

    @contextlib.contextmanager
    def _guard(self):
        self._lock.acquire()
        try:
            yield self.last
        finally:
            self._lock.release()

    async def record(self, table: str) -> None:
        with self._guard() as last:
            last[table] = time.time()
            await self.db.execute("INSERT INTO export_log VALUES ($1, now())", table)


async def export_table(db, table: str, sink) -> int:  # expect: cancellation-swallowed
    """Streams one table to the sink; a cancelled export is logged and counted as partial."""
    rows = 0
    async with db.transaction():
        cursor = await db.cursor(f"SELECT * FROM {table}")
        while True:
            try:
                batch = await cursor.fetch(5000)
            except asyncio.CancelledError:
                log.warning("export of %s cancelled after %d rows", table, rows)
                break
            if not batch:
                break
            await sink.write(table, batch)
            rows += len(batch)
    await sink.close(table, partial=rows == 0)
    return rows


async def export_table_cleanup(db, table: str, sink) -> int:  # expect: clean  # near: cancellation-swallowed
    rows = 0
    async with db.transaction():
        cursor = await db.cursor(f"SELECT * FROM {table}")
        while True:
            try:
                batch = await cursor.fetch(5000)
            except asyncio.CancelledError:
                log.warning("export of %s cancelled after %d rows", table, rows)
                await sink.abort(table)
                raise
            if not batch:
                break
            await sink.write(table, batch)
            rows += len(batch)
    await sink.close(table, partial=False)
    return rows


async def run_exports(db, tables: list[str], sink) -> dict[str, int]:  # expect: cancellation-swallowed
    done: dict[str, int] = {}
    for table in tables:
        try:
            done[table] = await export_table_cleanup(db, table, sink)
        except BaseException as exc:
            log.error("export of %s failed: %r", table, exc)
            done[table] = -1
    return done


async def run_exports_errors(db, tables: list[str], sink) -> dict[str, int]:  # expect: clean  # near: cancellation-swallowed
    done: dict[str, int] = {}
    for table in tables:
        try:
            done[table] = await export_table_cleanup(db, table, sink)
        except Exception as exc:
            log.error("export of %s failed: %r", table, exc)
            done[table] = -1
    return done


def start_token_refresh(auth) -> None:  # expect: dangling-task
    scheduler.start()
    asyncio.get_running_loop().create_task(token_refresher(auth))


def start_token_refresh_kept(auth) -> None:  # expect: clean  # near: dangling-task
    scheduler.start()
    task = asyncio.get_running_loop().create_task(token_refresher(auth))
    _background.add(task)
    task.add_done_callback(_background.discard)
