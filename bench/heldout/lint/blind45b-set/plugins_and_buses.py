"""Plugin host and in-process event bus of a home-automation server."""
from __future__ import annotations

import asyncio
import logging
import weakref
from collections import defaultdict
from typing import Awaitable, Callable

log = logging.getLogger("hub")

Handler = Callable[[dict], Awaitable[None]]


class EventBus:  # expect: dangling-task
    def __init__(self) -> None:
        self._handlers: dict[str, list[Handler]] = defaultdict(list)

    def on(self, topic: str, handler: Handler) -> None:
        self._handlers[topic].append(handler)

    def emit(self, topic: str, payload: dict) -> None:
        for handler in self._handlers[topic]:
            asyncio.ensure_future(handler(payload))


class TrackedEventBus:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self._handlers: dict[str, list[Handler]] = defaultdict(list)
        self._inflight: set[asyncio.Task] = set()

    def emit(self, topic: str, payload: dict) -> None:
        for handler in self._handlers[topic]:
            task = asyncio.ensure_future(handler(payload))
            self._inflight.add(task)
            task.add_done_callback(self._inflight.discard)


class WeakTrackedBus:  # expect: dangling-task
    def __init__(self) -> None:
        self._handlers: dict[str, list[Handler]] = defaultdict(list)
        self._inflight: weakref.WeakSet[asyncio.Task] = weakref.WeakSet()

    def emit(self, topic: str, payload: dict) -> None:
        for handler in self._handlers[topic]:
            self._inflight.add(asyncio.create_task(handler(payload)))

    async def drain(self) -> None:
        await asyncio.gather(*self._inflight, return_exceptions=True)


class ForgetfulBus:  # expect: dangling-task
    """Meant to keep its tasks: the done-callback discards, but nothing ever adds."""

    def __init__(self) -> None:
        self._handlers: dict[str, list[Handler]] = defaultdict(list)
        self._tasks: set[asyncio.Task] = set()

    def emit(self, topic: str, payload: dict) -> None:
        for handler in self._handlers[topic]:
            task = asyncio.create_task(handler(payload))
            task.add_done_callback(self._tasks.discard)


async def start_plugins(plugins: list) -> None:  # expect: dangling-task
    for plugin in plugins:
        task = asyncio.create_task(plugin.run())
        log.info("plugin %s started as %s", plugin.name, task.get_name())


async def start_plugins_kept(plugins: list) -> list[asyncio.Task]:  # expect: clean  # near: dangling-task
    tasks = []
    for plugin in plugins:
        task = asyncio.create_task(plugin.run(), name=plugin.name)
        tasks.append(task)
    return tasks


async def start_plugins_waiting_last(plugins: list) -> None:  # expect: dangling-task
    task = None
    for plugin in plugins:
        task = asyncio.create_task(plugin.setup())
    if task is not None:
        await task


async def setup_plugins_grouped(plugins: list) -> None:  # expect: clean  # near: dangling-task
    async with asyncio.TaskGroup() as tg:
        for plugin in plugins:
            tg.create_task(plugin.setup())


class PluginHost:  # expect: dangling-task
    def __init__(self, registry) -> None:
        self.registry = registry
        self.loaded: dict[str, object] = {}
        loop = asyncio.get_event_loop()
        loop.create_task(self._discover())

    async def _discover(self) -> None:
        for name, plugin in (await self.registry.scan()).items():
            self.loaded[name] = plugin


class PluginHostKept:  # expect: clean  # near: dangling-task
    def __init__(self, registry) -> None:
        self.registry = registry
        self.loaded: dict[str, object] = {}
        self._discovery = asyncio.get_event_loop().create_task(self._discover())

    async def _discover(self) -> None:
        for name, plugin in (await self.registry.scan()).items():
            self.loaded[name] = plugin

    async def ready(self) -> None:
        await self._discovery


class DeviceWatcher:  # expect: dangling-task
    def __init__(self, device, on_state: Handler) -> None:
        self.device = device
        self.on_state = on_state

    def start(self) -> None:
        fut = self.device.subscribe()
        fut.add_done_callback(lambda f: asyncio.create_task(self.on_state(f.result())))


class ReconnectingClient:  # expect: dangling-task
    def __init__(self, dial) -> None:
        self.dial = dial
        self.conn = None

    def connection_lost(self, exc: Exception | None) -> None:
        loop = asyncio.get_running_loop()
        loop.call_later(5.0, lambda: asyncio.ensure_future(self.reconnect()))

    async def reconnect(self) -> None:
        self.conn = await self.dial()


class ReconnectingClientKept:  # expect: clean  # near: dangling-task
    def __init__(self, dial) -> None:
        self.dial = dial
        self.conn = None
        self._reconnect_task: asyncio.Task | None = None

    def connection_lost(self, exc: Exception | None) -> None:
        loop = asyncio.get_running_loop()
        loop.call_later(5.0, self._schedule_reconnect)

    def _schedule_reconnect(self) -> None:
        self._reconnect_task = asyncio.ensure_future(self.reconnect())

    async def reconnect(self) -> None:
        self.conn = await self.dial()


class HeartbeatProtocol(asyncio.Protocol):  # expect: dangling-task
    def connection_made(self, transport) -> None:
        self.transport = transport
        asyncio.get_running_loop().create_task(self._beat())

    async def _beat(self) -> None:
        while not self.transport.is_closing():
            self.transport.write(b"PING\n")
            await asyncio.sleep(15)


class HeartbeatProtocolKept(asyncio.Protocol):  # expect: clean  # near: dangling-task
    def connection_made(self, transport) -> None:
        self.transport = transport
        self._beat_task = asyncio.get_running_loop().create_task(self._beat())

    def connection_lost(self, exc) -> None:
        self._beat_task.cancel()

    async def _beat(self) -> None:
        while True:
            self.transport.write(b"PING\n")
            await asyncio.sleep(15)


class TaskTracker:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def watch(self, task: asyncio.Task) -> asyncio.Task:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task


async def start_automations(tracker: TaskTracker, automations: list) -> None:  # expect: clean  # near: dangling-task
    for automation in automations:
        tracker.watch(asyncio.create_task(automation.run()))


async def record_scene(recorder, scene) -> None:  # expect: clean  # near: dangling-task
    await asyncio.gather(recorder.snapshot(scene), recorder.log(scene))


async def flush_and_exit(storage) -> None:  # expect: dangling-task, ?unawaited-coroutine
    asyncio.shield(storage.flush())
    log.info("flush scheduled, exiting")


async def save_shielded(storage, state) -> None:  # expect: clean, ?dangling-task  # near: dangling-task
    await asyncio.shield(storage.save(state))


async def start_both(lights, climate) -> None:  # expect: dangling-task, ?unawaited-coroutine
    asyncio.gather(lights.sync(), climate.sync())
    log.info("sync started")


async def offload_render(loop: asyncio.AbstractEventLoop, render, scene) -> None:  # expect: clean, ?dangling-task  # near: dangling-task
    fut = loop.run_in_executor(None, render, scene)
    asyncio.ensure_future(fut)


async def add_reminder(todo_api, title: str) -> dict:  # expect: clean  # near: dangling-task
    reminder = todo_api.create_task(title=title, due="tomorrow")
    return {"id": reminder["id"], "title": title}


class Scheduler:  # expect: clean  # near: dangling-task
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def schedule(self, coro) -> asyncio.Task:
        return self.loop.create_task(coro)


class ScheduledJobs:  # expect: dangling-task
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def run_soon(self, job) -> None:
        self.loop.create_task(job.execute())
        log.debug("job %s queued", job.id)
