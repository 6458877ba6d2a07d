"""A parking garage's gate controller: plate camera, payment terminals, tracing and metrics around one asyncio
loop that owns the gate state."""
from __future__ import annotations

import asyncio
import logging
import signal
import socketserver
import sys
import threading
import time
from typing import Sequence

import grpc
from apscheduler.schedulers.background import BackgroundScheduler
from opentelemetry.sdk._logs import LogData
from opentelemetry.sdk._logs.export import LogExporter, LogExportResult
from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor
from prometheus_client import start_wsgi_server
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

log = logging.getLogger("garage")


class GateState:  # expect: clean
    def __init__(self) -> None:
        self.open_requests: asyncio.Queue[str] = asyncio.Queue(maxsize=32)
        self.occupancy = 0
        self.full = asyncio.Event()

    async def admit(self, plate: str) -> None:
        await self.open_requests.put(plate)


class AuditLogExporter(LogExporter):  # expect: thread-unsafe-capture
    """Gate log records go to the operator console; the batch processor exports from its worker thread."""

    def __init__(self, state: GateState, console: asyncio.Queue) -> None:
        self.state = state
        self.console = console

    def export(self, batch: Sequence[LogData]) -> LogExportResult:
        for data in batch:
            if not self.console.full():
                self.console.put_nowait(str(data.log_record.body))
        return LogExportResult.SUCCESS

    def shutdown(self) -> None:
        pass


class AuditLogExporterSafe(LogExporter):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, console: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.console = console
        self.loop = loop

    def export(self, batch: Sequence[LogData]) -> LogExportResult:
        lines = [str(d.log_record.body) for d in batch]
        self.loop.call_soon_threadsafe(self._deliver, lines)
        return LogExportResult.SUCCESS

    def _deliver(self, lines: list[str]) -> None:
        for line in lines:
            if not self.console.full():
                self.console.put_nowait(line)

    def shutdown(self) -> None:
        pass


class GateSpanCounter(SpanProcessor):  # expect: clean  # near: thread-unsafe-capture
    """Counts gate spans per name under a thread lock; the loop reads the counts every minute."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()

    def on_end(self, span: ReadableSpan) -> None:
        with self.lock:
            self.counts[span.name] = self.counts.get(span.name, 0) + 1


class OccupancyCollector(Collector):  # expect: thread-unsafe-capture
    def __init__(self, state: GateState) -> None:
        self.state = state

    def collect(self):
        if self.state.occupancy >= 400:
            self.state.full.set()
        yield GaugeMetricFamily("garage_occupancy", "cars inside", value=self.state.occupancy)


class OccupancyCollectorReadOnly(Collector):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, state: GateState) -> None:
        self.state = state

    def collect(self):
        yield GaugeMetricFamily("garage_occupancy", "cars inside", value=self.state.occupancy)
        yield CounterMetricFamily("garage_full", "full signals", value=int(self.state.full.is_set()))


def serve_metrics(state: GateState) -> None:  # expect: clean
    from prometheus_client import REGISTRY

    REGISTRY.register(OccupancyCollector(state))
    REGISTRY.register(OccupancyCollectorReadOnly(state))
    start_wsgi_server(9109)


class TerminalServer(socketserver.ThreadingTCPServer):  # expect: clean
    daemon_threads = True

    def __init__(self, port: int, state: GateState, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(("0.0.0.0", port), TerminalHandler)
        self.state = state
        self.loop = loop


class TerminalHandler(socketserver.StreamRequestHandler):  # expect: thread-unsafe-capture
    """Each pay terminal holds a connection and sends `PAID <plate>` lines."""

    def handle(self) -> None:
        for raw in self.rfile:
            verb, _, plate = raw.decode().strip().partition(" ")
            if verb == "PAID":
                self.server.state.open_requests.put_nowait(plate)


class KioskServer(socketserver.ThreadingTCPServer):  # expect: clean
    daemon_threads = True

    def __init__(self, port: int, state: GateState, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(("0.0.0.0", port), KioskHandler)
        self.state = state
        self.loop = loop


class KioskHandler(socketserver.StreamRequestHandler):  # expect: clean  # near: thread-unsafe-capture
    def handle(self) -> None:
        for raw in self.rfile:
            plate = raw.decode().strip()
            fut = asyncio.run_coroutine_threadsafe(self.server.state.admit(plate), self.server.loop)
            fut.result(timeout=5)
            self.wfile.write(b"OK\n")


class BarrierService:  # expect: thread-unsafe-capture
    """The barrier arm's controller calls us over gRPC (sync server, thread pool)."""

    def __init__(self, state: GateState) -> None:
        self.state = state

    def ReportPosition(self, request, context):
        if request.position == "stuck":
            self.state.full.set()
        return None


class BarrierServiceSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, state: GateState, loop: asyncio.AbstractEventLoop) -> None:
        self.state = state
        self.loop = loop

    def ReportPosition(self, request, context):
        if request.position == "stuck":
            self.loop.call_soon_threadsafe(self.state.full.set)
        return None

    def reset(self) -> None:
        self.state.full.clear()


class NightlyReset:  # expect: thread-unsafe-capture
    scheduler = BackgroundScheduler()

    def __init__(self, state: GateState) -> None:
        self.state = state

    def install(self) -> None:
        @self.scheduler.scheduled_job("cron", hour=4)
        def reset_occupancy() -> None:
            self.state.occupancy = 0
            self.state.full.clear()

        self.scheduler.start()


class TracedCalls:  # expect: thread-unsafe-capture
    """Debug aid: every call the camera driver's threads make is counted and shown live."""

    def __init__(self, seen: asyncio.Queue) -> None:
        self.seen = seen

    def start(self) -> None:
        threading.setprofile_all_threads(self._on_call)

    def _on_call(self, frame, event, arg) -> None:
        if event == "c_call" and not self.seen.full():
            self.seen.put_nowait(getattr(arg, "__name__", "?"))


class CrashWatch:  # expect: clean  # near: thread-unsafe-capture
    """Thread crashes are written to the crash log; the loop's are sent to the console by the loop."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lock = threading.Lock()

    def install(self) -> None:
        threading.excepthook = self._on_crash

    def _on_crash(self, args) -> None:
        with self.lock, open(self.path, "a", encoding="utf-8") as f:
            f.write(f"{time.ctime()} {args.thread.name if args.thread else '?'}: {args.exc_value!r}\n")


def install_sigterm(state: GateState) -> None:  # expect: thread-unsafe-capture
    def on_term(signum, frame) -> None:
        log.warning("SIGTERM: closing the gate")
        state.open_requests.put_nowait("__close__")

    signal.signal(signal.SIGTERM, on_term)


async def install_sigterm_on_loop(state: GateState) -> None:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, state.open_requests.put_nowait, "__close__")


def main() -> None:  # expect: clean
    logging.basicConfig(stream=sys.stderr, level=logging.INFO)
