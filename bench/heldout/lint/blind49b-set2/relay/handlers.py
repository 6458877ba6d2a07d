"""What the chat relay does with each message; `relay.py` hands these to websocket-client and the Slack SDK."""
from __future__ import annotations

import asyncio
import json
import logging

log = logging.getLogger("relay.handlers")

inbound: asyncio.Queue = asyncio.Queue(maxsize=1_000)


def parse(raw: str) -> dict:  # expect: clean
    return json.loads(raw)


def enqueue(message: dict) -> None:  # expect: ?thread-unsafe-capture
    if not inbound.full():
        inbound.put_nowait(message)


def on_ws_message(ws, raw: str) -> None:  # expect: ?thread-unsafe-capture
    enqueue(parse(raw))


class Forwarder:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def on_ws_message(self, ws, raw: str) -> None:
        self.loop.call_soon_threadsafe(enqueue, parse(raw))


def on_ws_error(ws, error) -> None:  # expect: clean
    log.warning("websocket error: %s", error)
