"""A radio observatory's acquisition service: antenna pointing, receiver sampling and archive uploads, each a task
that the scheduler cancels when an observation is pre-empted."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from typing import Any, Awaitable, Callable

import httpx

log = logging.getLogger("observatory")

RETRYABLE = (OSError, httpx.TransportError, asyncio.CancelledError)
TRANSIENT = (OSError, httpx.TransportError)


def retrying(attempts: int = 3) -> Callable:  # expect: cancellation-swallowed
    def decorate(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for n in range(attempts):
                try:
                    return await fn(*args, **kwargs)
                except BaseException as exc:
                    log.warning("%s attempt %d: %r", fn.__name__, n, exc)
                    await asyncio.sleep(2**n)
            return None

        return wrapper

    return decorate


def retrying_errors(attempts: int = 3) -> Callable:  # expect: clean  # near: cancellation-swallowed
    def decorate(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for n in range(attempts):
                try:
                    return await fn(*args, **kwargs)
                except BaseException as exc:
                    if isinstance(exc, asyncio.CancelledError):
                        raise
                    log.warning("%s attempt %d: %r", fn.__name__, n, exc)
                    await asyncio.sleep(2**n)
            return None

        return wrapper

    return decorate


@retrying(attempts=5)
async def point_antenna(mount, az: float, el: float) -> None:  # expect: clean, ?cancellation-swallowed
    await mount.slew(az, el)


class QuietScope:  # expect: cancellation-swallowed
    """Used as `async with QuietScope(...)` around steps whose failure must not stop an observation."""

    def __init__(self, what: str) -> None:
        self.what = what

    async def __aenter__(self) -> "QuietScope":
        return self

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        if exc is not None:
            log.warning("%s failed: %r", self.what, exc)
        return True

    async def calibrate(self, receiver) -> None:
        async with self:
            await receiver.calibrate()


class ErrorScope:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, what: str) -> None:
        self.what = what

    async def __aenter__(self) -> "ErrorScope":
        return self

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        if exc is not None and isinstance(exc, Exception):
            log.warning("%s failed: %r", self.what, exc)
            return True
        return False

    async def calibrate(self, receiver) -> None:
        async with self:
            await receiver.calibrate()


@contextlib.asynccontextmanager
async def observation_step(name: str):  # expect: cancellation-swallowed
    try:
        yield
    except BaseException:
        log.exception("step %s aborted", name)


@contextlib.asynccontextmanager
async def observation_step_logged(name: str):  # expect: clean  # near: cancellation-swallowed
    try:
        yield
    except BaseException:
        log.exception("step %s aborted", name)
        raise


async def sample_receiver(receiver, sink) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            block = await receiver.read_block()
            await sink.write(block)
        except RETRYABLE as exc:
            log.warning("receiver glitch: %r", exc)
            await asyncio.sleep(0.5)


async def sample_receiver_transient(receiver, sink) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            block = await receiver.read_block()
            await sink.write(block)
        except TRANSIENT as exc:
            log.warning("receiver glitch: %r", exc)
            await asyncio.sleep(0.5)


class Archiver:  # expect: cancellation-swallowed
    RETRY_ON: tuple[type[BaseException], ...] = (httpx.HTTPError, asyncio.CancelledError)

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def upload(self, path: str, data: bytes) -> bool:
        for _ in range(3):
            try:
                await self.client.put(path, content=data)
                return True
            except self.RETRY_ON:
                await asyncio.sleep(1)
        return False


def record_failure(exc: BaseException, stats: dict) -> dict:  # expect: clean
    stats["failures"] = stats.get("failures", 0) + 1
    return {"ok": False, "error": repr(exc)}


async def run_scan(scan, stats: dict) -> dict:  # expect: cancellation-swallowed
    try:
        return {"ok": True, "data": await scan.execute()}
    except BaseException as exc:
        return record_failure(exc, stats)


async def run_scan_errors(scan, stats: dict) -> dict:  # expect: clean  # near: cancellation-swallowed
    try:
        return {"ok": True, "data": await scan.execute()}
    except Exception as exc:
        return record_failure(exc, stats)


class Tracker:  # expect: clean, ?cancellation-swallowed
    def __init__(self, mount) -> None:
        self.mount = mount
        self._task: asyncio.Task | None = None

    def start(self, target) -> None:
        self._task = asyncio.create_task(self._track(target))

    async def _track(self, target) -> None:
        with contextlib.suppress(BaseException):
            while True:
                await self.mount.follow(target.position())
                await asyncio.sleep(0.2)
        log.info("tracking of %s ended", target)
        await self.mount.park()


class TrackerSyncSuppress:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, mount) -> None:
        self.mount = mount

    async def _track(self, target) -> None:
        while True:
            with contextlib.suppress(BaseException):
                position = target.position()
                self.mount.queue_position(position)
            await asyncio.sleep(0.2)


async def wait_for_lock(receiver) -> bool:  # expect: cancellation-swallowed
    for _ in range(10):
        try:
            await asyncio.wait_for(receiver.wait_locked(), timeout=1.0)
            return True
        except (asyncio.TimeoutError, asyncio.CancelledError):
            continue
    return False


async def wait_for_lock_timeouts(receiver) -> bool:  # expect: clean  # near: cancellation-swallowed
    for _ in range(10):
        try:
            await asyncio.wait_for(receiver.wait_locked(), timeout=1.0)
            return True
        except asyncio.TimeoutError:
            continue
    return False


async def integrate(receiver, seconds: float) -> list:  # expect: cancellation-swallowed
    samples: list = []
    try:
        async with asyncio.timeout(seconds):
            while True:
                samples.append(await receiver.read_block())
    except BaseException:
        pass
    return samples


async def integrate_timeout(receiver, seconds: float) -> list:  # expect: clean  # near: cancellation-swallowed
    samples: list = []
    try:
        async with asyncio.timeout(seconds):
            while True:
                samples.append(await receiver.read_block())
    except TimeoutError:
        pass
    return samples


async def upload_night(archiver: Archiver, files: dict[str, bytes]) -> int:  # expect: cancellation-swallowed
    done = 0
    for path, data in files.items():
        try:
            await archiver.client.put(path, content=data)
            done += 1
        except BaseException as exc:
            if done == 0:
                raise
            log.warning("upload of %s failed after %d: %r", path, done, exc)
    return done


async def stop_pipeline(tasks: list[asyncio.Task]) -> None:  # expect: clean  # near: cancellation-swallowed
    for t in tasks:
        t.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for r in results:
        if isinstance(r, Exception):
            log.warning("pipeline task failed: %r", r)


async def cancel_child(child: asyncio.Task) -> None:  # expect: clean  # near: cancellation-swallowed
    child.cancel()
    try:
        await child
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise


async def cleanup_then_reraise(receiver, sink) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        while True:
            await sink.write(await receiver.read_block())
    except asyncio.CancelledError:
        await asyncio.shield(sink.flush())
        raise
    finally:
        await receiver.close()


class Observation:  # expect: cancellation-swallowed
    def __init__(self, steps: list) -> None:
        self.steps = steps
        self.aborted = False

    async def run(self) -> None:
        for step in self.steps:
            try:
                await step.execute()
            except asyncio.CancelledError:
                self.aborted = True
        log.info("observation finished, aborted=%s", self.aborted)


class ObservationRaise:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, steps: list) -> None:
        self.steps = steps
        self.aborted = False

    async def run(self) -> None:
        for step in self.steps:
            try:
                await step.execute()
            except asyncio.CancelledError:
                self.aborted = True
                raise
        log.info("observation finished, aborted=%s", self.aborted)


async def poll_weather(station, on_change) -> None:  # expect: cancellation-swallowed
    last = None
    while True:
        try:
            now = await station.read()
        except* asyncio.CancelledError:
            log.info("weather read cancelled, keeping last value")
            now = last
        if now != last:
            on_change(now)
            last = now
        await asyncio.sleep(30)


def parse_header(raw: bytes) -> dict:  # expect: clean  # near: cancellation-swallowed
    try:
        key, _, value = raw.partition(b"=")
        return {key.decode(): value.decode()}
    except:  # noqa: E722
        return {}
