"""Game lobby server: per-session background tasks and their bookkeeping."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from asyncio import ensure_future

log = logging.getLogger("lobby")
_keep: set[asyncio.Task] = set()


async def heartbeat(session) -> None:  # expect: clean
    while True:
        await session.ping()
        await asyncio.sleep(15)


class Lobby:  # expect: dangling-task
    def __init__(self) -> None:
        self.live: weakref.WeakSet[asyncio.Task] = weakref.WeakSet()

    async def join(self, session) -> None:
        task = asyncio.create_task(heartbeat(session))
        self.live.add(task)


class StrongLobby:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self.live: set[asyncio.Task] = set()

    async def join(self, session) -> None:
        task = asyncio.create_task(heartbeat(session))
        self.live.add(task)
        task.add_done_callback(self.live.discard)


class Session:  # expect: clean  # near: dangling-task
    def __init__(self, conn) -> None:
        self.conn = conn
        self._hb: asyncio.Task | None = None

    async def start(self) -> None:
        self._hb = asyncio.create_task(heartbeat(self))

    async def ping(self) -> None:
        await self.conn.send(b"ping")

    async def stop(self) -> None:
        if self._hb:
            self._hb.cancel()


async def start_all(sessions: list) -> dict:  # expect: clean  # near: dangling-task
    tasks = {s.id: asyncio.create_task(heartbeat(s)) for s in sessions}
    return tasks


async def start_all_dropped(sessions: list) -> None:  # expect: dangling-task
    {s.id: asyncio.create_task(heartbeat(s)) for s in sessions}
    log.info("started %d heartbeats", len(sessions))


async def start_all_list_dropped(sessions: list) -> int:  # expect: dangling-task
    [asyncio.ensure_future(heartbeat(s)) for s in sessions]
    return len(sessions)


async def kick(session, reason: str) -> None:  # expect: dangling-task
    ensure_future(session.conn.send(reason.encode()))
    await session.stop()


async def kick_ok(session, reason: str) -> None:  # expect: clean  # near: dangling-task
    t = ensure_future(session.conn.send(reason.encode()))
    _keep.add(t)
    t.add_done_callback(_keep.discard)
    await session.stop()


async def reconnect(session, backoff: float) -> None:  # expect: dangling-task
    loop = asyncio.get_running_loop()
    loop.create_task(session.start()) if backoff == 0 else loop.call_later(backoff, session.restart)


async def broadcast(sessions, msg: bytes) -> None:  # expect: clean  # near: dangling-task
    async with asyncio.TaskGroup() as tg:
        for s in sessions:
            tg.create_task(s.conn.send(msg))


async def spawn_saver(state) -> asyncio.Task:  # expect: clean  # near: dangling-task
    return asyncio.create_task(state.save())


async def save_later(state) -> None:  # expect: dangling-task
    saver = asyncio.create_task(state.save())
    log.debug("save scheduled")
    with contextlib.suppress(Exception):
        await state.flush()


class Matchmaker:  # expect: dangling-task
    def __init__(self, queue) -> None:
        self.queue = queue

    async def on_join(self, player) -> None:
        await self.queue.push(player)
        asyncio.get_running_loop().create_task(self._try_match())

    async def _try_match(self) -> None:
        await self.queue.pop_pair()


class FakeLoop:  # expect: clean  # near: dangling-task
    """Test double: create_task only records the coroutine's name and closes it."""

    def __init__(self) -> None:
        self.created: list[str] = []

    def create_task(self, coro) -> None:
        self.created.append(coro.__qualname__)
        coro.close()


async def use_fake(loop: FakeLoop, state) -> None:  # expect: clean  # near: dangling-task
    loop.create_task(state.save())


async def with_done_logging(state) -> None:  # expect: dangling-task
    t = asyncio.create_task(state.save())
    t.add_done_callback(lambda f: log.info("saved: %s", f.exception()))
