"""A feature-flag and quota service: per-tenant guards shared by request handlers and a sync admin CLI."""
from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections import defaultdict
from pathlib import Path
from typing import AsyncIterator, Iterator

_tenant_locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
FLAGS = Path("/etc/flags.json")


@contextlib.contextmanager
def tenant_guard(tenant: str) -> Iterator[None]:  # expect: clean
    with _tenant_locks[tenant]:
        yield


async def bump_quota(tenant: str, store) -> int:  # expect: lock-across-await
    with tenant_guard(tenant):
        used = await store.get(tenant)
        await store.set(tenant, used + 1)
        return used + 1


async def read_quota(tenant: str, store) -> int:  # expect: clean  # near: lock-across-await
    with tenant_guard(tenant):
        cached = store.cached(tenant)
    return cached if cached is not None else await store.get(tenant)


class TenantGate:  # expect: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()

    async def __aenter__(self) -> "TenantGate":
        self._lock.acquire()
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._lock.release()


class AsyncTenantGate:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = asyncio.Lock()

    async def __aenter__(self) -> "AsyncTenantGate":
        await self._lock.acquire()
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._lock.release()


@contextlib.asynccontextmanager
async def flag_snapshot(store) -> AsyncIterator[dict]:  # expect: lock-across-await
    lock = _tenant_locks["__flags__"]
    lock.acquire()
    try:
        yield await store.all_flags()
    finally:
        lock.release()


async def stream_changes(changes: asyncio.Queue[dict]) -> AsyncIterator[dict]:  # expect: cancellation-swallowed
    try:
        while True:
            yield await changes.get()
    except asyncio.CancelledError:
        return


async def stream_changes_until_closed(changes: asyncio.Queue[dict | None]) -> AsyncIterator[dict]:  # expect: clean  # near: cancellation-swallowed
    while (change := await changes.get()) is not None:
        yield change


async def save_flags(flags: dict) -> None:  # expect: blocking-call
    await asyncio.sleep(0)
    json.dump(flags, FLAGS.open("w"))


async def close_with_deadline(conn) -> None:  # expect: unawaited-coroutine
    asyncio.wait_for(conn.close(), timeout=5)


async def close_with_deadline_awaited(conn) -> None:  # expect: clean  # near: unawaited-coroutine
    await asyncio.wait_for(conn.close(), timeout=5)


def install_shutdown(loop: asyncio.AbstractEventLoop, shutdown) -> None:  # expect: dangling-task
    import signal

    loop.add_signal_handler(signal.SIGTERM, lambda: asyncio.ensure_future(shutdown()))


def install_shutdown_kept(loop: asyncio.AbstractEventLoop, shutdown, keep: set) -> None:  # expect: clean  # near: dangling-task
    import signal

    def on_term() -> None:
        task = loop.create_task(shutdown())
        keep.add(task)
        task.add_done_callback(keep.discard)

    loop.add_signal_handler(signal.SIGTERM, on_term)
