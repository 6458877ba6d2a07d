"""A legacy integration layer: a sync plugin API bolted onto an asyncio core, written over several years."""
from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time
from typing import Any, Awaitable, Callable, Optional

_core_loop: Optional[asyncio.AbstractEventLoop] = None


def set_core_loop(loop: asyncio.AbstractEventLoop) -> None:  # expect: clean
    global _core_loop
    _core_loop = loop


def call_core(coro_fn: Callable[..., Awaitable[Any]], *args: Any, timeout: float = 10) -> Any:  # expect: clean
    """For plugins, which run in their own threads."""
    assert _core_loop is not None
    return asyncio.run_coroutine_threadsafe(coro_fn(*args), _core_loop).result(timeout)


async def core_lookup(key: str) -> str:  # expect: clean
    await asyncio.sleep(0)
    return key.upper()


async def handler_calls_plugin_api(key: str) -> str:  # expect: blocking-call
    return call_core(core_lookup, key)


def plugin_thread_body(keys: list[str]) -> list[str]:  # expect: clean  # near: blocking-call
    return [call_core(core_lookup, k) for k in keys]


async def run_plugin(keys: list[str]) -> list[str]:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(plugin_thread_body, keys)


async def nested_refresh(keys: list[str]) -> list[str]:  # expect: blocking-call
    loop = asyncio.get_event_loop()
    return loop.run_until_complete(asyncio.gather(*(core_lookup(k) for k in keys)))


def cli_refresh(keys: list[str]) -> list[str]:  # expect: clean  # near: blocking-call
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(asyncio.gather(*(core_lookup(k) for k in keys)))
    finally:
        loop.close()


class PluginHost:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.results: asyncio.Queue[str] = asyncio.Queue(maxsize=100)
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)

    def _plugin_done(self, fut: concurrent.futures.Future[str]) -> None:
        self.results.put_nowait(fut.result())

    def start(self, plugin: Callable[[], str]) -> None:
        self._pool.submit(plugin).add_done_callback(self._plugin_done)


class SafePluginHost:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.results: asyncio.Queue[str] = asyncio.Queue(maxsize=100)
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)

    def _plugin_done(self, fut: concurrent.futures.Future[str]) -> None:
        self.loop.call_soon_threadsafe(self.results.put_nowait, fut.result())

    def start(self, plugin: Callable[[], str]) -> None:
        self._pool.submit(plugin).add_done_callback(self._plugin_done)


class Ticker(threading.Thread):  # expect: thread-unsafe-capture
    def __init__(self, interval: float, on_tick: Callable[[], Awaitable[None]]) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.on_tick = on_tick
        self.loop = asyncio.get_running_loop()

    def run(self) -> None:
        while True:
            time.sleep(self.interval)
            self.loop.create_task(self.on_tick())


class SafeTicker(threading.Thread):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, interval: float, on_tick: Callable[[], Awaitable[None]]) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.on_tick = on_tick
        self.loop = asyncio.get_running_loop()

    def run(self) -> None:
        while True:
            time.sleep(self.interval)
            asyncio.run_coroutine_threadsafe(self.on_tick(), self.loop)


def legacy_timeout(seconds: float, fut: asyncio.Future[None]) -> threading.Timer:  # expect: thread-unsafe-capture
    timer = threading.Timer(seconds, fut.cancel)
    timer.start()
    return timer


async def wait_plugins(futures: list[concurrent.futures.Future[str]]) -> list[str]:  # expect: blocking-call
    done, _ = concurrent.futures.wait(futures, timeout=30)
    return [f.result() for f in done]


async def wait_plugins_async(futures: list[concurrent.futures.Future[str]]) -> list[str]:  # expect: clean  # near: blocking-call
    return list(await asyncio.gather(*(asyncio.wrap_future(f) for f in futures)))
