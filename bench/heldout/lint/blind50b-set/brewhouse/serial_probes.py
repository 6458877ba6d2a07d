"""Temperature probes, the pump controller and the valve panel on serial ports, read by pyserial's ReaderThread."""
from __future__ import annotations

import asyncio
import logging
import queue

import serial
import serial.threaded
import serial_asyncio

from .state import AlarmBus, Reading, TempBoard, ThreadSafeAlarmBus

log = logging.getLogger("brewhouse.serial")


def parse_probe_line(line: str) -> Reading | None:  # expect: clean
    # "HLT 72.31" -> Reading("HLT", 72.31)
    parts = line.split()
    if len(parts) != 2:
        return None
    try:
        return Reading(parts[0], float(parts[1]))
    except ValueError:
        return None


class ProbeLines(serial.threaded.LineReader):  # expect: thread-unsafe-capture
    """One probe board per port; each line is a vessel and a temperature."""

    TERMINATOR = b"\n"

    def __init__(self, board: TempBoard) -> None:
        super().__init__()
        self.board = board

    def handle_line(self, line: str) -> None:
        reading = parse_probe_line(line)
        if reading is not None:
            self.board.record(reading)


class ProbeLinesQueued(serial.threaded.LineReader):  # expect: clean  # near: thread-unsafe-capture
    """The bench probe: lines go to a queue.Queue that the control loop drains with to_thread."""

    def __init__(self, sink: queue.Queue[str]) -> None:
        super().__init__()
        self.sink = sink

    def handle_line(self, line: str) -> None:
        self.sink.put(line)

    def connection_lost(self, exc: BaseException | None) -> None:
        self.sink.put("")


class PumpStatus(serial.threaded.Packetizer):  # expect: thread-unsafe-capture
    """Status frames of the pump controller, one per NUL-terminated packet."""

    def __init__(self, alarms: AlarmBus) -> None:
        super().__init__()
        self.alarms = alarms
        self.pump_state: dict[str, bool] = {}

    def handle_packet(self, packet: bytes) -> None:
        name, _, state = packet.decode("ascii").partition("=")
        self.pump_state[name] = state == "ON"
        if state == "FAULT":
            self.alarms.raise_alarm(f"pump {name} reports a fault")


class PumpStatusForwarded(serial.threaded.Packetizer):  # expect: clean  # near: thread-unsafe-capture
    """The second skid's controller; its alarms go through the bus that hands them to the loop."""

    def __init__(self, alarms: ThreadSafeAlarmBus) -> None:
        super().__init__()
        self.alarms = alarms

    def handle_packet(self, packet: bytes) -> None:
        name, _, state = packet.decode("ascii").partition("=")
        if state == "FAULT":
            self.alarms.raise_alarm(f"skid 2 pump {name} reports a fault")


class GravityMeter(serial.threaded.Protocol):  # expect: thread-unsafe-capture
    """A hydrometer that streams raw bytes; a complete reading resolves the future the brew log awaits."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.buffer = bytearray()
        self.next_reading: asyncio.Future[float] = loop.create_future()

    def data_received(self, data: bytes) -> None:
        self.buffer.extend(data)
        while b";" in self.buffer:
            raw, _, rest = bytes(self.buffer).partition(b";")
            self.buffer = bytearray(rest)
            if not self.next_reading.done():
                self.next_reading.set_result(float(raw))


class GravityMeterAsync(asyncio.Protocol):  # expect: clean  # near: thread-unsafe-capture
    """The same meter through pyserial-asyncio: its transport calls back on the loop's thread."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.buffer = bytearray()
        self.next_reading: asyncio.Future[float] = loop.create_future()

    def data_received(self, data: bytes) -> None:
        self.buffer.extend(data)
        while b";" in self.buffer:
            raw, _, rest = bytes(self.buffer).partition(b";")
            self.buffer = bytearray(rest)
            if not self.next_reading.done():
                self.next_reading.set_result(float(raw))

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.next_reading.done():
            self.next_reading.set_exception(ConnectionError("hydrometer disconnected"))


class ChillerLink(serial.threaded.LineReader):  # expect: clean  # near: thread-unsafe-capture
    """Lines from the glycol chiller, handed to the loop with call_soon_threadsafe."""

    def __init__(self, loop: asyncio.AbstractEventLoop, board: TempBoard) -> None:
        super().__init__()
        self.loop = loop
        self.board = board

    def handle_line(self, line: str) -> None:
        reading = parse_probe_line(line)
        if reading is not None:
            self.loop.call_soon_threadsafe(self.board.record, reading)

    def connection_lost(self, exc: BaseException | None) -> None:
        if exc is not None:
            log.warning("chiller link lost: %s", exc)


class ValveConsole(serial.threaded.LineReader):  # expect: thread-unsafe-capture
    """The valve panel's console: an `OPEN <valve>` line wakes the step waiting for that valve."""

    def __init__(self, waiters: dict[str, asyncio.Event]) -> None:
        super().__init__()
        self.waiters = waiters

    def handle_line(self, line: str) -> None:
        command, _, valve = line.partition(" ")
        if command == "OPEN" and valve in self.waiters:
            self.waiters[valve].set()


class SpargeLevel(serial.threaded.LineReader):  # expect: thread-unsafe-capture, ?dangling-task
    """The sparge tank's level switch; a LOW line starts the refill routine on the loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop, refill) -> None:
        super().__init__()
        self.loop = loop
        self.refill = refill

    def handle_line(self, line: str) -> None:
        if line.startswith("LOW"):
            self.loop.create_task(self.refill(line[4:].strip()))


def open_probe_port(url: str, board: TempBoard) -> serial.threaded.ReaderThread:  # expect: clean
    ser = serial.serial_for_url(url, baudrate=9600, timeout=1)
    reader = serial.threaded.ReaderThread(ser, lambda: ProbeLines(board))
    reader.start()
    return reader


async def open_meter_async(url: str) -> GravityMeterAsync:  # expect: clean
    loop = asyncio.get_running_loop()
    _, protocol = await serial_asyncio.create_serial_connection(loop, lambda: GravityMeterAsync(loop), url,
                                                                baudrate=19200)
    return protocol
