"""Bridging the vendor's sync SDK (callbacks on its own threads) to the gateway's loop."""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import queue
import threading
from typing import Any, Callable

log = logging.getLogger(__name__)


class VendorSDK:  # expect: clean
    """The vendor's SDK: `subscribe` calls `callback` from the SDK's reader thread."""

    def subscribe(self, topic: str, callback: Callable[[dict], None]) -> None:
        def reader() -> None:
            callback({"topic": topic})

        threading.Thread(target=reader, daemon=True).start()


class Bridge:  # expect: thread-unsafe-capture
    def __init__(self, sdk: VendorSDK) -> None:
        self.sdk = sdk
        self.updates: asyncio.Queue[dict] = asyncio.Queue(maxsize=1000)
        self.changed = asyncio.Event()

    def start(self) -> None:
        self.sdk.subscribe("telemetry", self._on_message)

    def _on_message(self, msg: dict) -> None:
        self.changed.set()


class SafeBridge:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, sdk: VendorSDK, loop: asyncio.AbstractEventLoop) -> None:
        self.sdk = sdk
        self.loop = loop
        self.changed = asyncio.Event()

    def start(self) -> None:
        self.sdk.subscribe("telemetry", self._on_message)

    def _on_message(self, msg: dict) -> None:
        self.loop.call_soon_threadsafe(self.changed.set)


async def next_update(inbox: queue.Queue[dict]) -> dict:  # expect: blocking-call
    return inbox.get(timeout=1.0)


async def next_update_nowait(inbox: queue.Queue[dict]) -> dict | None:  # expect: clean  # near: blocking-call
    try:
        return inbox.get_nowait()
    except queue.Empty:
        return None


async def next_from_process(mp_inbox: "multiprocessing.Queue[Any]") -> Any:  # expect: blocking-call
    return mp_inbox.get()


async def next_from_process_offloaded(mp_inbox: "multiprocessing.Queue[Any]") -> Any:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(mp_inbox.get)


async def pump(sdk: VendorSDK, handle: Callable[[dict], Any]) -> None:  # expect: unawaited-coroutine
    loop = asyncio.get_running_loop()
    got: asyncio.Queue[dict] = asyncio.Queue(maxsize=100)
    sdk.subscribe("alerts", lambda m: loop.call_soon_threadsafe(got.put_nowait, m))
    while True:
        msg = await got.get()
        got.put(msg) if got.full() else handle(msg)
