"""A chat-bot plugin host: plugins register handlers and timers; the host runs them on its loop."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import logging
import sched
import threading
import time
from typing import Any, Awaitable, Callable

log = logging.getLogger("plugins")

Handler = Callable[..., Awaitable[Any]]


class Host:  # expect: clean
    def __init__(self) -> None:
        self.handlers: dict[str, list[Handler]] = {}
        self.tasks: set[asyncio.Task] = set()

    def on(self, event: str) -> Callable[[Handler], Handler]:
        def register(fn: Handler) -> Handler:
            self.handlers.setdefault(event, []).append(fn)
            return fn

        return register

    def spawn(self, coro: Awaitable[Any]) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task


host = Host()


async def emit(event: str, *args: Any) -> None:  # expect: unawaited-coroutine
    for handler in host.handlers.get(event, []):
        handler(*args)


async def emit_spawned(event: str, *args: Any) -> None:  # expect: clean  # near: unawaited-coroutine
    for handler in host.handlers.get(event, []):
        host.spawn(handler(*args))


async def emit_all(event: str, *args: Any) -> None:  # expect: clean  # near: unawaited-coroutine
    await asyncio.gather(*(handler(*args) for handler in host.handlers.get(event, [])))


@host.on("message")
async def echo(channel, text: str) -> None:  # expect: clean
    await channel.send(text)


def load_plugin(name: str) -> None:  # expect: clean
    module = importlib.import_module(f"plugins.{name}")
    module.setup(host)


async def reload_plugin(name: str) -> None:  # expect: ?blocking-call
    module = importlib.import_module(f"plugins.{name}")
    importlib.reload(module)
    module.setup(host)


async def reload_plugin_offloaded(name: str) -> None:  # expect: clean  # near: blocking-call
    module = await asyncio.to_thread(importlib.import_module, f"plugins.{name}")
    module.setup(host)


def _serialized(fn: Handler) -> Handler:  # expect: lock-across-await
    lock = threading.Lock()

    async def run(*args: Any) -> Any:
        lock.acquire()
        try:
            return await fn(*args)
        finally:
            lock.release()

    return run


def _counted(fn: Handler) -> Handler:  # expect: clean  # near: lock-across-await
    lock = threading.Lock()
    calls = [0]

    async def run(*args: Any) -> Any:
        with lock:
            calls[0] += 1
        return await fn(*args)

    return run


class Timers:  # expect: thread-unsafe-capture
    """Plugin timers run on a stdlib scheduler in a thread of their own."""

    def __init__(self, wake: asyncio.Event) -> None:
        self.scheduler = sched.scheduler(time.monotonic, time.sleep)
        self.wake = wake

    def every(self, seconds: float) -> None:
        def tick() -> None:
            self.wake.set()
            self.scheduler.enter(seconds, 0, tick)

        self.scheduler.enter(seconds, 0, tick)
        threading.Thread(target=self.scheduler.run, daemon=True).start()


class LoopTimers:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, wake: asyncio.Event, loop: asyncio.AbstractEventLoop) -> None:
        self.wake = wake
        self.loop = loop

    def every(self, seconds: float) -> None:
        def tick() -> None:
            self.wake.set()
            self.loop.call_later(seconds, tick)

        self.loop.call_later(seconds, tick)


async def run_blocking_plugin(fn: Callable[[], Any]) -> Any:  # expect: clean
    return await asyncio.get_running_loop().run_in_executor(None, fn)


async def run_async_plugin_wrongly(fn: Handler) -> Any:  # expect: unawaited-coroutine
    return await asyncio.get_running_loop().run_in_executor(None, functools.partial(echo, None, "hi"))


async def supervise(plugin: Handler) -> None:  # expect: cancellation-swallowed
    while True:
        with contextlib.suppress(BaseException):
            await plugin()
        await asyncio.sleep(1)


async def supervise_errors(plugin: Handler) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        with contextlib.suppress(Exception):
            await plugin()
        await asyncio.sleep(1)


class EventBus:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.inbox: asyncio.Queue = asyncio.Queue(maxsize=len([]))

    async def publish(self, event: str, payload: Any) -> None:
        await self.inbox.put((event, payload))


class BoundedEventBus:  # expect: clean  # near: unbounded-queue
    def __init__(self, depth: int = 1024) -> None:
        self.inbox: asyncio.Queue = asyncio.Queue(maxsize=depth)

    async def publish(self, event: str, payload: Any) -> None:
        await self.inbox.put((event, payload))


async def on_startup(plugins: list[Handler]) -> None:  # expect: dangling-task
    for plugin in plugins:
        (asyncio.create_task(plugin()) if plugin else None)


async def on_startup_kept(plugins: list[Handler]) -> None:  # expect: clean  # near: dangling-task
    for plugin in plugins:
        if plugin:
            host.spawn(plugin())
