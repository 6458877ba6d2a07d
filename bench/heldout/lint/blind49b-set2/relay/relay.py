"""The chat relay: websocket-client on a thread, a Slack Socket Mode client, and the asyncio side."""
from __future__ import annotations

import asyncio
import logging
import threading

import websocket

from . import handlers
from .handlers import Forwarder, inbound

log = logging.getLogger("relay")


def start_ws(url: str) -> threading.Thread:  # expect: thread-unsafe-capture
    app = websocket.WebSocketApp(url, on_message=handlers.on_ws_message, on_error=handlers.on_ws_error)
    thread = threading.Thread(target=app.run_forever, daemon=True)
    thread.start()
    return thread


def start_ws_bridged(url: str, loop: asyncio.AbstractEventLoop) -> threading.Thread:  # expect: clean  # near: thread-unsafe-capture
    forwarder = Forwarder(loop)
    app = websocket.WebSocketApp(url, on_message=forwarder.on_ws_message, on_error=handlers.on_ws_error)
    thread = threading.Thread(target=app.run_forever, daemon=True)
    thread.start()
    return thread


class Relay:  # expect: dangling-task
    def __init__(self, outbound) -> None:
        self.outbound = outbound

    async def run(self) -> None:
        while True:
            message = await inbound.get()
            asyncio.shield(self.outbound.send(message))


class RelayShielded:  # expect: clean  # near: dangling-task
    def __init__(self, outbound) -> None:
        self.outbound = outbound

    async def run(self) -> None:
        while True:
            message = await inbound.get()
            await asyncio.shield(self.outbound.send(message))


async def drain_on_exit() -> int:  # expect: cancellation-swallowed
    drained = 0
    while True:
        try:
            await asyncio.wait_for(inbound.get(), timeout=1)
            drained += 1
        except (asyncio.TimeoutError, asyncio.CancelledError):
            return drained


async def relay_group(sources) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        async with asyncio.TaskGroup() as tg:
            for source in sources:
                tg.create_task(source.pump())
    except* ConnectionError as group:
        log.warning("%d sources dropped", len(group.exceptions))
