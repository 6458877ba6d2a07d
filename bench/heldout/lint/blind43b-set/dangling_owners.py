"""Plugin hosts, event buses and supervisors that start background tasks."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from dataclasses import dataclass, field

log = logging.getLogger("bus")


class Registry:  # expect: clean
    def __init__(self):
        self.tasks: set[asyncio.Task] = set()

    def keep(self, task: asyncio.Task) -> asyncio.Task:
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task


class PluginHost:  # expect: clean  # near: dangling-task
    def __init__(self, registry: Registry):
        self.registry = registry

    async def load(self, plugin) -> None:
        self.registry.keep(asyncio.create_task(plugin.run()))


class PluginHostLeaky:  # expect: dangling-task
    def __init__(self, registry: Registry):
        self.registry = registry

    async def load(self, plugin) -> None:
        task = asyncio.create_task(plugin.run())
        log.info("plugin %s started as %s", plugin.name, task.get_name())


class EventBus:  # expect: dangling-task
    def __init__(self):
        self.handlers: dict[str, list] = {}

    def subscribe(self, topic, handler) -> None:
        self.handlers.setdefault(topic, []).append(handler)

    def publish(self, topic, event) -> None:
        loop = asyncio.get_running_loop()
        for handler in self.handlers.get(topic, ()):
            loop.create_task(handler(event))


class TrackedEventBus:  # expect: clean  # near: dangling-task
    def __init__(self):
        self.handlers: dict[str, list] = {}
        self._pending: set[asyncio.Future] = set()

    def publish(self, topic, event) -> None:
        for handler in self.handlers.get(topic, ()):
            fut = asyncio.ensure_future(handler(event))
            self._pending.add(fut)
            fut.add_done_callback(self._pending.discard)


async def notify_all(listeners, event) -> None:  # expect: dangling-task
    for listener in listeners:
        asyncio.ensure_future(listener.on_event(event))


@dataclass
class Heartbeat:  # expect: dangling-task
    interval: float
    send: object

    def __post_init__(self):
        asyncio.get_running_loop().create_task(self._beat())

    async def _beat(self) -> None:
        while True:
            await self.send()
            await asyncio.sleep(self.interval)


@dataclass
class HeartbeatKept:  # expect: clean  # near: dangling-task
    interval: float
    send: object
    _task: asyncio.Task | None = field(default=None, init=False)

    def __post_init__(self):
        self._task = asyncio.get_running_loop().create_task(self._beat())

    async def _beat(self) -> None:
        while True:
            await self.send()
            await asyncio.sleep(self.interval)

    async def close(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


class Session:  # expect: dangling-task
    def __init__(self, conn):
        self.conn = conn

    async def __aenter__(self):
        asyncio.create_task(self.conn.keepalive())
        return self

    async def __aexit__(self, *exc):
        await self.conn.close()


class SessionKept:  # expect: clean  # near: dangling-task
    def __init__(self, conn):
        self.conn = conn
        self._keepalive: asyncio.Task | None = None

    async def __aenter__(self):
        self._keepalive = asyncio.create_task(self.conn.keepalive())
        return self

    async def __aexit__(self, *exc):
        self._keepalive.cancel()
        await self.conn.close()


def fire_and_forget(fn):  # expect: dangling-task
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        asyncio.ensure_future(fn(*args, **kwargs))

    return wrapper


_BACKGROUND: set = set()


def run_in_background(fn):  # expect: clean  # near: dangling-task
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        task = asyncio.ensure_future(fn(*args, **kwargs))
        _BACKGROUND.add(task)
        task.add_done_callback(_BACKGROUND.discard)
        return task

    return wrapper


class Supervisor:  # expect: clean  # near: dangling-task
    def __init__(self):
        self.children: dict[str, asyncio.Task] = {}

    def spawn(self, name, coro_fn) -> None:
        self.children[name] = asyncio.create_task(coro_fn(), name=name)

    async def stop(self) -> None:
        for task in self.children.values():
            task.cancel()
        await asyncio.gather(*self.children.values(), return_exceptions=True)


class RestartingSupervisor:  # expect: dangling-task
    def __init__(self):
        self.specs: dict[str, object] = {}

    def _on_exit(self, name: str, task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.warning("child %s crashed, restarting", name)
            new = asyncio.get_running_loop().create_task(self.specs[name]())
            new.add_done_callback(functools.partial(self._on_exit, name))


async def start_scheduler(jobs, debug: bool) -> asyncio.Task | None:  # expect: dangling-task
    task = asyncio.create_task(jobs.run_forever())
    if debug:
        return task
    log.info("scheduler running")
    return None


async def start_scheduler_returned(jobs) -> asyncio.Task:  # expect: clean  # near: dangling-task
    task = asyncio.create_task(jobs.run_forever())
    log.info("scheduler %s running", task.get_name())
    return task


class Actor:  # expect: clean  # near: dangling-task
    def __init__(self, system):
        self.system = system
        self.mailbox: asyncio.Queue = asyncio.Queue(maxsize=100)

    def start(self) -> None:
        self.system.tasks.append(asyncio.create_task(self._loop()))

    async def _loop(self) -> None:
        while True:
            msg = await self.mailbox.get()
            await self.receive(msg)

    async def receive(self, msg) -> None:
        pass


class CronLoop:  # expect: dangling-task, ?unbounded-spawn
    def __init__(self, entries):
        self.entries = entries

    @property
    def runner(self) -> asyncio.Task:
        return asyncio.create_task(self._tick())

    async def _tick(self) -> None:
        while True:
            for entry in self.entries:
                if entry.due():
                    asyncio.create_task(entry.run())
            await asyncio.sleep(1)


class Watcher:  # expect: clean  # near: dangling-task
    _task: asyncio.Task | None = None

    def start(self, path) -> None:
        self._task = asyncio.create_task(self._watch(path))

    async def _watch(self, path) -> None:
        await asyncio.sleep(0)


async def hub_broadcast(clients, frame) -> None:  # expect: clean  # near: dangling-task
    async with asyncio.TaskGroup() as tg:
        for ws in list(clients):
            tg.create_task(ws.send_bytes(frame))


async def hub_broadcast_loose(clients, frame) -> None:  # expect: dangling-task
    for ws in list(clients):
        asyncio.get_event_loop().create_task(ws.send_bytes(frame))


class PoolHealth:  # expect: clean  # near: dangling-task
    def __init__(self, pool):
        self.pool = pool
        self.checker = asyncio.create_task(self._check_forever())

    async def _check_forever(self) -> None:
        while True:
            await self.pool.ping_all()
            await asyncio.sleep(30)


async def start_health(pool) -> None:  # expect: dangling-task
    checker = asyncio.ensure_future(pool.check_forever())
    checker.set_name("health")
