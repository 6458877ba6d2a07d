"""Live seat-map updates for the booking pages: channels per show and per client, and the fan-out."""
from __future__ import annotations

import asyncio
import socket


class Limits:  # expect: clean
    SEATMAP_BACKLOG = 0
    CLIENT_BACKLOG = 64


class SeatmapChannel:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.updates: asyncio.Queue[dict] = asyncio.Queue(maxsize=Limits.SEATMAP_BACKLOG)

    async def follow(self, db) -> None:
        async for change in db.listen("seat_changes"):
            await self.updates.put(change)


class ClientChannel:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.updates: asyncio.Queue[dict] = asyncio.Queue(maxsize=Limits.CLIENT_BACKLOG)

    async def follow(self, db) -> None:
        async for change in db.listen("seat_changes"):
            await self.updates.put(change)


class ShowFeed:  # expect: unbounded-queue
    def __init__(self, inbox: asyncio.Queue) -> None:
        self.inbox = inbox

    @classmethod
    def create(cls) -> "ShowFeed":
        return cls(asyncio.Queue())

    async def pump(self, sub) -> None:
        async for msg in sub:
            self.inbox.put_nowait(msg)


class ShowFeedSized:  # expect: clean  # near: unbounded-queue
    def __init__(self, inbox: asyncio.Queue) -> None:
        self.inbox = inbox

    @classmethod
    def create(cls, backlog: int = 0) -> "ShowFeedSized":
        return cls(asyncio.Queue(max(1, backlog) * 100))

    async def pump(self, sub) -> None:
        async for msg in sub:
            await self.inbox.put(msg)


class Fanout:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.clients: dict[str, asyncio.Queue] = {}

    def join(self, client_id: str) -> asyncio.Queue:
        self.clients[client_id] = asyncio.Queue()
        return self.clients[client_id]

    async def broadcast_forever(self, source) -> None:
        while True:
            update = await source.get()
            for q in self.clients.values():
                q.put_nowait(update)


class FanoutDropOldest:  # expect: clean  # near: unbounded-queue
    def __init__(self, depth: int = 32) -> None:
        self.depth = depth
        self.clients: dict[str, asyncio.Queue] = {}

    def join(self, client_id: str) -> asyncio.Queue:
        self.clients[client_id] = asyncio.Queue(self.depth)
        return self.clients[client_id]

    async def broadcast_forever(self, source) -> None:
        while True:
            update = await source.get()
            for q in self.clients.values():
                if q.full():
                    q.get_nowait()
                q.put_nowait(update)


async def accept_loop(sock: socket.socket, handle) -> None:  # expect: unbounded-spawn
    loop = asyncio.get_running_loop()
    conns: set[asyncio.Task] = set()
    while True:
        conn, _addr = await loop.sock_accept(sock)
        task = loop.create_task(handle(conn))
        conns.add(task)
        task.add_done_callback(conns.discard)


async def accept_loop_capped(sock: socket.socket, handle, cap: int = 200) -> None:  # expect: clean  # near: unbounded-spawn
    loop = asyncio.get_running_loop()
    conns: set[asyncio.Task] = set()
    while True:
        conn, _addr = await loop.sock_accept(sock)
        if len(conns) >= cap:
            conn.close()
            continue
        task = loop.create_task(handle(conn))
        conns.add(task)
        task.add_done_callback(conns.discard)


async def refresh_shows(shows: list, refresh) -> None:  # expect: clean, ?unbounded-spawn  # near: unbounded-spawn
    await asyncio.gather(*(refresh(s) for s in shows))


async def relay_changes(db, publish) -> None:  # expect: unbounded-spawn
    inflight: set[asyncio.Task] = set()
    async for change in db.listen("seat_changes"):
        t = asyncio.ensure_future(publish(change))
        inflight.add(t)
        t.add_done_callback(inflight.discard)


async def relay_changes_ordered(db, publish) -> None:  # expect: clean  # near: unbounded-spawn
    async for change in db.listen("seat_changes"):
        await publish(change)
