"""Shipping-label station of a warehouse: ZPL to Zebra printers over raw port 9100, documents through CUPS."""
from __future__ import annotations

import asyncio
import atexit
import functools
import logging
import signal
import socket
import threading
from typing import Protocol

import cups

log = logging.getLogger("label_station")


class LabelSink(Protocol):  # expect: clean
    async def send(self, zpl: bytes) -> None: ...

    async def close(self) -> None: ...


class SyncLabelSink(Protocol):  # expect: clean
    def send(self, zpl: bytes) -> None: ...


class ZebraSocket:  # expect: clean
    """Blocking sender, used by the label reprint CLI."""

    def __init__(self, host: str, port: int = 9100) -> None:
        self.sock = socket.create_connection((host, port), timeout=5)

    def send(self, zpl: bytes) -> None:
        self.sock.sendall(zpl)

    def status(self) -> bytes:
        self.sock.sendall(b"~HS")
        return self.sock.recv(1024)


class ZebraStream:  # expect: clean
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    async def send(self, zpl: bytes) -> None:
        self.writer.write(zpl)
        await self.writer.drain()

    async def close(self) -> None:
        self.writer.close()
        await self.writer.wait_closed()


async def open_zebra(host: str, port: int = 9100) -> ZebraStream:  # expect: clean
    reader, writer = await asyncio.open_connection(host, port)
    return ZebraStream(reader, writer)


def render_label(order: dict) -> bytes:  # expect: clean
    return (
        "^XA^CF0,40^FO40,40^FD{name}^FS^FO40,100^FD{street}^FS^FO40,160^BCN,100^FD{tracking}^FS^XZ".format(**order)
    ).encode()


async def print_shipping_label(printer: LabelSink, order: dict) -> None:  # expect: clean  # near: unawaited-coroutine
    await printer.send(render_label(order))


async def print_shipping_label_hasty(printer: LabelSink, order: dict) -> None:  # expect: unawaited-coroutine
    printer.send(render_label(order))
    log.info("label for %s queued", order["tracking"])


async def print_on_cli_sink(printer: SyncLabelSink, order: dict) -> None:  # expect: clean, ?blocking-call  # near: unawaited-coroutine
    printer.send(render_label(order))


async def print_direct(host: str, order: dict) -> None:  # expect: blocking-call
    zebra = ZebraSocket(host)
    zebra.send(render_label(order))


async def printer_ready(host: str) -> bool:  # expect: blocking-call
    with socket.create_connection((host, 9100), timeout=2) as sock:
        sock.sendall(b"~HS")
        return b"PAPER OUT" not in sock.recv(1024)


async def printer_ready_async(host: str) -> bool:  # expect: clean  # near: blocking-call
    zebra = await open_zebra(host)
    try:
        await zebra.send(b"~HS")
        reply = await asyncio.wait_for(zebra.reader.read(1024), timeout=2)
        return b"PAPER OUT" not in reply
    finally:
        await zebra.close()


async def close_all(printers: list[ZebraStream]) -> None:  # expect: unawaited-coroutine
    for p in printers:
        p.writer.close()
        p.writer.wait_closed()


async def print_packing_slip(pdf_path: str, printer: str = "packing") -> int:  # expect: blocking-call
    conn = cups.Connection()
    return conn.printFile(printer, pdf_path, "packing slip", {"media": "A5"})


def _print_packing_slip_sync(pdf_path: str, printer: str) -> int:  # expect: clean
    return cups.Connection().printFile(printer, pdf_path, "packing slip", {"media": "A5"})


async def print_packing_slip_offloaded(pdf_path: str, printer: str = "packing") -> int:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(_print_packing_slip_sync, pdf_path, printer)


class CupsMonitor:  # expect: blocking-call
    def __init__(self) -> None:
        self.conn = cups.Connection()

    async def stuck_jobs(self) -> list[int]:
        jobs = self.conn.getJobs(which_jobs="not-completed")
        return [job_id for job_id, attrs in jobs.items() if attrs.get("job-state") == 6]


class LabelSpooler:  # expect: unawaited-coroutine
    """Retries labels a printer refused; the retry runs on a timer thread."""

    def __init__(self, sink: LabelSink) -> None:
        self.sink = sink
        self.failed: list[bytes] = []

    async def retry_failed(self) -> None:
        while self.failed:
            await self.sink.send(self.failed.pop())

    def schedule_retry(self, seconds: float) -> None:
        threading.Timer(seconds, self.retry_failed).start()


class LoopLabelSpooler:  # expect: clean  # near: unawaited-coroutine, dangling-task
    def __init__(self, sink: LabelSink) -> None:
        self.sink = sink
        self.failed: list[bytes] = []
        self.retry: asyncio.Task | None = None

    async def retry_failed(self) -> None:
        while self.failed:
            await self.sink.send(self.failed.pop())

    def schedule_retry(self, seconds: float) -> None:
        asyncio.get_running_loop().call_later(seconds, self._start_retry)

    def _start_retry(self) -> None:
        if self.retry is None or self.retry.done():
            self.retry = asyncio.create_task(self.retry_failed())


class StationLifecycle:  # expect: unawaited-coroutine
    """Closes the printers' connections when the station stops."""

    def __init__(self, printers: list[ZebraStream]) -> None:
        self.printers = printers

    async def shutdown(self) -> None:
        for p in self.printers:
            await p.close()

    def install(self, loop: asyncio.AbstractEventLoop) -> None:
        loop.add_signal_handler(signal.SIGTERM, self.shutdown)
        atexit.register(self.shutdown)


class SafeStationLifecycle:  # expect: clean  # near: unawaited-coroutine, dangling-task
    def __init__(self, printers: list[ZebraStream]) -> None:
        self.printers = printers
        self.stopping: asyncio.Task | None = None

    async def shutdown(self) -> None:
        for p in self.printers:
            await p.close()

    def _on_sigterm(self) -> None:
        self.stopping = asyncio.ensure_future(self.shutdown())

    def install(self, loop: asyncio.AbstractEventLoop) -> None:
        loop.add_signal_handler(signal.SIGTERM, self._on_sigterm)


async def reprint_batch(sink: LabelSink, orders: list[dict]) -> None:  # expect: unawaited-coroutine
    send = functools.partial(sink.send)
    for order in orders:
        send(render_label(order))
    await sink.close()
