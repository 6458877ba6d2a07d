"""A ski resort's lift control: chairs, gates and the pass scanners, shared by the API's coroutines and the PLC
poller threads."""
from __future__ import annotations

import asyncio
import logging
import sys
import threading
from threading import RLock as Mutex

log = logging.getLogger("lifts")


class LockTable:  # expect: clean
    """One lock per lift, made on first use."""

    def __init__(self) -> None:
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def __getitem__(self, lift: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(lift, threading.Lock())


class LiftDesk:  # expect: lock-across-await
    def __init__(self, plc) -> None:
        self.plc = plc
        self.locks = LockTable()

    async def stop_lift(self, lift: str) -> None:
        with self.locks[lift]:
            await self.plc.write(lift, "stop")
            await self.plc.wait_state(lift, "stopped")


class LiftDeskCopied:  # expect: clean  # near: lock-across-await
    def __init__(self, plc) -> None:
        self.plc = plc
        self.locks = LockTable()
        self.states: dict[str, str] = {}

    async def stop_lift(self, lift: str) -> None:
        with self.locks[lift]:
            self.states[lift] = "stopping"
        await self.plc.write(lift, "stop")


class ChairCounter:  # expect: lock-across-await
    _mutex = Mutex()

    def __init__(self, store) -> None:
        self.store = store
        self.count = 0

    async def board(self, n: int) -> None:
        with self._mutex:
            self.count += n
            await self.store.save("chairs", self.count)


class GateBank:  # expect: lock-across-await
    def __init__(self, gates) -> None:
        self.gates = gates
        self._lock = threading.Lock()

    async def open_all(self) -> None:
        with self._lock:
            await asyncio.to_thread(self.gates.open_all_sync)
            await asyncio.sleep(0.5)


class GateBankOffloaded:  # expect: clean  # near: lock-across-await
    def __init__(self, gates) -> None:
        self.gates = gates
        self._lock = threading.Lock()

    def _open_all_sync(self) -> None:
        with self._lock:
            self.gates.open_all_sync()

    async def open_all(self) -> None:
        await asyncio.to_thread(self._open_all_sync)
        await asyncio.sleep(0.5)


class PassScanner:  # expect: lock-across-await
    def __init__(self, validator) -> None:
        self.validator = validator
        self._seen_lock = threading.Lock()
        self.seen: set[str] = set()

    async def scan_stream(self, scans) -> int:
        valid = 0
        with self._seen_lock:
            async for code in scans:
                if code not in self.seen:
                    self.seen.add(code)
                    valid += 1
        return valid


async def announce(lifts: list[str], speaker) -> None:  # expect: cancellation-swallowed
    for lift in lifts:
        try:
            async with asyncio.timeout(5):
                await speaker.say(f"{lift} is closing")
        except asyncio.CancelledError:
            log.warning("announcement for %s timed out", lift)


async def announce_timeouts(lifts: list[str], speaker) -> None:  # expect: clean  # near: cancellation-swallowed
    for lift in lifts:
        try:
            async with asyncio.timeout(5):
                await speaker.say(f"{lift} is closing")
        except TimeoutError:
            log.warning("announcement for %s timed out", lift)


async def run_checks(checks: list) -> list[BaseException]:  # expect: cancellation-swallowed
    errors: list[BaseException] = []
    for check in checks:
        try:
            await check()
        except BaseException as exc:
            errors.append(exc)
    return errors


async def run_checks_errors(checks: list) -> list[Exception]:  # expect: clean  # near: cancellation-swallowed
    errors: list[Exception] = []
    for check in checks:
        try:
            await check()
        except Exception as exc:
            errors.append(exc)
    return errors


class Retry:  # expect: cancellation-swallowed
    """`@Retry(3)` on a coroutine function: tries again on any failure."""

    def __init__(self, times: int) -> None:
        self.times = times

    def __call__(self, fn):
        async def wrapper(*args, **kwargs):
            last = None
            for _ in range(self.times):
                try:
                    return await fn(*args, **kwargs)
                except BaseException as exc:
                    last = exc
                    await asyncio.sleep(1)
            log.error("gave up: %r", last)
            return None

        return wrapper


async def shutdown_on_interrupt(server) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        await server.serve_forever()
    except (KeyboardInterrupt, asyncio.CancelledError):
        log.info("stopping")
        sys.exit(0)


async def drain_gates(queue: asyncio.Queue, gates) -> None:  # expect: cancellation-swallowed
    for _ in range(queue.qsize()):
        item = await queue.get()
        try:
            await gates.apply(item)
        finally:
            queue.task_done()
            continue


class SnowReport:  # expect: cancellation-swallowed
    def __init__(self, feed) -> None:
        self.feed = feed
        self.latest: dict | None = None

    async def refresh(self) -> str:
        try:
            self.latest = await self.feed.fetch()
            return "fresh"
        except asyncio.CancelledError:
            return "stale"

    async def loop(self) -> None:
        while True:
            state = await self.refresh()
            log.info("snow report %s", state)
            await asyncio.sleep(600)


class SnowReportRaise:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, feed) -> None:
        self.feed = feed
        self.latest: dict | None = None

    async def refresh(self) -> str:
        try:
            self.latest = await self.feed.fetch()
            return "fresh"
        except asyncio.CancelledError:
            self.latest = None
            raise

    async def loop(self) -> None:
        while True:
            state = await self.refresh()
            log.info("snow report %s", state)
            await asyncio.sleep(600)
