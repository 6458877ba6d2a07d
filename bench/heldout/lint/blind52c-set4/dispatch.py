"""A chat-ops bot's dispatcher: commands routed by name to coroutine handlers, background jobs and shutdown."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from typing import Any, Awaitable, Callable

log = logging.getLogger(__name__)
Handler = Callable[[dict[str, Any]], Awaitable[None]]


async def on_deploy(msg: dict[str, Any]) -> None:  # expect: clean
    await asyncio.sleep(0)
    log.info("deploy %s", msg.get("service"))


async def on_rollback(msg: dict[str, Any]) -> None:  # expect: clean
    await asyncio.sleep(0)
    log.info("rollback %s", msg.get("service"))


COMMANDS: dict[str, Handler] = {"deploy": on_deploy, "rollback": on_rollback}


def route(msg: dict[str, Any]) -> None:  # expect: unawaited-coroutine
    handler = COMMANDS.get(msg["command"])
    if handler is not None:
        handler(msg)


async def route_async(msg: dict[str, Any]) -> None:  # expect: clean  # near: unawaited-coroutine
    handler = COMMANDS.get(msg["command"])
    if handler is not None:
        await handler(msg)


class Bot:  # expect: unawaited-coroutine
    async def handle_ping(self, msg: dict[str, Any]) -> None:
        await asyncio.sleep(0)

    async def handle_status(self, msg: dict[str, Any]) -> None:
        await asyncio.sleep(0)

    async def dispatch(self, msg: dict[str, Any]) -> None:
        method = getattr(self, f"handle_{msg['command']}", None)
        if method is not None:
            method(msg)


class AwaitingBot:  # expect: clean  # near: unawaited-coroutine
    async def handle_ping(self, msg: dict[str, Any]) -> None:
        await asyncio.sleep(0)

    async def dispatch(self, msg: dict[str, Any]) -> None:
        method = getattr(self, f"handle_{msg['command']}", None)
        if method is not None:
            await method(msg)


class Session:  # expect: unawaited-coroutine
    def __init__(self, conn) -> None:
        self.conn = conn

    async def close(self) -> None:
        await self.conn.close()

    async def __aenter__(self) -> "Session":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def __del__(self) -> None:
        self.close()


class AuditedSession(Session):  # expect: unawaited-coroutine
    async def __aexit__(self, *exc: object) -> None:
        log.info("session closing")
        super().__aexit__(*exc)


class CleanAuditedSession(Session):  # expect: clean  # near: unawaited-coroutine
    async def __aexit__(self, *exc: object) -> None:
        log.info("session closing")
        await super().__aexit__(*exc)


async def with_cleanup(conn, work: Callable[[], Awaitable[None]]) -> None:  # expect: unawaited-coroutine
    session = Session(conn)
    with contextlib.ExitStack() as stack:
        stack.callback(session.close)
        await work()


async def with_async_cleanup(conn, work: Callable[[], Awaitable[None]]) -> None:  # expect: clean  # near: unawaited-coroutine
    session = Session(conn)
    async with contextlib.AsyncExitStack() as stack:
        stack.push_async_callback(session.close)
        await work()


async def lock_held(store, key: str) -> bool:  # expect: unawaited-coroutine
    async def exists(k: str) -> bool:
        return await store.exists(k)

    if await exists(key):
        return True
    elif exists(key + ":lock"):
        return True
    return False


async def summarize_in_thread(text: str) -> str:  # expect: unawaited-coroutine
    async def summarize(t: str) -> str:
        await asyncio.sleep(0)
        return t[:100]

    return await asyncio.to_thread(summarize, text)


class Jobs:  # expect: dangling-task
    def __init__(self) -> None:
        self._live: weakref.WeakSet[asyncio.Task[None]] = weakref.WeakSet()

    def start(self, job: Callable[[], Awaitable[None]]) -> None:
        self._live.add(asyncio.create_task(job()))

    def cancel_all(self) -> None:
        for task in list(self._live):
            task.cancel()


class KeptJobs:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self._live: set[asyncio.Task[None]] = set()

    def start(self, job: Callable[[], Awaitable[None]]) -> None:
        task = asyncio.create_task(job())
        self._live.add(task)
        task.add_done_callback(self._live.discard)


def defer(loop: asyncio.AbstractEventLoop, job: Callable[[], Awaitable[None]]) -> None:  # expect: dangling-task
    loop.call_soon(lambda: asyncio.ensure_future(job()))


async def broadcast(rooms: list[str], send: Callable[[str], Awaitable[None]]) -> None:  # expect: dangling-task
    list(map(asyncio.create_task, (send(room) for room in rooms)))


async def broadcast_gathered(rooms: list[str], send: Callable[[str], Awaitable[None]]) -> None:  # expect: clean  # near: dangling-task
    await asyncio.gather(*map(asyncio.create_task, (send(room) for room in rooms)))


class Reminder:  # expect: dangling-task
    def __init__(self, notify: Callable[[str], Awaitable[None]]) -> None:
        self.notify = notify
        asyncio.get_running_loop().create_task(self._remind_forever())

    async def _remind_forever(self) -> None:
        while True:
            await asyncio.sleep(3600)
            await self.notify("stand-up in 5 minutes")


class KeptReminder:  # expect: clean  # near: dangling-task
    def __init__(self, notify: Callable[[str], Awaitable[None]]) -> None:
        self.notify = notify
        self._task = asyncio.get_running_loop().create_task(self._remind_forever())

    async def _remind_forever(self) -> None:
        while True:
            await asyncio.sleep(3600)
            await self.notify("stand-up in 5 minutes")

    def stop(self) -> None:
        self._task.cancel()
