"""A lab-instrument bridge: sync drivers, pools and timers on threads, an asyncio API in front."""
from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import json
import logging
import logging.handlers
import multiprocessing.pool
import signal
import sqlite3
import subprocess
import threading

import boto3
import httpx
import requests

log = logging.getLogger("lab")
ANALYSIS_POOL = concurrent.futures.ThreadPoolExecutor(max_workers=4)
FIT_POOL = multiprocessing.pool.ThreadPool(4)


class ProgressUpload:  # expect: thread-unsafe-capture
    def __init__(self, bucket: str) -> None:
        self.bucket = bucket
        self.s3 = boto3.client("s3")
        self.progress: asyncio.Queue[int] = asyncio.Queue(maxsize=1000)

    def _upload(self, path: str, key: str) -> None:
        self.s3.upload_file(path, self.bucket, key, Callback=lambda n: self.progress.put_nowait(n))

    async def upload(self, path: str, key: str) -> None:
        await asyncio.to_thread(self._upload, path, key)


class ProgressUploadSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, bucket: str) -> None:
        self.bucket = bucket
        self.s3 = boto3.client("s3")
        self.progress: asyncio.Queue[int] = asyncio.Queue(maxsize=1000)

    def _upload(self, loop: asyncio.AbstractEventLoop, path: str, key: str) -> None:
        def on_bytes(n: int) -> None:
            loop.call_soon_threadsafe(self.progress.put_nowait, n)

        self.s3.upload_file(path, self.bucket, key, Callback=on_bytes)

    async def upload(self, path: str, key: str) -> None:
        await asyncio.to_thread(self._upload, asyncio.get_running_loop(), path, key)


class InstrumentLog:  # expect: thread-unsafe-capture
    def __init__(self, session: requests.Session) -> None:
        self.session = session
        self.seen = asyncio.Event()

    def _on_response(self, resp: requests.Response, *args, **kwargs) -> None:
        if resp.ok:
            self.seen.set()

    async def fetch(self, url: str) -> bytes:
        resp = await asyncio.to_thread(self.session.get, url, hooks={"response": self._on_response})
        return resp.content


class InstrumentLogAsync:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.seen = asyncio.Event()
        self.client.event_hooks["response"] = [self._on_response]

    async def _on_response(self, resp: httpx.Response) -> None:
        if resp.is_success:
            self.seen.set()

    async def fetch(self, url: str) -> bytes:
        resp = await self.client.get(url)
        return resp.content


async def run_query_with_progress(path: str, sql: str, ticks: asyncio.Queue) -> list:  # expect: thread-unsafe-capture
    def query() -> list:
        conn = sqlite3.connect(path)
        conn.set_progress_handler(lambda: ticks.put_nowait(1), 10_000)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    return await asyncio.to_thread(query)


async def run_query_cancellable(path: str, sql: str, stop) -> list:  # expect: clean  # near: thread-unsafe-capture
    # `stop` is a threading.Event the caller sets; the progress handler only reads it
    def query() -> list:
        conn = sqlite3.connect(path)
        conn.set_progress_handler(lambda: 1 if stop.is_set() else 0, 10_000)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    return await asyncio.to_thread(query)


class Calibration:  # expect: thread-unsafe-capture
    def __init__(self, instrument) -> None:
        self.instrument = instrument
        self.settled = asyncio.Event()

    async def calibrate(self) -> None:
        self.instrument.start_calibration()
        threading.Timer(30.0, self.settled.set).start()
        await self.settled.wait()


class CalibrationOnLoop:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, instrument) -> None:
        self.instrument = instrument
        self.settled = asyncio.Event()

    async def calibrate(self) -> None:
        self.instrument.start_calibration()
        asyncio.get_running_loop().call_later(30.0, self.settled.set)
        await self.settled.wait()


async def analyse_all(samples: list, analyse) -> list:  # expect: thread-unsafe-capture
    results: asyncio.Queue = asyncio.Queue(maxsize=len(samples))
    for s in samples:
        fut = ANALYSIS_POOL.submit(analyse, s)
        fut.add_done_callback(lambda f: results.put_nowait(f.result()))
    return [await results.get() for _ in samples]


async def analyse_all_wrapped(samples: list, analyse) -> list:  # expect: clean  # near: thread-unsafe-capture
    futures = [asyncio.wrap_future(ANALYSIS_POOL.submit(analyse, s)) for s in samples]
    return await asyncio.gather(*futures)


async def analyse_all_executor(samples: list, analyse) -> list:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    done: list = []
    futs = []
    for s in samples:
        fut = loop.run_in_executor(None, analyse, s)
        fut.add_done_callback(lambda f: done.append(f.result()))
        futs.append(fut)
    await asyncio.gather(*futs)
    return done


class Spectrometer:  # expect: thread-unsafe-capture
    def __init__(self, driver_cmd: list[str]) -> None:
        self.cmd = driver_cmd
        self.writer: asyncio.StreamWriter | None = None

    def _pump(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            if self.writer is not None:
                self.writer.write(line)

    def start(self) -> None:
        proc = subprocess.Popen(self.cmd, stdout=subprocess.PIPE)
        threading.Thread(target=self._pump, args=(proc,), daemon=True).start()

    async def attach(self, writer: asyncio.StreamWriter) -> None:
        self.writer = writer
        await writer.drain()


class SpectrometerSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, driver_cmd: list[str]) -> None:
        self.cmd = driver_cmd
        self.writer: asyncio.StreamWriter | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

    def _pump(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            if self.writer is not None and self.loop is not None:
                self.loop.call_soon_threadsafe(self.writer.write, line)

    def start(self) -> None:
        proc = subprocess.Popen(self.cmd, stdout=subprocess.PIPE)
        threading.Thread(target=self._pump, args=(proc,), daemon=True).start()

    async def attach(self, writer: asyncio.StreamWriter) -> None:
        self.writer = writer
        self.loop = asyncio.get_running_loop()
        await writer.drain()


class Watchdog:  # expect: thread-unsafe-capture
    def __init__(self, limit: float) -> None:
        self.limit = limit

    async def guard(self, coro):
        task = asyncio.ensure_future(coro)
        timer = threading.Timer(self.limit, task.cancel)
        timer.start()
        try:
            return await task
        finally:
            timer.cancel()


class WatchdogSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, limit: float) -> None:
        self.limit = limit

    async def guard(self, coro):
        task = asyncio.ensure_future(coro)
        loop = asyncio.get_running_loop()
        timer = threading.Timer(self.limit, loop.call_soon_threadsafe, args=(task.cancel,))
        timer.start()
        try:
            return await task
        finally:
            timer.cancel()


async def fit_curves(datasets: list, fit) -> list:  # expect: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    futures = [loop.create_future() for _ in datasets]
    for ds, fut in zip(datasets, futures):
        FIT_POOL.apply_async(fit, (ds,), callback=fut.set_result)
    return await asyncio.gather(*futures)


async def fit_curves_safe(datasets: list, fit) -> list:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    futures = [loop.create_future() for _ in datasets]
    for ds, fut in zip(datasets, futures):
        FIT_POOL.apply_async(fit, (ds,), callback=lambda r, fut=fut: loop.call_soon_threadsafe(fut.set_result, r))
    return await asyncio.gather(*futures)


class AlarmFeed:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.alarms: asyncio.Queue[logging.LogRecord] = asyncio.Queue(maxsize=500)
        handler = logging.handlers.QueueHandler(self.alarms)
        handler.setLevel(logging.ERROR)
        logging.getLogger("lab.driver").addHandler(handler)

    async def next_alarm(self) -> logging.LogRecord:
        return await self.alarms.get()


def install_reload(reload_requested: asyncio.Event) -> None:  # expect: thread-unsafe-capture
    signal.signal(signal.SIGHUP, lambda signum, frame: reload_requested.set())


def install_reload_on_loop(loop: asyncio.AbstractEventLoop, reload_requested: asyncio.Event) -> None:  # expect: clean  # near: thread-unsafe-capture
    signal.signal(signal.SIGHUP, lambda signum, frame: loop.call_soon_threadsafe(reload_requested.set))


class BackgroundLoop:  # expect: thread-unsafe-capture
    """The bridge runs its loop on a thread of its own so the sync GUI stays on the main thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.stopping = asyncio.Event()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        atexit.register(self.stopping.set)


class BackgroundLoopSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.stopping = asyncio.Event()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        atexit.register(self.loop.call_soon_threadsafe, self.stopping.set)


class ReplyRouter:  # expect: thread-unsafe-capture
    def __init__(self, driver) -> None:
        self.driver = driver
        self._pending: dict[int, asyncio.Future] = {}
        self._reader = threading.Thread(target=self._read_replies, daemon=True)
        self._reader.start()

    def _read_replies(self) -> None:
        while True:
            msg_id, payload = self.driver.read_reply()
            fut = self._pending.pop(msg_id, None)
            if fut is not None and not fut.done():
                fut.set_result(payload)

    async def request(self, msg_id: int, payload: bytes) -> bytes:
        fut = asyncio.get_running_loop().create_future()
        self._pending[msg_id] = fut
        self.driver.send(msg_id, payload)
        return await fut


class ReplyRouterSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, driver) -> None:
        self.driver = driver
        self._pending: dict[int, concurrent.futures.Future] = {}
        self._reader = threading.Thread(target=self._read_replies, daemon=True)
        self._reader.start()

    def _read_replies(self) -> None:
        while True:
            msg_id, payload = self.driver.read_reply()
            fut = self._pending.pop(msg_id, None)
            if fut is not None and not fut.done():
                fut.set_result(payload)

    async def request(self, msg_id: int, payload: bytes) -> bytes:
        fut: concurrent.futures.Future = concurrent.futures.Future()
        self._pending[msg_id] = fut
        self.driver.send(msg_id, payload)
        return await asyncio.wrap_future(fut)


async def parse_events(raw: str, events: asyncio.Queue) -> None:  # expect: clean  # near: thread-unsafe-capture
    # the hook runs inside json.loads, on this coroutine's own thread
    json.loads(raw, object_hook=lambda d: events.put_nowait(d) or d)
    await asyncio.sleep(0)


class ThreadOwnLoop:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, source) -> None:
        self.source = source
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        asyncio.run(self._consume())

    async def _consume(self) -> None:
        ready = asyncio.Event()
        ready.set()
        await ready.wait()
        async for item in self.source:
            log.info("item %s", item)


class HealthHooks:  # expect: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, probe) -> None:
        self.loop = loop
        self.probe = probe
        self.pool = concurrent.futures.ThreadPoolExecutor(2)

    def _check(self) -> None:
        if not self.probe():
            self.loop.call_soon(log.error, "probe failed")

    async def schedule_check(self) -> None:
        await self.loop.run_in_executor(self.pool, self._check)
