"""A chat gateway: websocket sessions, a command registry, per-room fan-out and a moderation hook."""
from __future__ import annotations

import asyncio
import functools
import logging
import os
import weakref
from collections import defaultdict
from typing import Awaitable, Callable

log = logging.getLogger("gateway")

Handler = Callable[["Session", str], Awaitable[None]]
COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:  # expect: clean
    def register(fn: Handler) -> Handler:
        COMMANDS[name] = fn
        return fn

    return register


class Session:  # expect: clean
    def __init__(self, ws, user: str) -> None:
        self.ws = ws
        self.user = user
        self.outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=256)

    async def send(self, text: str) -> None:
        await self.outbox.put(text)


@command("me")
async def cmd_me(session: Session, arg: str) -> None:  # expect: clean
    await session.send(f"* {session.user} {arg}")


async def dispatch(session: Session, line: str) -> None:  # expect: unawaited-coroutine
    name, _, arg = line[1:].partition(" ")
    handler = COMMANDS.get(name)
    if handler is None:
        await session.send(f"unknown command {name}")
        return
    handler(session, arg)


async def dispatch_awaited(session: Session, line: str) -> None:  # expect: clean  # near: unawaited-coroutine
    name, _, arg = line[1:].partition(" ")
    handler = COMMANDS.get(name)
    if handler is None:
        await session.send(f"unknown command {name}")
        return
    await handler(session, arg)


class Room:  # expect: dangling-task
    def __init__(self, name: str) -> None:
        self.name = name
        self.members: set[Session] = set()

    async def broadcast(self, text: str) -> None:
        for member in list(self.members):
            asyncio.ensure_future(member.send(text))


class KeptRoom:  # expect: clean  # near: dangling-task
    def __init__(self, name: str) -> None:
        self.name = name
        self.members: set[Session] = set()
        self._sends: set[asyncio.Task] = set()

    async def broadcast(self, text: str) -> None:
        for member in list(self.members):
            task = asyncio.ensure_future(member.send(text))
            self._sends.add(task)
            task.add_done_callback(self._sends.discard)


class WeakRoom:  # expect: dangling-task
    def __init__(self) -> None:
        self.pending: weakref.WeakSet[asyncio.Task] = weakref.WeakSet()

    async def broadcast(self, members: list[Session], text: str) -> None:
        for member in members:
            self.pending.add(asyncio.create_task(member.send(text)))


class Moderator:  # expect: unawaited-coroutine
    def __init__(self, classifier) -> None:
        self.classifier = classifier

    async def check(self, text: str) -> bool:
        verdict = await self.classifier.classify(text)
        return verdict == "ok"

    async def filter(self, session: Session, text: str) -> None:
        if self.check(text):
            await session.send(text)


class StrictModerator:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, classifier) -> None:
        self.classifier = classifier

    async def check(self, text: str) -> bool:
        verdict = await self.classifier.classify(text)
        return verdict == "ok"

    async def filter(self, session: Session, text: str) -> None:
        if await self.check(text):
            await session.send(text)


class Mailboxes:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.boxes: defaultdict[str, asyncio.Queue[str]] = defaultdict(asyncio.Queue)

    async def deliver(self, user: str, text: str) -> None:
        await self.boxes[user].put(text)


class BoundedMailboxes:  # expect: clean  # near: unbounded-queue
    def __init__(self, depth: int = 64) -> None:
        self.boxes: defaultdict[str, asyncio.Queue[str]] = defaultdict(functools.partial(asyncio.Queue, depth))

    async def deliver(self, user: str, text: str) -> None:
        await self.boxes[user].put(text)


BACKLOG = int(os.environ.get("GATEWAY_BACKLOG", "0"))


def make_inbox() -> asyncio.Queue[str]:  # expect: unbounded-queue
    return asyncio.Queue(BACKLOG)


def make_bounded_inbox() -> asyncio.Queue[str]:  # expect: clean  # near: unbounded-queue
    return asyncio.Queue(int(os.environ.get("GATEWAY_BACKLOG", "500")))


async def pump_outbox(session: Session) -> None:  # expect: cancellation-swallowed
    try:
        while True:
            text = await session.outbox.get()
            await session.ws.send_str(text)
    except asyncio.CancelledError:
        log.info("outbox of %s closed", session.user)
    except ConnectionError:
        log.info("%s went away", session.user)


async def pump_outbox_closing(session: Session) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        while True:
            text = await session.outbox.get()
            await session.ws.send_str(text)
    except asyncio.CancelledError:
        log.info("outbox of %s closed", session.user)
        await session.ws.close()
        raise
    except ConnectionError:
        log.info("%s went away", session.user)


async def serve_session(session: Session) -> None:  # expect: dangling-task
    pumping = asyncio.create_task(pump_outbox_closing(session))
    async for msg in session.ws:
        await dispatch_awaited(session, msg.data)


async def serve_session_cleanly(session: Session) -> None:  # expect: clean  # near: dangling-task
    pumping = asyncio.create_task(pump_outbox_closing(session))
    try:
        async for msg in session.ws:
            await dispatch_awaited(session, msg.data)
    finally:
        pumping.cancel()


async def greet_later(session: Session, delay: float) -> None:  # expect: dangling-task
    loop = asyncio.get_running_loop()
    loop.call_later(delay, lambda: asyncio.ensure_future(session.send("welcome!")))


async def greet_later_kept(session: Session, delay: float, tasks: set) -> None:  # expect: clean  # near: dangling-task
    loop = asyncio.get_running_loop()

    def fire() -> None:
        task = asyncio.ensure_future(session.send("welcome!"))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    loop.call_later(delay, fire)
