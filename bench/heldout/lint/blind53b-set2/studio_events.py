"""The studio's event hub: door sensors on threads, an asyncio hub that fans events out to screens."""
from __future__ import annotations

import asyncio
import functools
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Awaitable, Callable, ClassVar, Final, Optional

log = logging.getLogger("studio")

STOP: asyncio.Event
DOORS_CLOSED: threading.Event = threading.Event()
MAIN_LOOP: Optional[asyncio.AbstractEventLoop] = None


async def install_loop() -> None:  # expect: clean
    global MAIN_LOOP, STOP
    MAIN_LOOP = asyncio.get_running_loop()
    STOP = asyncio.Event()


def on_door_alarm(door: str) -> None:  # expect: thread-unsafe-capture
    """Called by the door controller's SDK on its own thread."""
    log.warning("door %s forced", door)
    STOP.set()


def on_door_alarm_threadsafe(door: str) -> None:  # expect: clean  # near: thread-unsafe-capture
    """Called by the door controller's SDK on its own thread."""
    log.warning("door %s forced", door)
    if MAIN_LOOP is not None:
        MAIN_LOOP.call_soon_threadsafe(STOP.set)


def on_doors_closed() -> None:  # expect: clean  # near: thread-unsafe-capture
    DOORS_CLOSED.set()


def watch_doors(sdk) -> None:  # expect: clean
    threading.Thread(target=sdk.listen, kwargs={"on_alarm": on_door_alarm}, daemon=True).start()
    threading.Thread(target=sdk.listen, kwargs={"on_alarm": on_door_alarm_threadsafe}, daemon=True).start()
    threading.Thread(target=sdk.listen, kwargs={"on_closed": on_doors_closed}, daemon=True).start()


async def schedule_chime(room: str) -> None:  # expect: dangling-task
    assert MAIN_LOOP is not None
    MAIN_LOOP.create_task(chime(room))


async def chime(room: str) -> None:  # expect: clean
    await asyncio.sleep(0)


class Screens:  # expect: lock-across-await
    _registry_lock: ClassVar[threading.Lock] = threading.Lock()
    _screens: ClassVar[dict[str, object]] = {}

    @classmethod
    async def register(cls, name: str, screen) -> None:
        with cls._registry_lock:
            await screen.handshake()
            cls._screens[name] = screen


class AsyncScreens:  # expect: clean  # near: lock-across-await
    _registry_lock: ClassVar[asyncio.Lock] = asyncio.Lock()
    _screens: ClassVar[dict[str, object]] = {}

    @classmethod
    async def register(cls, name: str, screen) -> None:
        async with cls._registry_lock:
            await screen.handshake()
            cls._screens[name] = screen


class Rooms:  # expect: lock-across-await
    def __init__(self, locks: Mapping[str, threading.Lock]) -> None:
        self.locks: Final = locks

    async def broadcast(self, text: str, send) -> None:
        for room, lock in self.locks.items():
            with lock:
                await send(room, text)


class AsyncRooms:  # expect: clean  # near: lock-across-await
    def __init__(self, locks: Mapping[str, asyncio.Lock]) -> None:
        self.locks: Final = locks

    async def broadcast(self, text: str, send) -> None:
        for room, lock in self.locks.items():
            async with lock:
                await send(room, text)


class Kiosk:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.on_close: Optional[Callable[[], Awaitable[None]]] = None

    async def close(self) -> None:
        if self.on_close is not None:
            self.on_close()
        log.info("kiosk closed")


class SyncKiosk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self.on_close: Optional[Callable[[], None]] = None

    async def close(self) -> None:
        if self.on_close is not None:
            self.on_close()
        log.info("kiosk closed")


async def notify_screen(screen: str, text: str) -> None:  # expect: clean
    await asyncio.sleep(0)


async def notify_all(screens: list[str], text: str) -> None:  # expect: unawaited-coroutine
    send = functools.partial(notify_screen, text=text)
    for screen in screens:
        send(screen)


async def notify_all_ok(screens: list[str], text: str) -> None:  # expect: clean  # near: unawaited-coroutine
    send = functools.partial(notify_screen, text=text)
    for screen in screens:
        await send(screen)


@dataclass
class Hub:  # expect: unbounded-queue
    subscribers: dict[str, asyncio.Queue[str]] = field(default_factory=dict)

    def subscribe(self, name: str) -> asyncio.Queue[str]:
        queue: asyncio.Queue[str] = asyncio.Queue()
        self.subscribers[name] = queue
        return queue

    async def publish(self, text: str) -> None:
        for queue in self.subscribers.values():
            queue.put_nowait(text)


@dataclass
class BoundedHub:  # expect: clean  # near: unbounded-queue
    subscribers: dict[str, asyncio.Queue[str]] = field(default_factory=dict)

    def subscribe(self, name: str) -> asyncio.Queue[str]:
        queue: asyncio.Queue[str] = asyncio.Queue(maxsize=50)
        self.subscribers[name] = queue
        return queue

    async def publish(self, text: str) -> None:
        for queue in self.subscribers.values():
            if not queue.full():
                queue.put_nowait(text)


class Presence:  # expect: dangling-task
    def __init__(self) -> None:
        self.tasks: dict[str, asyncio.Task[None]] = {}

    async def arrive(self, who: str) -> None:
        self.tasks[who] = asyncio.create_task(chime(who))

    async def leave(self, who: str) -> None:
        self.tasks.pop(who, None)
        asyncio.ensure_future(chime(f"bye {who}"))


class KeptPresence:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self.tasks: dict[str, asyncio.Task[None]] = {}

    async def arrive(self, who: str) -> None:
        self.tasks[who] = asyncio.create_task(chime(who))

    async def leave(self, who: str) -> None:
        task = self.tasks.pop(who, None)
        if task is not None:
            task.cancel()
