"""Round two of the blind probe: a socket.io game lobby, a websocket relay and a webhook receiver."""
from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import threading
import time

import socketio
import websockets
from aiohttp import web

log = logging.getLogger("realtime")

sio = socketio.AsyncServer(async_mode="asgi")
_background: set = set()


async def heartbeat(sid: str) -> None:  # expect: clean
    while True:
        await sio.emit("ping", to=sid)
        await asyncio.sleep(15)


async def on_connect(sid, environ) -> None:  # expect: dangling-task
    log.info("%s connected", sid)
    sio.start_background_task(heartbeat, sid)


async def on_connect_kept(sid, environ) -> None:  # expect: clean  # near: dangling-task
    task = sio.start_background_task(heartbeat, sid)
    _background.add(task)
    task.add_done_callback(_background.discard)


async def on_join(sid, room: str) -> None:  # expect: dangling-task
    await sio.enter_room(sid, room)
    asyncio.create_task(sio.emit("joined", {"sid": sid}, room=room)).set_name(f"announce-{sid}")


def start_heartbeat(sid: str) -> asyncio.Task:  # expect: clean
    return asyncio.create_task(heartbeat(sid))


async def on_resume(sid, data) -> None:  # expect: dangling-task
    log.info("%s resumed", sid)
    start_heartbeat(sid)


class SessionHeartbeats:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self.beats: dict[str, asyncio.Task] = {}

    async def on_resume(self, sid, data) -> None:
        old = self.beats.pop(sid, None)
        if old is not None:
            old.cancel()
        self.beats[sid] = start_heartbeat(sid)


class Session:  # expect: thread-unsafe-capture
    def __init__(self, sid: str, ttl: float) -> None:
        self.sid = sid
        self.expired = asyncio.Event()
        threading.Timer(ttl, self.expired.set).start()

    async def wait_expired(self) -> None:
        await self.expired.wait()


class SessionOnLoop:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, sid: str, ttl: float) -> None:
        self.sid = sid
        self.expired = asyncio.Event()
        self._timer = asyncio.get_running_loop().call_later(ttl, self.expired.set)

    async def wait_expired(self) -> None:
        await self.expired.wait()


def install_reload(reload_requested: asyncio.Event) -> None:  # expect: thread-unsafe-capture
    signal.signal(signal.SIGUSR1, lambda *_: reload_requested.set())


def install_reload_on_loop(reload_requested: asyncio.Event) -> None:  # expect: clean  # near: thread-unsafe-capture
    asyncio.get_running_loop().add_signal_handler(signal.SIGUSR1, reload_requested.set)


async def relay(upstream_url: str, sink) -> None:  # expect: unbounded-queue
    frames: asyncio.Queue[str] = asyncio.Queue(maxsize=int(os.environ.get("RELAY_BUFFER", "0")))

    async def pump() -> None:
        async with websockets.connect(upstream_url) as ws:
            async for frame in ws:
                await frames.put(frame)

    reader = asyncio.create_task(pump())
    try:
        while True:
            await sink.send(await frames.get())
    finally:
        reader.cancel()


async def relay_bounded(upstream_url: str, sink) -> None:  # expect: clean  # near: unbounded-queue
    frames: asyncio.Queue[str] = asyncio.Queue(maxsize=int(os.environ.get("RELAY_BUFFER", "500")))

    async def pump() -> None:
        async with websockets.connect(upstream_url) as ws:
            async for frame in ws:
                await frames.put(frame)

    reader = asyncio.create_task(pump())
    try:
        while True:
            await sink.send(await frames.get())
    finally:
        reader.cancel()


class WebhookRetries:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.retries: asyncio.LifoQueue[dict] = asyncio.LifoQueue()

    async def receive(self, request: web.Request) -> web.Response:
        event = await request.json()
        if not await self.try_process(event):
            self.retries.put_nowait(event)
        return web.Response(status=202)

    async def try_process(self, event: dict) -> bool:
        await asyncio.sleep(0)
        return bool(event)


async def order_status(request: web.Request) -> web.Response:  # expect: cancellation-swallowed
    try:
        status = await request.app["orders"].status(request.match_info["id"])
    except asyncio.CancelledError:
        log.info("client went away")
        status = "unknown"
    await request.app["audit"].record("status", status)
    return web.json_response({"status": status})


async def order_status_plain(request: web.Request) -> web.Response:  # expect: clean  # near: cancellation-swallowed
    try:
        status = await request.app["orders"].status(request.match_info["id"])
    except KeyError:
        status = "unknown"
    return web.json_response({"status": status})


async def frames_of(ws):  # expect: cancellation-swallowed
    try:
        async for message in ws:
            yield json.loads(message)
    except asyncio.CancelledError:
        return


async def frames_closing(ws):  # expect: clean  # near: cancellation-swallowed
    try:
        async for message in ws:
            yield json.loads(message)
    finally:
        await ws.close()


async def fan_in(sources) -> list:  # expect: cancellation-swallowed
    results = []
    for source in sources:
        try:
            results.append(await source.read())
        except (Exception, asyncio.CancelledError) as exc:
            results.append(exc)
    return results


async def reconnect_forever(url: str, on_frame) -> None:  # expect: unawaited-coroutine
    backoff = 1.0
    while True:
        try:
            async with websockets.connect(url) as ws:
                backoff = 1.0
                async for frame in ws:
                    on_frame(frame)
        except OSError:
            log.warning("reconnecting in %.0fs", backoff)
            asyncio.sleep(backoff)
            backoff = min(backoff * 2, 60)


async def push_scores(host: str, port: int, scores: dict) -> None:  # expect: unawaited-coroutine
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(json.dumps(scores).encode() + b"\n")
    writer.drain()
    writer.close()
    await writer.wait_closed()


async def push_scores_drained(host: str, port: int, scores: dict) -> None:  # expect: clean  # near: unawaited-coroutine
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(json.dumps(scores).encode() + b"\n")
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def save_lobby(state: dict, path: str) -> None:  # expect: blocking-call
    with open(path, "w", encoding="utf-8") as f:
        json.dump(state, f)
    await sio.emit("saved")


class Lobby:  # expect: dangling-task
    def __init__(self) -> None:
        self.sessions: list = []

    def shutdown(self) -> None:
        asyncio.gather(*(s.close() for s in self.sessions), return_exceptions=True)

    async def close_one(self, session) -> None:
        try:
            await session.close()
        finally:
            asyncio.create_task(sio.emit("left", {"sid": session.sid}))
