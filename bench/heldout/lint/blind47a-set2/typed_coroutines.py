"""A support bot's service layer: repositories and notifiers behind protocols, ABCs, aliases and factories."""
from __future__ import annotations

import abc
import asyncio
import logging
from dataclasses import dataclass
from typing import Optional, Protocol, TypeAlias

import httpx
import redis.asyncio as aioredis
import websockets

log = logging.getLogger("support")


class TicketStore(Protocol):  # expect: clean
    async def put(self, ticket_id: int, body: dict) -> None: ...

    def key(self, ticket_id: int) -> str: ...


async def save_ticket(store: TicketStore, ticket_id: int, body: dict) -> None:  # expect: unawaited-coroutine
    log.info("saving %s", store.key(ticket_id))
    store.put(ticket_id, body)


async def save_ticket_ok(store: TicketStore, ticket_id: int, body: dict) -> None:  # expect: clean  # near: unawaited-coroutine
    log.info("saving %s", store.key(ticket_id))
    await store.put(ticket_id, body)


class Notifier(abc.ABC):  # expect: clean
    @abc.abstractmethod
    async def notify(self, user: str, text: str) -> None: ...


class EmailNotifier(Notifier):  # expect: clean
    async def notify(self, user: str, text: str) -> None:
        await asyncio.sleep(0)


def pick_notifier(kind: str) -> Notifier:  # expect: clean
    return EmailNotifier()


async def escalate(user: str, text: str) -> None:  # expect: unawaited-coroutine
    pick_notifier("email").notify(user, f"[escalated] {text}")


async def escalate_ok(user: str, text: str) -> None:  # expect: clean  # near: unawaited-coroutine
    await pick_notifier("email").notify(user, f"[escalated] {text}")


class Router:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.routes: dict[str, Notifier] = {}

    async def dispatch(self, channel: str, user: str, text: str) -> None:
        target = self.routes.get(channel)
        if target is not None:
            target.notify(user, text)


class RouterGathered:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self.routes: dict[str, Notifier] = {}

    async def broadcast(self, user: str, text: str) -> None:
        await asyncio.gather(*(n.notify(user, text) for n in self.routes.values()))


Cache: TypeAlias = aioredis.Redis


@dataclass
class Deps:  # expect: clean
    cache: Cache
    http: httpx.AsyncClient


async def forget_session(deps: Deps, session_id: str) -> None:  # expect: unawaited-coroutine
    deps.cache.delete(f"session:{session_id}")
    log.info("session %s forgotten", session_id)


async def forget_session_ok(deps: Deps, session_id: str) -> None:  # expect: clean  # near: unawaited-coroutine
    pipe = deps.cache.pipeline()
    pipe.delete(f"session:{session_id}")
    pipe.delete(f"csrf:{session_id}")
    await pipe.execute()


async def close_deps(deps: Deps) -> None:  # expect: unawaited-coroutine
    await deps.cache.aclose()
    deps.http.aclose()


class AuditRepo:  # expect: clean
    @classmethod
    def create(cls) -> "AuditRepo":
        return cls()

    async def append(self, event: dict) -> None:
        await asyncio.sleep(0)


async def audit_login(user: str) -> None:  # expect: unawaited-coroutine
    repo = AuditRepo.create()
    repo.append({"user": user, "event": "login"})


class BaseChannel:  # expect: clean
    async def close(self) -> None:
        await asyncio.sleep(0)


class WsChannel(BaseChannel):  # expect: unawaited-coroutine
    def __init__(self, ws) -> None:
        self.ws = ws

    async def close(self) -> None:
        await self.ws.close()
        super().close()


class WsChannelOk(BaseChannel):  # expect: clean  # near: unawaited-coroutine
    def __init__(self, ws) -> None:
        self.ws = ws

    async def close(self) -> None:
        await self.ws.close()
        await super().close()


class SyncChannel:  # expect: clean  # near: unawaited-coroutine
    """Shares `close` with the async channels, but it is a plain method."""

    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True

    async def shutdown(self) -> None:
        self.close()
        await asyncio.sleep(0)


async def ping_peer(url: str) -> None:  # expect: unawaited-coroutine
    async with websockets.connect(url) as ws:
        ws.ping()
        ws.send("hello")
        await ws.recv()


async def ping_with_deadline(store: TicketStore, ticket_id: int) -> None:  # expect: clean  # near: unawaited-coroutine
    await asyncio.wait_for(store.put(ticket_id, {"ping": True}), timeout=2)


def put_from_thread(store: TicketStore, loop: asyncio.AbstractEventLoop, ticket_id: int) -> None:  # expect: clean  # near: unawaited-coroutine
    asyncio.run_coroutine_threadsafe(store.put(ticket_id, {}), loop).result(timeout=5)


class LazyNotifier:  # expect: unawaited-coroutine
    _impl: Optional[Notifier] = None

    async def notify(self, user: str, text: str) -> None:
        if self._impl is None:
            self._impl = pick_notifier("email")
        self._impl.notify(user, text)
