"""A chat and notification service half-way through a sync-to-async port: coroutines dropped in new ways."""
from __future__ import annotations

import asyncio
import functools
import logging
from typing import Awaitable, Callable

log = logging.getLogger("chat")


async def push(user_id: int, text: str) -> bool:  # expect: clean
    await asyncio.sleep(0)
    return True


async def load_profile(user_id: int) -> dict:  # expect: clean
    await asyncio.sleep(0)
    return {"id": user_id}


class Bus:  # expect: clean
    def __init__(self):
        self.handlers: list[Callable[[dict], None]] = []

    def subscribe(self, fn: Callable[[dict], None]) -> None:
        self.handlers.append(fn)

    def emit(self, event: dict) -> None:
        for fn in self.handlers:
            fn(event)


def wire_push(bus: Bus) -> None:  # expect: unawaited-coroutine
    # the sync bus calls the lambda, which just builds a coroutine and drops it
    bus.subscribe(lambda ev: push(ev["user"], ev["text"]))


def wire_push_ok(bus: Bus, loop: asyncio.AbstractEventLoop) -> None:  # expect: clean  # near: unawaited-coroutine
    bus.subscribe(lambda ev: asyncio.run_coroutine_threadsafe(push(ev["user"], ev["text"]), loop))


async def notify_all(user_ids: list[int], text: str) -> None:  # expect: unawaited-coroutine
    map(functools.partial(push, text=text), user_ids)
    log.info("notified %d users", len(user_ids))


async def notify_all_ok(user_ids: list[int], text: str) -> None:  # expect: clean  # near: unawaited-coroutine
    await asyncio.gather(*map(functools.partial(push, text=text), user_ids))


async def profiles(user_ids: list[int]) -> list:  # expect: ?unawaited-coroutine
    # list(map(...)) over a coroutine function: a list of coroutine objects, never run
    return list(map(load_profile, user_ids))


async def greet(user_id: int, profile=load_profile(0)) -> str:  # expect: unawaited-coroutine
    p = await load_profile(user_id)
    return f"hello {p['id']}"


async def fetch_with_deadline(user_id: int) -> dict | None:  # expect: unawaited-coroutine
    try:
        # meant asyncio.wait_for(load_profile(...), 2)
        return asyncio.wait_for(load_profile(user_id), timeout=2)
    except asyncio.TimeoutError:
        return None


async def fetch_with_deadline_ok(user_id: int) -> dict | None:  # expect: clean  # near: unawaited-coroutine
    try:
        return await asyncio.wait_for(load_profile(user_id), timeout=2)
    except asyncio.TimeoutError:
        return None


class Presence:  # expect: unawaited-coroutine
    def __init__(self, redis):
        self.redis = redis
        self.user_id = 0

    async def _online(self) -> bool:
        return bool(await self.redis.exists(f"online:{self.user_id}"))

    @property
    def online(self):
        return self._online()

    async def greet(self, ws) -> None:
        if self.online:
            await ws.send_text("welcome back")


class PresenceOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, redis):
        self.redis = redis
        self.user_id = 0

    async def online(self) -> bool:
        return bool(await self.redis.exists(f"online:{self.user_id}"))

    async def greet(self, ws) -> None:
        if await self.online():
            await ws.send_text("welcome back")


class BaseRoom:  # expect: clean
    def __init__(self):
        self.members: set = set()

    async def leave(self, member) -> None:
        self.members.discard(member)
        await member.send("bye")


class ModeratedRoom(BaseRoom):  # expect: unawaited-coroutine
    async def leave(self, member) -> None:
        log.info("member %s left", member)
        super().leave(member)


class ModeratedRoomOk(BaseRoom):  # expect: clean  # near: unawaited-coroutine
    async def leave(self, member) -> None:
        log.info("member %s left", member)
        await super().leave(member)


async def ticker(n: int):  # expect: clean
    for i in range(n):
        yield i
        await asyncio.sleep(0.1)


async def first_three() -> list[int]:  # expect: unawaited-coroutine
    gen = ticker(10)
    out = []
    async for x in gen:
        out.append(x)
        if len(out) == 3:
            break
    gen.aclose()
    return out


async def first_three_ok() -> list[int]:  # expect: clean  # near: unawaited-coroutine
    gen = ticker(10)
    try:
        return [await gen.__anext__() for _ in range(3)]
    finally:
        await gen.aclose()


async def accumulator():  # expect: clean
    total = 0
    while True:
        x = yield total
        total += x


async def feed(values: list[int]) -> None:  # expect: unawaited-coroutine
    acc = accumulator()
    await acc.asend(None)
    for v in values:
        acc.asend(v)


async def handler(request) -> dict:  # expect: blocking-call
    # run_until_complete on the loop that is already running this handler
    loop = asyncio.get_event_loop()
    profile = loop.run_until_complete(load_profile(request.user_id))
    return profile


def handler_sync(user_id: int) -> dict:  # expect: clean  # near: blocking-call
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(load_profile(user_id))
    finally:
        loop.close()


async def send_later(user_id: int, delay: float) -> None:  # expect: unawaited-coroutine
    loop = asyncio.get_running_loop()
    loop.call_later(delay, push, user_id, "reminder")


async def send_later_ok(user_id: int, delay: float) -> None:  # expect: dangling-task  # near: unawaited-coroutine
    loop = asyncio.get_running_loop()
    loop.call_later(delay, lambda: asyncio.ensure_future(push(user_id, "reminder")))


class Notifier:  # expect: unawaited-coroutine
    def __init__(self, sender: Callable[[int, str], Awaitable[bool]] = push):
        self.sender = sender

    async def ping(self, user_id: int) -> None:
        self.sender(user_id, "ping")


class NotifierOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, sender: Callable[[int, str], Awaitable[bool]] = push):
        self.sender = sender

    async def ping(self, user_id: int) -> None:
        await self.sender(user_id, "ping")


async def broadcast(user_ids: list[int]) -> int:  # expect: unawaited-coroutine
    results = [push(u, "maintenance at 2am") for u in user_ids]
    return len(results)


async def broadcast_ok(user_ids: list[int]) -> int:  # expect: clean  # near: unawaited-coroutine
    results = await asyncio.gather(*[push(u, "maintenance at 2am") for u in user_ids])
    return sum(results)


def retrying(fn):  # expect: clean
    @functools.wraps(fn)
    async def wrapper(*a, **kw):
        for _ in range(3):
            try:
                return await fn(*a, **kw)
            except ConnectionError:
                await asyncio.sleep(0.5)
        raise ConnectionError("gave up")

    return wrapper


@retrying
async def deliver(user_id: int, text: str) -> None:  # expect: clean
    await push(user_id, text)


async def on_message(msg) -> None:  # expect: unawaited-coroutine
    if msg.mentions:
        for uid in msg.mentions:
            deliver(uid, msg.text)


async def on_message_ok(msg) -> None:  # expect: clean  # near: unawaited-coroutine
    for uid in msg.mentions:
        await deliver(uid, msg.text)


class Room:  # expect: clean  # near: unawaited-coroutine
    """`close` merely shares a name with the async method of other classes."""

    def __init__(self):
        self.open = True

    def close(self) -> None:
        self.open = False

    async def shutdown(self, ws) -> None:
        self.close()
        await ws.close()


async def typing_indicator(ws, seconds: float) -> None:  # expect: unawaited-coroutine
    await ws.send_json({"typing": True})
    sleeper = asyncio.sleep
    sleeper(seconds)
    await ws.send_json({"typing": False})


async def dispatch(kind: str, user_id: int) -> None:  # expect: unawaited-coroutine
    handlers = {"profile": load_profile, "push": functools.partial(push, text="hi")}
    handlers[kind](user_id)


async def cleanup(ws) -> None:  # expect: unawaited-coroutine
    try:
        await ws.send_text("closing")
    finally:
        ws.transport.close()
        asyncio.wait_for(ws.wait_closed(), timeout=1)


async def cleanup_ok(ws) -> None:  # expect: clean  # near: unawaited-coroutine
    try:
        await ws.send_text("closing")
    finally:
        await ws.close()
