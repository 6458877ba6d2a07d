"""An extensible ingest service: user plugins hook into events; spans, metrics and audit records leave in batches."""
from __future__ import annotations

import asyncio
import inspect
import logging
import threading
import time
from collections import defaultdict
from typing import Any, Awaitable, Callable, Sequence

import httpx
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult
from prometheus_client import REGISTRY, Counter, Gauge
from prometheus_client.core import GaugeMetricFamily

log = logging.getLogger(__name__)
tracer = trace.get_tracer("ingest")
INGESTED = Counter("ingest_records_total", "records ingested", ["source"])
BACKLOG = Gauge("ingest_backlog", "records waiting")
EXPORT_BATCH = 512

Hook = Callable[..., Any]
AsyncHook = Callable[[dict], Awaitable[None]]


class HookRegistry:  # expect: dangling-task
    """Plugins register plain or async callables; `fire` is called from sync code paths on the loop."""

    def __init__(self) -> None:
        self._hooks: dict[str, list[Hook]] = defaultdict(list)

    def register(self, event: str, fn: Hook) -> None:
        self._hooks[event].append(fn)

    def fire(self, event: str, *args: Any) -> None:
        for fn in self._hooks[event]:
            result = fn(*args)
            if inspect.isawaitable(result):
                asyncio.ensure_future(result)


class HookRegistryTracked:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self._hooks: dict[str, list[Hook]] = defaultdict(list)
        self._running: set[asyncio.Future] = set()

    def register(self, event: str, fn: Hook) -> None:
        self._hooks[event].append(fn)

    def fire(self, event: str, *args: Any) -> None:
        for fn in self._hooks[event]:
            result = fn(*args)
            if inspect.isawaitable(result):
                fut = asyncio.ensure_future(result)
                self._running.add(fut)
                fut.add_done_callback(self._running.discard)

    async def aclose(self) -> None:
        await asyncio.gather(*self._running, return_exceptions=True)


class RecordPipeline:  # expect: unawaited-coroutine
    def __init__(self, on_record: Sequence[AsyncHook]) -> None:
        self.on_record = list(on_record)

    async def ingest(self, record: dict) -> None:
        INGESTED.labels(record.get("source", "unknown")).inc()
        for hook in self.on_record:
            hook(record)


class RecordPipelineAwaited:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, on_record: Sequence[AsyncHook]) -> None:
        self.on_record = list(on_record)

    async def ingest(self, record: dict) -> None:
        INGESTED.labels(record.get("source", "unknown")).inc()
        await asyncio.gather(*(hook(record) for hook in self.on_record))


class SyncRecordPipeline:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, on_record: Sequence[Callable[[dict], None]]) -> None:
        self.on_record = list(on_record)

    async def ingest(self, record: dict) -> None:
        for hook in self.on_record:
            hook(record)


class PluginHost:  # expect: dangling-task
    """Starts each plugin's background coroutine and forgets about it."""

    def __init__(self, plugins: list) -> None:
        self.plugins = plugins

    async def start(self) -> None:
        for plugin in self.plugins:
            if hasattr(plugin, "background"):
                watcher = asyncio.create_task(plugin.background())
                log.info("plugin %s started %s", plugin.name, watcher.get_name())


class PluginHostOwned:  # expect: clean  # near: dangling-task
    def __init__(self, plugins: list) -> None:
        self.plugins = plugins
        self._watchers: dict[str, asyncio.Task] = {}

    async def start(self) -> None:
        for plugin in self.plugins:
            if hasattr(plugin, "background"):
                self._watchers[plugin.name] = asyncio.create_task(plugin.background(), name=plugin.name)

    async def stop(self) -> None:
        for task in self._watchers.values():
            task.cancel()
        await asyncio.gather(*self._watchers.values(), return_exceptions=True)


class QueueSpanExporter(SpanExporter):  # expect: thread-unsafe-capture
    """BatchSpanProcessor calls export() from its own worker thread."""

    def __init__(self, outbox: asyncio.Queue) -> None:
        self.outbox = outbox

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        self.outbox.put_nowait([s.to_json() for s in spans])
        return SpanExportResult.SUCCESS

    def shutdown(self) -> None:
        pass


class LoopSpanExporter(SpanExporter):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, outbox: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.outbox = outbox
        self.loop = loop

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        batch = [s.to_json() for s in spans]
        self.loop.call_soon_threadsafe(self.outbox.put_nowait, batch)
        return SpanExportResult.SUCCESS

    def shutdown(self) -> None:
        pass


class SlowSpanAlerter(SpanProcessor):  # expect: thread-unsafe-capture
    """on_end runs in whichever thread ends the span: the loop, executor workers, the DB driver's threads."""

    def __init__(self, slow: asyncio.Event, threshold_ns: int) -> None:
        self.slow = slow
        self.threshold_ns = threshold_ns

    def on_end(self, span: ReadableSpan) -> None:
        if span.end_time - span.start_time > self.threshold_ns:
            self.slow.set()


class BacklogCollector:  # expect: thread-unsafe-capture, ?dangling-task
    """A custom collector: prometheus_client's HTTP server thread calls collect() on each scrape."""

    def __init__(self, loop: asyncio.AbstractEventLoop, source) -> None:
        self.loop = loop
        self.source = source
        self.last = 0
        REGISTRY.register(self)

    def collect(self):
        self.loop.create_task(self._refresh())
        yield GaugeMetricFamily("ingest_source_backlog", "records at the source", value=self.last)

    async def _refresh(self) -> None:
        self.last = await self.source.backlog()


class BacklogCollectorBridged:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, source) -> None:
        self.loop = loop
        self.source = source
        REGISTRY.register(self)

    def collect(self):
        future = asyncio.run_coroutine_threadsafe(self.source.backlog(), self.loop)
        yield GaugeMetricFamily("ingest_source_backlog", "records at the source", value=future.result(timeout=2))


def track_backlog(queue: asyncio.Queue, stop: threading.Event) -> threading.Thread:  # expect: clean  # near: thread-unsafe-capture
    """Gauges are thread-safe; qsize() is a plain read of the deque's length."""

    def sample() -> None:
        while not stop.wait(5):
            BACKLOG.set(queue.qsize())

    thread = threading.Thread(target=sample, name="backlog-gauge", daemon=True)
    thread.start()
    return thread


class AuditSink:  # expect: unbounded-queue
    """Every request's middleware calls record(); a flusher ships batches to the audit service."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self._queue: asyncio.Queue[dict] = asyncio.Queue()
        self._flusher: asyncio.Task | None = None

    def record(self, event: dict) -> None:
        self._queue.put_nowait(event)

    async def start(self) -> None:
        self._flusher = asyncio.create_task(self._flush_forever())

    async def _flush_forever(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while not self._queue.empty() and len(batch) < EXPORT_BATCH:
                batch.append(self._queue.get_nowait())
            await self.client.post("/audit", json=batch)


class AuditSinkShedding:  # expect: clean  # near: unbounded-queue
    def __init__(self, client: httpx.AsyncClient, capacity: int = 50_000) -> None:
        self.client = client
        self._queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=capacity)
        self.dropped = 0

    def record(self, event: dict) -> None:
        try:
            self._queue.put_nowait(event)
        except asyncio.QueueFull:
            self.dropped += 1

    async def flush_forever(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while not self._queue.empty() and len(batch) < EXPORT_BATCH:
                batch.append(self._queue.get_nowait())
            await self.client.post("/audit", json=batch)


async def ingest_batch(pipeline: RecordPipelineAwaited, records: list[dict]) -> int:  # expect: cancellation-swallowed
    done = 0
    for record in records:
        with tracer.start_as_current_span("ingest.record") as span:
            try:
                await pipeline.ingest(record)
                done += 1
            except BaseException as exc:
                span.record_exception(exc)
                span.set_status(trace.StatusCode.ERROR)
    return done


async def ingest_batch_traced(pipeline: RecordPipelineAwaited, records: list[dict]) -> int:  # expect: clean  # near: cancellation-swallowed
    done = 0
    for record in records:
        with tracer.start_as_current_span("ingest.record") as span:
            try:
                await pipeline.ingest(record)
                done += 1
            except BaseException as exc:
                span.record_exception(exc)
                span.set_status(trace.StatusCode.ERROR)
                raise
    return done


def traced(name: str):  # expect: clean
    """Wraps a coroutine function in a span; the wrapper awaits it inside the span."""

    def decorate(fn):
        async def wrapper(*args, **kwargs):
            with tracer.start_as_current_span(name):
                return await fn(*args, **kwargs)

        return wrapper

    return decorate


def traced_sync_wrapper(name: str):  # expect: clean  # near: unawaited-coroutine
    """Returns the coroutine for the caller to await: the span only covers creating it (a known limitation)."""

    def decorate(fn):
        def wrapper(*args, **kwargs):
            with tracer.start_as_current_span(name):
                return fn(*args, **kwargs)

        return wrapper

    return decorate


class WebhookIngress:  # expect: unbounded-queue
    """Starlette endpoint for partner webhooks: acknowledge at once, process in the background."""

    def __init__(self, registry: HookRegistryTracked) -> None:
        self.registry = registry
        self.pending: asyncio.Queue[dict] = asyncio.Queue()

    async def endpoint(self, request) -> Any:
        payload = await request.json()
        await self.pending.put(payload)
        return {"accepted": True}

    async def process_forever(self) -> None:
        while True:
            payload = await self.pending.get()
            self.registry.fire(payload["event"], payload)


class WebhookIngressPushback:  # expect: clean  # near: unbounded-queue
    def __init__(self, registry: HookRegistryTracked, capacity: int = 1_000) -> None:
        self.registry = registry
        self.pending: asyncio.Queue[dict] = asyncio.Queue(capacity)

    async def endpoint(self, request) -> Any:
        payload = await request.json()
        try:
            self.pending.put_nowait(payload)
        except asyncio.QueueFull:
            return {"accepted": False, "retry_after": 30}
        return {"accepted": True}

    async def process_forever(self) -> None:
        while True:
            payload = await self.pending.get()
            self.registry.fire(payload["event"], payload)
