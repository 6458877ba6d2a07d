"""Async clients of a chat-ops bot, where several coroutines get created and never run."""
from __future__ import annotations

import asyncio
import functools
from typing import Awaitable, Callable

import httpx


class Store:  # expect: clean
    async def get(self, key: str) -> bytes:
        await asyncio.sleep(0)
        return b""

    async def put(self, key: str, value: bytes) -> None:
        await asyncio.sleep(0)

    def put_now(self, key: str, value: bytes) -> None:
        pass


async def audit(event: str) -> None:  # expect: clean
    await asyncio.sleep(0)


async def fan_out(store: Store, keys: list[str]) -> dict:  # expect: ?unawaited-coroutine
    jobs = {k: store.get(k) for k in keys}
    return {k: v for k, v in jobs.items() if v}


async def fan_out_gathered(store: Store, keys: list[str]) -> dict:  # expect: clean  # near: unawaited-coroutine
    jobs = {k: store.get(k) for k in keys}
    values = await asyncio.gather(*jobs.values())
    return dict(zip(jobs, values))


async def run_hooks(store: Store) -> None:  # expect: unawaited-coroutine
    hooks = [audit("start"), store.put("state", b"1")]
    print(len(hooks))


async def run_hooks_awaited(store: Store) -> None:  # expect: clean  # near: unawaited-coroutine
    hooks = [audit("start"), store.put("state", b"1")]
    for h in hooks:
        await h


class Settings:  # expect: unawaited-coroutine
    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def theme(self) -> str:
        raw = self.store.get("theme")
        return raw.decode() if raw else "light"

    async def render(self) -> str:
        return f"<body class={self.theme}>"


class SettingsAwaited:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def raw(self) -> Awaitable[bytes]:
        return self.store.get("settings")

    async def load(self) -> bytes:
        return await self.raw


class Session:  # expect: unawaited-coroutine
    def __init__(self, store: Store) -> None:
        self.store = store
        self.store.put("session", b"open")


class SessionScheduled:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, store: Store) -> None:
        self.store = store
        self._opened = asyncio.ensure_future(self.store.put("session", b"open"))


_callbacks: list[Callable[[], object]] = []


def on_shutdown(cb: Callable[[], object]) -> None:  # expect: clean
    _callbacks.append(cb)


def run_shutdown() -> None:  # expect: ?unawaited-coroutine
    for cb in _callbacks:
        cb()


async def register(store: Store) -> None:  # expect: ?unawaited-coroutine
    on_shutdown(functools.partial(store.put, "state", b"closed"))
    run_shutdown()


async def save_all(store: Store, items: dict) -> None:  # expect: unawaited-coroutine
    for k, v in items.items():
        store.put(k, v)


async def save_all_sync(store: Store, items: dict) -> None:  # expect: clean  # near: unawaited-coroutine
    for k, v in items.items():
        store.put_now(k, v)
    await asyncio.sleep(0)


class Bot:  # expect: unawaited-coroutine
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def reply(self, chat: str, text: str) -> None:
        self.http.post(f"/chats/{chat}/messages", json={"text": text})


class SyncBot:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def reply(self, chat: str, text: str) -> None:
        self.http.post(f"/chats/{chat}/messages", json={"text": text})


def start_sync(store: Store) -> None:  # expect: unawaited-coroutine
    store.put("boot", b"1")


def start_sync_run(store: Store) -> None:  # expect: clean  # near: unawaited-coroutine
    asyncio.run(store.put("boot", b"1"))


async def ping_all(clients: list[httpx.AsyncClient]) -> None:  # expect: unawaited-coroutine
    [c.get("/ping") for c in clients]


async def ping_all_gathered(clients: list[httpx.AsyncClient]) -> list:  # expect: clean  # near: unawaited-coroutine
    return await asyncio.gather(*[c.get("/ping") for c in clients])


async def conditional_audit(ok: bool) -> None:  # expect: unawaited-coroutine
    audit("ok") if ok else audit("failed")


async def close_client(http: httpx.AsyncClient) -> None:  # expect: unawaited-coroutine
    http.aclose()


class Wrapper:  # expect: unawaited-coroutine
    def __init__(self, inner: Store) -> None:
        self._inner = inner

    async def put(self, key: str, value: bytes) -> None:
        await self._inner.put(key, value)

    async def put_many(self, items: dict) -> None:
        for k, v in items.items():
            self.put(k, v)


class SubStore(Store):  # expect: unawaited-coroutine
    async def put(self, key: str, value: bytes) -> None:
        super().put(key, value)
        await audit(f"put {key}")


async def maybe_refresh(http: httpx.AsyncClient, stale: bool) -> None:  # expect: unawaited-coroutine
    if stale:
        http.get("/refresh")
    await asyncio.sleep(0)


async def stream_lines(http: httpx.AsyncClient):  # expect: clean  # near: unawaited-coroutine
    async with http.stream("GET", "/events") as resp:
        async for line in resp.aiter_lines():
            yield line


async def tail(http: httpx.AsyncClient) -> int:  # expect: clean  # near: unawaited-coroutine
    lines = stream_lines(http)
    n = 0
    async for _ in lines:
        n += 1
    return n


def make_job(store: Store):  # expect: clean  # near: unawaited-coroutine
    # hands a coroutine to the caller, which awaits it
    return store.put("job", b"queued")


async def enqueue(store: Store) -> None:  # expect: clean  # near: unawaited-coroutine
    await make_job(store)


async def lambda_callbacks(store: Store, loop: asyncio.AbstractEventLoop) -> None:  # expect: unawaited-coroutine
    loop.call_soon(lambda: store.put("tick", b"1"))


async def call_later_task(store: Store, loop: asyncio.AbstractEventLoop) -> None:  # expect: dangling-task  # near: unawaited-coroutine
    loop.call_soon(lambda: asyncio.ensure_future(store.put("tick", b"1")))
