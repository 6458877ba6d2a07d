"""A docs build daemon: watches the checkout, rebuilds on change and on a schedule, streams build logs to clients."""
from __future__ import annotations

import asyncio
import logging
import signal
import subprocess
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import aiohttp
import schedule
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.background import BackgroundScheduler
from watchdog.events import FileSystemEvent, FileSystemEventHandler, PatternMatchingEventHandler
from watchdog.observers import Observer

log = logging.getLogger("builder")


def run_sphinx(source: str, out: str) -> int:  # expect: clean
    log.info("building %s", source)
    return subprocess.run(["sphinx-build", "-q", source, out], check=False).returncode


class ChangeCollector(FileSystemEventHandler):  # expect: thread-unsafe-capture
    def __init__(self, wakeup: asyncio.Event) -> None:
        self.wakeup = wakeup
        self.paths: set[str] = set()

    def on_modified(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.paths.add(event.src_path)
            self.wakeup.set()

    on_created = on_modified


class DebouncedCollector(FileSystemEventHandler):  # expect: clean  # near: thread-unsafe-capture
    """Hands each change to the loop, which restarts a half-second timer there."""

    def __init__(self, loop: asyncio.AbstractEventLoop, rebuild) -> None:
        self.loop = loop
        self.rebuild = rebuild
        self.timer: asyncio.TimerHandle | None = None

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.loop.call_soon_threadsafe(self._restart_timer)

    def _restart_timer(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer = self.loop.call_later(0.5, self.rebuild)


class BuildDaemon:  # expect: thread-unsafe-capture
    def __init__(self, source: Path, changes: asyncio.Queue) -> None:
        self.source = source
        self.changes = changes
        self.observer = Observer()

    def start(self) -> None:
        handler = PatternMatchingEventHandler(patterns=["*.rst", "*.md", "conf.py"], ignore_directories=True)
        handler.on_modified = self._changed
        handler.on_created = self._changed
        self.observer.schedule(handler, str(self.source), recursive=True)
        self.observer.start()

    def _changed(self, event: FileSystemEvent) -> None:
        if self.changes.full():
            return
        self.changes.put_nowait(event.src_path)

    async def builds(self):
        while True:
            path = await self.changes.get()
            yield await asyncio.to_thread(run_sphinx, str(self.source), "_build")


def install_nightly(loop: asyncio.AbstractEventLoop, full_build) -> threading.Thread:  # expect: thread-unsafe-capture
    schedule.every().day.at("02:00").do(lambda: loop.create_task(full_build()))

    def pump() -> None:
        while True:
            schedule.run_pending()
            time.sleep(30)

    thread = threading.Thread(target=pump, name="schedule", daemon=True)
    thread.start()
    return thread


async def run_schedule_on_loop(requested: asyncio.Event) -> None:  # expect: clean  # near: thread-unsafe-capture
    schedule.every().hour.do(requested.set)
    while True:
        schedule.run_pending()
        await asyncio.sleep(30)


class ArtifactPruner:  # expect: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, root: Path, notify) -> None:
        self.loop = loop
        self.root = root
        self.notify = notify
        self.scheduler = BackgroundScheduler()

    def start(self) -> None:
        self.scheduler.add_job(self.prune, "cron", hour=3)
        self.scheduler.start()

    def prune(self) -> None:
        removed = 0
        for path in self.root.glob("*/old-*"):
            path.unlink()
            removed += 1
        self.loop.call_soon(self.notify, removed)


class ArtifactPrunerThreadsafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, root: Path, notify) -> None:
        self.loop = loop
        self.root = root
        self.notify = notify
        self.scheduler = BackgroundScheduler()

    def start(self) -> None:
        self.scheduler.add_job(self.prune, "cron", hour=3)
        self.scheduler.start()

    def prune(self) -> None:
        removed = sum(1 for path in self.root.glob("*/old-*") if not path.unlink())
        self.loop.call_soon_threadsafe(self.notify, removed)


class LinkCheckJobs:  # expect: thread-unsafe-capture
    """APScheduler's asyncio scheduler runs plain-function jobs in the loop's default executor."""

    def __init__(self, results: asyncio.Queue) -> None:
        self.results = results
        self.scheduler = AsyncIOScheduler()

    def start(self) -> None:
        self.scheduler.add_job(self.check_links, "interval", minutes=30)
        self.scheduler.start()

    def check_links(self) -> None:
        proc = subprocess.run(["sphinx-build", "-b", "linkcheck", "docs", "_linkcheck"], capture_output=True)
        self.results.put_nowait(proc.returncode)


class LinkCheckJobsAsync:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, results: asyncio.Queue) -> None:
        self.results = results
        self.scheduler = AsyncIOScheduler()

    def start(self) -> None:
        self.scheduler.add_job(self.check_links, "interval", minutes=30)
        self.scheduler.start()

    async def check_links(self) -> None:
        proc = await asyncio.create_subprocess_exec("sphinx-build", "-b", "linkcheck", "docs", "_linkcheck")
        self.results.put_nowait(await proc.wait())


class BuildLogBroadcast(logging.Handler):  # expect: thread-unsafe-capture
    """Streams the builder's log records to the web clients watching a build."""

    def __init__(self, lines: asyncio.Queue) -> None:
        super().__init__(level=logging.INFO)
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.put_nowait(self.format(record))
        except asyncio.QueueFull:
            pass


class BuildLogBroadcastThreadsafe(logging.Handler):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, lines: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(level=logging.INFO)
        self.lines = lines
        self.loop = loop

    def emit(self, record: logging.LogRecord) -> None:
        if not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._offer, self.format(record))

    def _offer(self, line: str) -> None:
        if not self.lines.full():
            self.lines.put_nowait(line)


def submit_build(pool: ProcessPoolExecutor, results: asyncio.Queue, source: str) -> Future:  # expect: thread-unsafe-capture
    fut = pool.submit(run_sphinx, source, "_build")
    fut.add_done_callback(lambda f: results.put_nowait((source, f.result())))
    return fut


def submit_build_threadsafe(pool: ProcessPoolExecutor, results: asyncio.Queue, source: str,  # expect: clean  # near: thread-unsafe-capture
                            loop: asyncio.AbstractEventLoop) -> Future:
    fut = pool.submit(run_sphinx, source, "_build")
    fut.add_done_callback(lambda f: loop.call_soon_threadsafe(results.put_nowait, (source, f.result())))
    return fut


async def build_in_pool(pool: ProcessPoolExecutor, done: asyncio.Event, source: str) -> int:  # expect: clean  # near: thread-unsafe-capture
    task = asyncio.ensure_future(asyncio.wrap_future(pool.submit(run_sphinx, source, "_build")))
    task.add_done_callback(lambda t: done.set())
    return await task


def install_reload(reload_requested: asyncio.Event) -> None:  # expect: thread-unsafe-capture
    def on_hup(signum, frame) -> None:
        log.info("SIGHUP: reloading configuration")
        reload_requested.set()

    signal.signal(signal.SIGHUP, on_hup)


def install_reload_threadsafe(reload_requested: asyncio.Event, loop: asyncio.AbstractEventLoop) -> None:  # expect: clean  # near: thread-unsafe-capture
    def on_hup(signum, frame) -> None:
        loop.call_soon_threadsafe(reload_requested.set)

    signal.signal(signal.SIGHUP, on_hup)


class StatusReporter:  # expect: unawaited-coroutine
    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        self.session = session
        self.url = url

    async def report(self, state: str) -> None:
        async with self.session.post(self.url, json={"state": state}) as resp:
            resp.raise_for_status()

    def on_build_done(self, returncode: int) -> None:
        self.report("success" if returncode == 0 else "failure")


class Rebuilder:  # expect: cancellation-swallowed
    """Restarts the build when a newer change arrives; the old build is cancelled."""

    def __init__(self, wakeup: asyncio.Event, build) -> None:
        self.wakeup = wakeup
        self.build = build
        self.current: asyncio.Task | None = None

    async def run(self) -> None:
        while True:
            await self.wakeup.wait()
            self.wakeup.clear()
            if self.current is not None:
                self.current.cancel()
            self.current = asyncio.create_task(self.build())
            try:
                await self.current
            except asyncio.CancelledError:
                log.info("build superseded by a newer change")


class RebuilderChecked:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, wakeup: asyncio.Event, build) -> None:
        self.wakeup = wakeup
        self.build = build
        self.current: asyncio.Task | None = None

    async def run(self) -> None:
        while True:
            await self.wakeup.wait()
            self.wakeup.clear()
            self.current = asyncio.create_task(self.build())
            try:
                await asyncio.shield(self.current)
            except asyncio.CancelledError:
                self.current.cancel()
                raise
