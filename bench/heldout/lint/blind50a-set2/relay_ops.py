"""A notification relay: drains the event queue, forwards over SMTP or webhooks, keeps per-route thread locks."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
from dataclasses import dataclass, field
from typing import Awaitable, Callable, Optional

import aiosmtplib
import rasterio
from rasterio.io import DatasetReader

log = logging.getLogger("relay")
Forward = Callable[[dict], Awaitable[None]]


@dataclass
class Route:  # expect: clean
    name: str
    forward: Forward
    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: int = 0


class RouteTable:  # expect: clean
    def __init__(self) -> None:
        self._routes: dict[str, Route] = {}
        self._guard = threading.Lock()

    def add(self, route: Route) -> None:
        with self._guard:
            self._routes[route.name] = route

    def get(self, name: str) -> Optional[Route]:
        with self._guard:
            return self._routes.get(name)


async def forward_locked(table: RouteTable, name: str, event: dict) -> None:  # expect: lock-across-await
    route = table.get(name)
    if route is None:
        return
    with route.lock:
        await route.forward(event)
        route.sent += 1


async def forward_counted(table: RouteTable, name: str, event: dict) -> None:  # expect: clean  # near: lock-across-await
    route = table.get(name)
    if route is None:
        return
    await route.forward(event)
    with route.lock:
        route.sent += 1


async def forward_timed_lock(route: Route, event: dict) -> None:  # expect: lock-across-await, ?blocking-call
    if not route.lock.acquire(timeout=2):
        raise TimeoutError(route.name)
    try:
        await route.forward(event)
    finally:
        route.lock.release()


async def drain(queue: "asyncio.Queue[dict]", table: RouteTable) -> None:  # expect: cancellation-swallowed
    while True:
        event = await queue.get()
        try:
            await forward_counted(table, event["route"], event)
        except (asyncio.CancelledError, Exception) as exc:
            log.warning("dropping event %s: %r", event.get("id"), exc)
            continue
        finally:
            queue.task_done()


async def drain_ok(queue: "asyncio.Queue[dict]", table: RouteTable) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        event = await queue.get()
        try:
            await forward_counted(table, event["route"], event)
        except Exception as exc:
            log.warning("dropping event %s: %r", event.get("id"), exc)
            continue
        finally:
            queue.task_done()


async def send_digest(msg: dict) -> str:  # expect: cancellation-swallowed
    try:
        await aiosmtplib.send(msg["mime"], hostname="smtp.internal", port=587, start_tls=True)
    except asyncio.CancelledError:
        log.info("digest %s interrupted, will resend", msg["id"])
        return "deferred"
    return "sent"


async def send_digest_ok(msg: dict) -> str:  # expect: clean  # near: cancellation-swallowed
    try:
        await aiosmtplib.send(msg["mime"], hostname="smtp.internal", port=587, start_tls=True)
    except asyncio.CancelledError:
        log.info("digest %s interrupted, will resend", msg["id"])
        raise
    return "sent"


async def poll_routes(table: RouteTable, names: list[str]) -> int:  # expect: cancellation-swallowed
    polled = 0
    for name in names:
        try:
            route = table.get(name)
            if route is not None:
                await route.forward({"ping": True})
                polled += 1
        finally:
            continue
    return polled


async def heartbeat(forward: Forward) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await asyncio.shield(forward({"heartbeat": True}))
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            log.debug("heartbeat failed: %r", exc)
        await asyncio.sleep(15)


async def heartbeat_ok(forward: Forward) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        with contextlib.suppress(Exception):
            await asyncio.shield(forward({"heartbeat": True}))
        await asyncio.sleep(15)


async def peer_banner(host: str, port: int) -> bytes:  # expect: blocking-call
    sock = socket.create_connection((host, port), timeout=3)
    try:
        return sock.recv(256)
    finally:
        sock.close()


async def peer_banner_ok(host: str, port: int) -> bytes:  # expect: clean  # near: blocking-call
    reader, writer = await asyncio.open_connection(host, port)
    try:
        return await reader.read(256)
    finally:
        writer.close()
        await writer.wait_closed()


async def tile_mean(src: DatasetReader, band: int = 1) -> float:  # expect: blocking-call
    return float(src.read(band).mean())


async def tile_bounds(src: DatasetReader) -> tuple[float, float, float, float]:  # expect: clean  # near: blocking-call
    return tuple(src.bounds)


def _tile_mean_sync(path: str) -> float:  # expect: clean
    with rasterio.open(path) as src:
        return float(src.read(1).mean())


async def tile_mean_offloaded(path: str) -> float:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(_tile_mean_sync, path)
