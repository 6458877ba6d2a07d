"""A container terminal's gate system: truck arrivals, crane moves and customs holds flow through channels between
the gate readers, the yard planner and the customs bridge."""
from __future__ import annotations

import argparse
import asyncio
import collections
import configparser
import enum
import functools
import math
import os
from typing import NamedTuple

ReeferChannel = functools.partial(asyncio.Queue)
BargeChannel = functools.partial(asyncio.Queue, maxsize=120)


class Backlog(enum.IntEnum):  # expect: clean
    UNLIMITED = 0
    GATE = 200
    CRANE = 50


class GateReader:  # expect: unbounded-queue
    def __init__(self, lane: int) -> None:
        self.lane = lane
        self.arrivals: asyncio.Queue[dict] = asyncio.Queue(maxsize=Backlog.UNLIMITED)

    async def read(self, scanner) -> None:
        async for plate in scanner:
            await self.arrivals.put({"lane": self.lane, "plate": plate})


class GateReaderSized:  # expect: clean  # near: unbounded-queue
    def __init__(self, lane: int) -> None:
        self.lane = lane
        self.arrivals: asyncio.Queue[dict] = asyncio.Queue(maxsize=Backlog.GATE)

    async def read(self, scanner) -> None:
        async for plate in scanner:
            await self.arrivals.put({"lane": self.lane, "plate": plate})


def load_limits(path: str) -> configparser.ConfigParser:  # expect: clean
    cp = configparser.ConfigParser()
    cp.read(path)
    return cp


class CraneChannel:  # expect: unbounded-queue
    def __init__(self, cp: configparser.ConfigParser) -> None:
        size = cp.getint("channels", "crane_moves", fallback=0)
        self.moves: asyncio.Queue = asyncio.Queue(size)

    async def submit(self, move: dict) -> None:
        await self.moves.put(move)


class CraneChannelSized:  # expect: clean  # near: unbounded-queue
    def __init__(self, cp: configparser.ConfigParser) -> None:
        size = cp.getint("channels", "crane_moves", fallback=Backlog.CRANE)
        self.moves: asyncio.Queue = asyncio.Queue(size)

    async def submit(self, move: dict) -> None:
        await self.moves.put(move)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:  # expect: clean
    parser = argparse.ArgumentParser(prog="gate")
    parser.add_argument("--holds-backlog", type=int, default=0)
    parser.add_argument("--release-backlog", type=int, default=500)
    return parser.parse_args(argv)


class CustomsBridge:  # expect: unbounded-queue
    def __init__(self, args: argparse.Namespace) -> None:
        self.holds: asyncio.Queue[str] = asyncio.Queue(args.holds_backlog)
        self.releases: asyncio.Queue[str] = asyncio.Queue(args.release_backlog)

    async def on_hold(self, container: str) -> None:
        await self.holds.put(container)

    async def on_release(self, container: str) -> None:
        await self.releases.put(container)


class CustomsBridgeReleases:  # expect: clean  # near: unbounded-queue
    def __init__(self, args: argparse.Namespace) -> None:
        self.releases: asyncio.Queue[str] = asyncio.Queue(args.release_backlog)

    async def on_release(self, container: str) -> None:
        await self.releases.put(container)


class YardPlanner:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.per_block: collections.defaultdict[str, asyncio.Queue] = collections.defaultdict(asyncio.Queue)

    async def assign(self, block: str, container: str) -> None:
        await self.per_block[block].put(container)


class YardPlannerSized:  # expect: clean  # near: unbounded-queue
    def __init__(self, depth: int = 40) -> None:
        self.per_block: collections.defaultdict[str, asyncio.Queue] = collections.defaultdict(
            lambda: asyncio.Queue(maxsize=depth)
        )

    async def assign(self, block: str, container: str) -> None:
        await self.per_block[block].put(container)


class ReeferMonitor:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.alarms = ReeferChannel()

    async def alarm(self, container: str, temp: float) -> None:
        await self.alarms.put((container, temp))


class BargeBerth:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.calls = BargeChannel()

    async def arrive(self, barge: str) -> None:
        await self.calls.put(barge)


class RailSiding:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.wagons: asyncio.Queue[str] = asyncio.Queue(maxsize=-1)

    async def couple(self, wagon: str) -> None:
        await self.wagons.put(wagon)


class RailSidingOne:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.wagons: asyncio.Queue[str] = asyncio.Queue(maxsize=1)

    async def couple(self, wagon: str) -> None:
        await self.wagons.put(wagon)


class ManifestFeed:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.lines: asyncio.Queue[bytes] = asyncio.Queue(maxsize=math.inf)

    async def feed(self, reader: asyncio.StreamReader) -> None:
        async for line in reader:
            await self.lines.put(line)


class Limits(NamedTuple):  # expect: clean
    gate: int = 0
    vgm: int = 64


LIMITS = Limits()


class WeighBridge:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.weights: asyncio.Queue[float] = asyncio.Queue(LIMITS.gate)

    async def weigh(self, reader: asyncio.StreamReader) -> None:
        while raw := await reader.readline():
            await self.weights.put(float(raw))


class VgmDesk:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.declarations: asyncio.Queue[dict] = asyncio.Queue(LIMITS.vgm)

    async def declare(self, vgm: dict) -> None:
        await self.declarations.put(vgm)


class PriorityLane(asyncio.PriorityQueue):  # expect: clean, ?unbounded-queue
    """Hazardous cargo first; the lane takes whatever the gate sends."""

    def __init__(self, maxsize: int = 0) -> None:
        super().__init__(maxsize)


async def open_hazmat_lane() -> PriorityLane:  # expect: unbounded-queue
    return PriorityLane()


class PriorityLaneBounded(asyncio.PriorityQueue):  # expect: clean  # near: unbounded-queue
    def __init__(self, maxsize: int = 30) -> None:
        super().__init__(maxsize)


class EdiInbox:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.messages: asyncio.Queue[bytes] = asyncio.Queue(int(os.environ.get("EDI_BACKLOG", "0")))

    async def receive(self, reader: asyncio.StreamReader) -> None:
        while msg := await reader.readuntil(b"'"):
            await self.messages.put(msg)


class EdiInboxDefaulted:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.messages: asyncio.Queue[bytes] = asyncio.Queue(int(os.environ.get("EDI_BACKLOG", "512")))

    async def receive(self, reader: asyncio.StreamReader) -> None:
        while msg := await reader.readuntil(b"'"):
            await self.messages.put(msg)


def make_lane(kind: str) -> asyncio.Queue:  # expect: unbounded-queue
    sizes = {"truck": 100, "rail": 20}
    return asyncio.Queue(sizes.get(kind, 0))


def make_lane_known(kind: str) -> asyncio.Queue:  # expect: clean  # near: unbounded-queue
    sizes = {"truck": 100, "rail": 20}
    return asyncio.Queue(sizes[kind])


async def track_vessels(ais_stream, record) -> None:  # expect: unbounded-spawn
    pending: list[asyncio.Task] = []
    async for position in ais_stream:
        pending.append(asyncio.ensure_future(record(position)))
    await asyncio.gather(*pending)


async def track_vessels_bounded(ais_stream, record, limit: int = 16) -> None:  # expect: clean  # near: unbounded-spawn
    sem = asyncio.Semaphore(limit)
    pending: set[asyncio.Task] = set()

    async def one(position) -> None:
        try:
            await record(position)
        finally:
            sem.release()

    async for position in ais_stream:
        await sem.acquire()
        task = asyncio.ensure_future(one(position))
        pending.add(task)
        task.add_done_callback(pending.discard)
    await asyncio.gather(*pending)


async def stream_gate_events(reader: asyncio.StreamReader, handle) -> None:  # expect: unbounded-spawn
    loop = asyncio.get_running_loop()
    tasks: set[asyncio.Task] = set()
    async for raw in reader:
        t = loop.create_task(handle(raw))
        tasks.add(t)
        t.add_done_callback(tasks.discard)


async def stream_gate_events_windowed(reader: asyncio.StreamReader, handle, window: int = 20) -> None:  # expect: clean  # near: unbounded-spawn
    tasks: set[asyncio.Task] = set()
    async for raw in reader:
        if len(tasks) >= window:
            _, tasks = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        tasks.add(asyncio.create_task(handle(raw)))
    await asyncio.gather(*tasks)
