"""Subscriber notifications: e-mail digests and push messages."""
from __future__ import annotations

import asyncio
import logging
import threading
from typing import Awaitable, Callable, Protocol

log = logging.getLogger(__name__)


class Pusher(Protocol):
    async def push(self, token: str, title: str) -> None: ...


class Notifier:  # expect: unawaited-coroutine
    def __init__(self, pusher: Pusher) -> None:
        self.pusher = pusher

    async def announce(self, tokens: list[str], title: str) -> None:
        for token in tokens:
            self.pusher.push(token, title)


class GatheringNotifier:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, pusher: Pusher) -> None:
        self.pusher = pusher

    async def announce(self, tokens: list[str], title: str) -> None:
        await asyncio.gather(*(self.pusher.push(t, title) for t in tokens))


class DigestSender:  # expect: lock-across-await
    def __init__(self, send: Callable[[str, str], Awaitable[None]]) -> None:
        self._send = send
        self._guard = threading.Lock()
        self.sent: dict[str, int] = {}

    async def send_digest(self, address: str, body: str) -> None:
        with self._guard:
            await self._send(address, body)
            self.sent[address] = self.sent.get(address, 0) + 1


class CountingDigestSender:  # expect: clean  # near: lock-across-await
    def __init__(self, send: Callable[[str, str], Awaitable[None]]) -> None:
        self._send = send
        self._guard = threading.Lock()
        self.sent: dict[str, int] = {}

    async def send_digest(self, address: str, body: str) -> None:
        await self._send(address, body)
        with self._guard:
            self.sent[address] = self.sent.get(address, 0) + 1


class Outbox:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.pending: asyncio.Queue[tuple[str, str]] = asyncio.Queue()

    def enqueue(self, address: str, body: str) -> None:
        self.pending.put_nowait((address, body))

    async def drain(self, send: Callable[[str, str], Awaitable[None]]) -> None:
        while True:
            address, body = await self.pending.get()
            await send(address, body)


def on_new_episode_from_thread(loop: asyncio.AbstractEventLoop, outbox: Outbox, address: str) -> None:  # expect: ?thread-unsafe-capture
    outbox.pending.put_nowait((address, "A new episode is out"))


def on_new_episode_threadsafe(loop: asyncio.AbstractEventLoop, outbox: Outbox, address: str) -> None:  # expect: clean  # near: thread-unsafe-capture
    loop.call_soon_threadsafe(outbox.pending.put_nowait, (address, "A new episode is out"))


def start_watcher(loop: asyncio.AbstractEventLoop, outbox: Outbox, addresses: list[str]) -> threading.Thread:  # expect: clean
    def watch() -> None:
        for address in addresses:
            on_new_episode_threadsafe(loop, outbox, address)

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    return t
