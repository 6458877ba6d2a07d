"""Celery and RQ workers that call into an asyncio world: a loop thread per worker process, job pollers, shutdown."""
from __future__ import annotations

import asyncio
import contextlib
import json
import os
import concurrent.futures
import logging
import signal
import threading
from typing import Any, Callable

from celery import Celery
from celery.signals import task_failure, worker_process_init, worker_process_shutdown
from redis import Redis
from rq import Queue as RQQueue
from rq.job import Job

from crm.sync import push_contact, pull_changes, sync_account

log = logging.getLogger(__name__)
celery_app = Celery("crm", broker="redis://redis:6379/0")

_loop = asyncio.new_event_loop()
_loop_thread = threading.Thread(target=_loop.run_forever, name="asyncio-bridge", daemon=True)
failures: asyncio.Queue = asyncio.Queue(maxsize=1000)


@worker_process_init.connect
def start_bridge(**_: Any) -> None:  # expect: clean
    _loop_thread.start()


@worker_process_shutdown.connect
def stop_bridge(**_: Any) -> None:  # expect: clean
    _loop.call_soon_threadsafe(_loop.stop)
    _loop_thread.join(timeout=10)


@celery_app.task(bind=True, max_retries=3)
def sync_account_task(self, account_id: int) -> None:  # expect: thread-unsafe-capture, ?dangling-task
    _loop.create_task(sync_account(account_id))


@celery_app.task(bind=True, max_retries=3)
def sync_account_task_waited(self, account_id: int) -> None:  # expect: clean  # near: thread-unsafe-capture
    future = asyncio.run_coroutine_threadsafe(sync_account(account_id), _loop)
    try:
        future.result(timeout=120)
    except concurrent.futures.TimeoutError:
        future.cancel()
        raise self.retry(countdown=30)


@celery_app.task
def push_contact_task(contact: dict) -> None:  # expect: clean
    asyncio.run(push_contact(contact))


@task_failure.connect
def on_task_failure(sender=None, task_id=None, exception=None, **_: Any) -> None:  # expect: thread-unsafe-capture
    failures.put_nowait((sender.name, task_id, repr(exception)))


@task_failure.connect
def on_task_failure_bridged(sender=None, task_id=None, exception=None, **_: Any) -> None:  # expect: clean  # near: thread-unsafe-capture
    _loop.call_soon_threadsafe(failures.put_nowait, (sender.name, task_id, repr(exception)))


class RQResultWatcher:  # expect: unbounded-queue
    """Polls RQ for finished jobs and hands each result to the async side."""

    def __init__(self, redis: Redis, queue_name: str) -> None:
        self.queue = RQQueue(queue_name, connection=redis)
        self.results: asyncio.Queue = asyncio.Queue()
        self._poller: asyncio.Task | None = None

    def start(self) -> None:
        self._poller = asyncio.create_task(self._poll())

    async def stop(self) -> None:
        if self._poller:
            self._poller.cancel()
            await asyncio.gather(self._poller, return_exceptions=True)

    async def _poll(self) -> None:
        while True:
            ids = await asyncio.to_thread(self.queue.finished_job_registry.get_job_ids)
            for job_id in ids:
                job = await asyncio.to_thread(Job.fetch, job_id, connection=self.queue.connection)
                await self.results.put((job_id, job.result))
            await asyncio.sleep(2)


class RQBatchCollector:  # expect: clean  # near: unbounded-queue
    """Waits for one known batch of jobs: the queue never holds more than the batch."""

    def __init__(self, redis: Redis, job_ids: list[str]) -> None:
        self.redis = redis
        self.pending = list(job_ids)
        self.results: asyncio.Queue = asyncio.Queue()

    async def collect(self) -> None:
        while self.pending:
            for job_id in list(self.pending):
                job = await asyncio.to_thread(Job.fetch, job_id, connection=self.redis)
                if job.is_finished:
                    self.pending.remove(job_id)
                    self.results.put_nowait((job_id, job.result))
            await asyncio.sleep(1)


class ChangeFeedWorker:  # expect: cancellation-swallowed
    def __init__(self, cursor: str) -> None:
        self.cursor = cursor
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        while True:
            try:
                changes, self.cursor = await pull_changes(self.cursor)
                for change in changes:
                    await push_contact(change)
            except asyncio.CancelledError:
                log.warning("change feed interrupted at %s; resuming", self.cursor)
            except Exception:
                log.exception("change feed failed")
            await asyncio.sleep(5)


class ChangeFeedWorkerStoppable:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, cursor: str) -> None:
        self.cursor = cursor
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        while True:
            try:
                changes, self.cursor = await pull_changes(self.cursor)
                for change in changes:
                    await push_contact(change)
            except asyncio.CancelledError:
                log.warning("change feed stopped at %s", self.cursor)
                raise
            except Exception:
                log.exception("change feed failed")
            await asyncio.sleep(5)


class GracefulRunner:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.stopping = asyncio.Event()

    def _on_sigterm(self, signum, frame) -> None:
        log.info("SIGTERM: finishing the current batch")
        self.stopping.set()

    async def run(self, batches: Callable[[], Any]) -> None:
        signal.signal(signal.SIGTERM, self._on_sigterm)
        while not self.stopping.is_set():
            await batches()


class GracefulRunnerLoopSignals:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.stopping = asyncio.Event()

    async def run(self, batches: Callable[[], Any]) -> None:
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self.stopping.set)
        while not self.stopping.is_set():
            await batches()


def install_sigint(loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:  # expect: clean  # near: thread-unsafe-capture
    signal.signal(signal.SIGINT, lambda signum, frame: loop.call_soon_threadsafe(stop.set))


class BulkImporter:  # expect: thread-unsafe-capture
    """Parses a large export in a process-wide thread pool and reports progress to the dashboard."""

    def __init__(self, pool: concurrent.futures.ThreadPoolExecutor) -> None:
        self.pool = pool
        self.progress: asyncio.Queue[int] = asyncio.Queue(maxsize=1)
        self.done = asyncio.Event()

    def _parse(self, path: str) -> list[dict]:
        rows = []
        with open(path) as fh:
            for n, line in enumerate(fh):
                rows.append(dict(zip(("id", "name", "email"), line.rstrip("\n").split(","))))
        self.done.set()
        return rows

    async def run(self, path: str) -> list[dict]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, self._parse, path)


class BulkImporterBridged:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, pool: concurrent.futures.ThreadPoolExecutor) -> None:
        self.pool = pool
        self.done = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def _parse(self, path: str) -> list[dict]:
        with open(path) as fh:
            rows = [dict(zip(("id", "name", "email"), line.rstrip("\n").split(","))) for line in fh]
        self._loop.call_soon_threadsafe(self.done.set)
        return rows

    async def run(self, path: str) -> list[dict]:
        self._loop = asyncio.get_running_loop()
        return await self._loop.run_in_executor(self.pool, self._parse, path)


class RetryScheduler:  # expect: dangling-task
    def __init__(self, delay: float) -> None:
        self.delay = delay

    def schedule(self, account_id: int) -> None:
        loop = asyncio.get_running_loop()
        loop.call_later(self.delay, asyncio.ensure_future, sync_account(account_id))


class RetrySchedulerKept:  # expect: clean  # near: dangling-task
    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._retries: set[asyncio.Task] = set()

    def schedule(self, account_id: int) -> None:
        asyncio.get_running_loop().call_later(self.delay, self._start, account_id)

    def _start(self, account_id: int) -> None:
        task = asyncio.create_task(sync_account(account_id))
        self._retries.add(task)
        task.add_done_callback(self._retries.discard)


class JobOutcomeReporter:  # expect: dangling-task
    def __init__(self, pool: concurrent.futures.ThreadPoolExecutor, report) -> None:
        self.pool = pool
        self.report = report

    async def submit(self, fn, *args) -> asyncio.Future:
        fut = asyncio.get_running_loop().run_in_executor(self.pool, fn, *args)
        fut.add_done_callback(lambda f: asyncio.ensure_future(self.report(fn.__name__, f.exception())))
        return fut


class PubSubRelay:  # expect: unbounded-queue
    """Relays a Redis pub/sub channel of job events to the async dashboards."""

    def __init__(self, redis_async) -> None:
        self.redis = redis_async
        self.inbox: asyncio.Queue[dict] = asyncio.Queue(maxsize=int(os.getenv("RELAY_BACKLOG", "0")))
        self._listener: asyncio.Task | None = None

    async def start(self) -> None:
        pubsub = self.redis.pubsub()
        await pubsub.subscribe("jobs:events")
        self._listener = asyncio.create_task(self._listen(pubsub))

    async def _listen(self, pubsub) -> None:
        async for message in pubsub.listen():
            if message["type"] == "message":
                self.inbox.put_nowait(json.loads(message["data"]))


class PubSubRelayBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, redis_async) -> None:
        self.redis = redis_async
        self.inbox: asyncio.Queue[dict] = asyncio.Queue(maxsize=int(os.getenv("RELAY_BACKLOG", "1000")))
        self._listener: asyncio.Task | None = None

    async def start(self) -> None:
        pubsub = self.redis.pubsub()
        await pubsub.subscribe("jobs:events")
        self._listener = asyncio.create_task(self._listen(pubsub))

    async def _listen(self, pubsub) -> None:
        async for message in pubsub.listen():
            if message["type"] == "message":
                await self.inbox.put(json.loads(message["data"]))


class MetricsFlusher:  # expect: cancellation-swallowed
    def __init__(self, sink, interval: float = 10.0) -> None:
        self.sink = sink
        self.interval = interval
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            with contextlib.suppress(asyncio.CancelledError, ConnectionError):
                await self.sink.flush()


class MetricsFlusherStoppable:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, sink, interval: float = 10.0) -> None:
        self.sink = sink
        self.interval = interval
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.sink.flush()

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            with contextlib.suppress(ConnectionError):
                await self.sink.flush()
