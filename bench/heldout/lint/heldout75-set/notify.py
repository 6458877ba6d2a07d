"""Notification fan-out: email, push, webhooks; coroutine functions passed around a lot."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Awaitable, Callable, Generic, Protocol, TypeVar

import aiosmtplib

log = logging.getLogger("notify")
T = TypeVar("T")


async def send_email(to: str, body: str) -> None:  # expect: clean
    await aiosmtplib.send(body, recipients=[to], hostname="smtp")


async def send_push(token: str, body: str) -> None:  # expect: clean
    await asyncio.sleep(0)


async def notify_user(user) -> None:  # expect: unawaited-coroutine
    if user.email:
        send_email(user.email, "hello")
    if user.push_token:
        await send_push(user.push_token, "hello")


async def notify_user_ok(user) -> None:  # expect: clean  # near: unawaited-coroutine
    jobs = []
    if user.email:
        jobs.append(send_email(user.email, "hello"))
    if user.push_token:
        jobs.append(send_push(user.push_token, "hello"))
    await asyncio.gather(*jobs)


class Channel(Protocol):  # expect: clean
    async def deliver(self, text: str) -> None: ...


@dataclass
class Route:  # expect: unawaited-coroutine
    channel: Channel

    async def forward(self, text: str) -> None:
        self.channel.deliver(text)


@dataclass
class GoodRoute:  # expect: clean  # near: unawaited-coroutine
    channel: Channel

    async def forward(self, text: str) -> None:
        await self.channel.deliver(text)


class Webhooks:  # expect: unawaited-coroutine
    def __init__(self, session) -> None:
        self.session = session

    async def post(self, url: str, payload: dict) -> int:
        async with self.session.post(url, json=payload) as resp:
            return resp.status

    async def broadcast(self, urls: list[str], payload: dict) -> None:
        for url in urls:
            self.post(url, payload)


class Webhooks2:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, session) -> None:
        self.session = session

    async def post(self, url: str, payload: dict) -> int:
        async with self.session.post(url, json=payload) as resp:
            return resp.status

    async def broadcast(self, urls: list[str], payload: dict) -> list[int]:
        return await asyncio.gather(*(self.post(url, payload) for url in urls))


Handler = Callable[[str], Awaitable[None]]


async def dispatch(handlers: dict[str, Handler], kind: str, text: str) -> None:  # expect: unawaited-coroutine
    handler = handlers[kind]
    handler(text)


async def dispatch_ok(handlers: dict[str, Handler], kind: str, text: str) -> None:  # expect: clean  # near: unawaited-coroutine
    await handlers[kind](text)


class Retrying(Generic[T]):  # expect: unawaited-coroutine
    def __init__(self, attempt: Callable[[], Awaitable[T]]) -> None:
        self.attempt = attempt

    async def run(self, tries: int = 3) -> T | None:
        for _ in range(tries):
            try:
                return await self.attempt()
            except ConnectionError:
                asyncio.sleep(1)
        return None


def schedule_digest(loop: asyncio.AbstractEventLoop, user) -> None:  # expect: unawaited-coroutine
    loop.call_later(3600, send_email, user.email, "digest")


def schedule_digest_ok(loop: asyncio.AbstractEventLoop, user) -> None:  # expect: dangling-task  # near: unawaited-coroutine
    loop.call_later(3600, lambda: loop.create_task(send_email(user.email, "digest")))


async def close_all(clients) -> None:  # expect: clean  # near: unawaited-coroutine
    for c in clients:
        c.close()  # aiohttp-style sync close on unknown objects; nothing known to be a coroutine


async def drain(writer: asyncio.StreamWriter, data: bytes) -> None:  # expect: unawaited-coroutine
    writer.write(data)
    writer.drain()


async def drain_ok(writer: asyncio.StreamWriter, data: bytes) -> None:  # expect: clean  # near: unawaited-coroutine
    writer.write(data)
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def lock_forgot(lock: asyncio.Lock) -> None:  # expect: unawaited-coroutine
    lock.acquire()
    try:
        await send_push("x", "y")
    finally:
        lock.release()


def sync_caller_runs(user) -> None:  # expect: clean  # near: unawaited-coroutine
    asyncio.run(send_email(user.email, "welcome"))
