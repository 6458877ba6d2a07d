"""Span processors and exporters that feed the dashboard's live trace view.

The service instruments its sync DB driver too: those spans start and end on the executor's threads, and the
batch processor exports from its own worker thread.
"""
from __future__ import annotations

import asyncio
import collections
import threading
from typing import Sequence

from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, Span, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

from .bridge import LoopBridge, hand_to_loop, offer


def summarise(span: ReadableSpan) -> dict:  # expect: clean
    return {
        "name": span.name,
        "trace": format(span.context.trace_id, "032x"),
        "ms": (span.end_time - span.start_time) / 1e6 if span.end_time else None,
        "status": span.status.status_code.name,
    }


class LiveSpanProcessor(SpanProcessor):  # expect: thread-unsafe-capture
    """Every finished span goes to the live view as soon as it ends."""

    def __init__(self, feed: asyncio.Queue) -> None:
        self.feed = feed

    def on_start(self, span: Span, parent_context=None) -> None:
        pass

    def on_end(self, span: ReadableSpan) -> None:
        offer(self.feed, summarise(span))

    def shutdown(self) -> None:
        pass

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True


class LiveSpanProcessorSafe(SpanProcessor):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, feed: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.feed = feed
        self.loop = loop

    def on_start(self, span: Span, parent_context=None) -> None:
        pass

    def on_end(self, span: ReadableSpan) -> None:
        hand_to_loop(self.loop, offer, self.feed, summarise(span))

    def shutdown(self) -> None:
        pass

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True


class SlowSpanAlarm(SpanProcessor):  # expect: thread-unsafe-capture
    """Wakes the pager coroutine when a span runs over its budget."""

    def __init__(self, budget_ms: float) -> None:
        self.budget_ms = budget_ms
        self.slow: list[dict] = []
        self.tripped = asyncio.Event()

    def on_end(self, span: ReadableSpan) -> None:
        info = summarise(span)
        if info["ms"] and info["ms"] > self.budget_ms:
            self.slow.append(info)
            self.tripped.set()

    async def wait(self) -> list[dict]:
        await self.tripped.wait()
        self.tripped.clear()
        slow, self.slow = self.slow, []
        return slow


class DashboardExporter(SpanExporter):  # expect: thread-unsafe-capture
    """Exported batches go to a ring the dashboard renders; the loop is told a batch came."""

    def __init__(self, size: int = 500) -> None:
        self.ring: collections.deque = collections.deque(maxlen=size)
        self.waiters: list[asyncio.Future] = []
        self.version = 0

    async def next_batch(self) -> int:
        fut = asyncio.get_running_loop().create_future()
        self.waiters.append(fut)
        return await fut

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        self.ring.extend(summarise(s) for s in spans)
        self.version += 1
        waiters, self.waiters = self.waiters, []
        for fut in waiters:
            if not fut.done():
                fut.set_result(self.version)
        return SpanExportResult.SUCCESS

    def shutdown(self) -> None:
        self.ring.clear()


class DashboardExporterSafe(SpanExporter):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, bridge: LoopBridge, size: int = 500) -> None:
        self.bridge = bridge
        self.ring: collections.deque = collections.deque(maxlen=size)
        self.updated = asyncio.Event()

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        self.ring.extend(summarise(s) for s in spans)
        self.bridge.call(self.updated.set)
        return SpanExportResult.SUCCESS

    def shutdown(self) -> None:
        self.ring.clear()


class FileRingExporter(SpanExporter):  # expect: clean  # near: thread-unsafe-capture
    """Keeps the last spans for the crash report; a thread event tells the dumper a batch came."""

    def __init__(self, size: int = 2000) -> None:
        self.ring: collections.deque = collections.deque(maxlen=size)
        self.lock = threading.Lock()
        self.arrived = threading.Event()

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        with self.lock:
            self.ring.extend(summarise(s) for s in spans)
        self.arrived.set()
        return SpanExportResult.SUCCESS

    def shutdown(self) -> None:
        self.arrived.set()


def install_tracing(bridge: LoopBridge, feed: asyncio.Queue) -> TracerProvider:  # expect: clean
    provider = TracerProvider()
    provider.add_span_processor(LiveSpanProcessorSafe(feed, bridge.loop))
    provider.add_span_processor(BatchSpanProcessor(DashboardExporterSafe(bridge)))
    trace.set_tracer_provider(provider)
    return provider


async def watch_slow_spans(alarm: SlowSpanAlarm, page) -> None:  # expect: clean
    while True:
        slow = await alarm.wait()
        await page(f"{len(slow)} slow spans, worst {max(s['ms'] for s in slow):.0f} ms")
