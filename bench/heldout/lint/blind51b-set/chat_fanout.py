"""A chat fan-out service: websocket rooms, a broker bridge and push notifications, with the queues and task
limits taken from one settings object."""
from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass, field

import aio_pika
import aioitertools
import culsans
import janus
import websockets
from aiostream import pipe, stream
from pydantic_settings import BaseSettings

log = logging.getLogger("fanout")


class Settings(BaseSettings):  # expect: clean
    outbox_size: int = 256
    history_size: int = 0
    inbound_backlog: int = 1000
    push_concurrency: int = 32
    sensor_backlog: int = 0


SETTINGS = Settings()


class Outbox(asyncio.Queue):  # expect: clean  # near: unbounded-queue
    """One per connected client; a full outbox means a slow client, who is dropped."""

    def __init__(self, settings: Settings = SETTINGS) -> None:
        super().__init__(maxsize=settings.outbox_size)

    def offer(self, msg: str) -> bool:
        try:
            self.put_nowait(msg)
        except asyncio.QueueFull:
            return False
        return True


class RoomHistory(asyncio.Queue):  # expect: unbounded-queue
    """Every message of a room, replayed to late joiners and drained by the archiver."""

    def __init__(self, settings: Settings = SETTINGS) -> None:
        super().__init__(maxsize=settings.history_size)

    def record(self, msg: str) -> None:
        self.put_nowait(msg)


class PriorityOutbox(asyncio.PriorityQueue):  # expect: unbounded-queue
    """System notices jump the queue; every room makes one with the default size."""

    def __init__(self, limit: int | None = None) -> None:
        super().__init__(maxsize=limit or 0)
        self.seq = 0

    def push(self, msg: str, urgent: bool = False) -> None:
        self.seq += 1
        self.put_nowait((0 if urgent else 1, self.seq, msg))


@dataclass
class Room:  # expect: clean
    name: str
    members: dict[str, Outbox] = field(default_factory=dict)
    history: RoomHistory = field(default_factory=RoomHistory)
    notices: PriorityOutbox = field(default_factory=PriorityOutbox)

    def broadcast(self, msg: str) -> list[str]:
        self.history.record(msg)
        return [who for who, box in self.members.items() if not box.offer(msg)]


async def client_writer(ws, box: Outbox) -> None:  # expect: clean
    while True:
        await ws.send(await box.get())


async def room_socket(ws, room: Room, handle) -> None:  # expect: unbounded-spawn
    """Each frame from the client is handled in a task of its own so a slow command does not hold up typing."""
    inflight: set[asyncio.Task] = set()
    async for frame in ws:
        task = asyncio.create_task(handle(room, frame))
        inflight.add(task)
        task.add_done_callback(inflight.discard)


async def room_socket_bounded(ws, room: Room, handle) -> None:  # expect: clean  # near: unbounded-spawn
    slots = asyncio.Semaphore(SETTINGS.push_concurrency)
    inflight: set[asyncio.Task] = set()

    async def one(frame) -> None:
        try:
            await handle(room, frame)
        finally:
            slots.release()

    async for frame in ws:
        await slots.acquire()
        task = asyncio.create_task(one(frame))
        inflight.add(task)
        task.add_done_callback(inflight.discard)


async def room_socket_group(ws, room: Room, handle) -> None:  # expect: unbounded-spawn
    """The task group waits for the frames' handlers when the socket closes."""
    async with asyncio.TaskGroup() as tg:
        async for frame in ws:
            tg.create_task(handle(room, frame))


async def room_socket_group_bounded(ws, room: Room, handle) -> None:  # expect: clean  # near: unbounded-spawn
    limit = asyncio.BoundedSemaphore(SETTINGS.push_concurrency)

    async def one(frame) -> None:
        try:
            await handle(room, frame)
        finally:
            limit.release()

    async with asyncio.TaskGroup() as tg:
        async for frame in ws:
            await limit.acquire()
            tg.create_task(one(frame))


async def room_socket_inline(ws, room: Room, handle) -> None:  # expect: clean  # near: unbounded-spawn
    async for frame in ws:
        await handle(room, frame)


class BrokerBridge:  # expect: unbounded-spawn
    """Messages from the `chat.inbound` exchange; aio-pika calls on_message for each, auto-acked."""

    def __init__(self, url: str, rooms: dict[str, Room]) -> None:
        self.url = url
        self.rooms = rooms
        self.tasks: set[asyncio.Task] = set()

    async def start(self) -> None:
        conn = await aio_pika.connect_robust(self.url)
        channel = await conn.channel()
        queue = await channel.declare_queue("chat.inbound", durable=True)
        await queue.consume(self.on_message, no_ack=True)

    async def on_message(self, message: aio_pika.abc.AbstractIncomingMessage) -> None:
        task = asyncio.create_task(self.deliver(message.routing_key, message.body.decode()))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def deliver(self, room: str, text: str) -> None:
        if room in self.rooms:
            await asyncio.sleep(0)
            self.rooms[room].broadcast(text)


class BrokerBridgePrefetch:  # expect: clean  # near: unbounded-spawn
    """Each message is acked by its task when delivered; the broker keeps at most 50 unacked in flight."""

    def __init__(self, url: str, rooms: dict[str, Room]) -> None:
        self.url = url
        self.rooms = rooms
        self.tasks: set[asyncio.Task] = set()

    async def run(self) -> None:
        conn = await aio_pika.connect_robust(self.url)
        channel = await conn.channel()
        await channel.set_qos(prefetch_count=50)
        queue = await channel.declare_queue("chat.inbound", durable=True)
        async with queue.iterator() as messages:
            async for message in messages:
                task = asyncio.create_task(self.deliver(message))
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)

    async def deliver(self, message) -> None:
        async with message.process():
            room = self.rooms.get(message.routing_key)
            if room:
                room.broadcast(message.body.decode())


class InboundBuffer:  # expect: unbounded-queue
    """Frames from the legacy TCP relay, read on a thread and handed to the loop through a janus queue."""

    def __init__(self, sock) -> None:
        self.sock = sock
        self.frames: janus.Queue[bytes] = janus.Queue()
        self.thread = threading.Thread(target=self._read, daemon=True)

    def _read(self) -> None:
        while True:
            data = self.sock.recv(4096)
            if not data:
                break
            self.frames.sync_q.put(data)

    async def frames_forever(self):
        while True:
            yield await self.frames.async_q.get()


class InboundBufferBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, sock, settings: Settings = SETTINGS) -> None:
        self.sock = sock
        self.frames: janus.Queue[bytes] = janus.Queue(maxsize=settings.inbound_backlog)
        self.thread = threading.Thread(target=self._read, daemon=True)

    def _read(self) -> None:
        while True:
            data = self.sock.recv(4096)
            if not data:
                break
            self.frames.sync_q.put(data)

    async def frames_forever(self):
        while True:
            yield await self.frames.async_q.get()


class SensorFeed:  # expect: unbounded-queue
    """Presence sensors in the office: a culsans queue sized from the settings, 0 unless someone sets it."""

    def __init__(self, reader, settings: Settings = SETTINGS) -> None:
        self.reader = reader
        self.events = culsans.Queue(maxsize=settings.sensor_backlog)

    def pump(self) -> None:
        for event in self.reader.events():
            self.events.sync_q.put(event)

    async def start(self) -> None:
        await asyncio.to_thread(self.pump)


class SensorFeedBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, reader, backlog: int = 500) -> None:
        self.reader = reader
        self.events = culsans.Queue(maxsize=backlog)

    def pump(self) -> None:
        for event in self.reader.events():
            self.events.sync_q.put(event)

    async def start(self) -> None:
        await asyncio.to_thread(self.pump)


async def push_notifications(subscription, send_push) -> None:  # expect: unbounded-spawn
    """Mobile pushes for offline members: each broker message becomes a push, sent concurrently."""
    pushes = stream.iterate(subscription) | pipe.map(send_push)
    async with pushes.stream() as results:
        async for outcome in results:
            log.debug("push: %s", outcome)


async def push_notifications_limited(subscription, send_push) -> None:  # expect: clean  # near: unbounded-spawn
    pushes = stream.iterate(subscription) | pipe.map(send_push, task_limit=SETTINGS.push_concurrency)
    async with pushes.stream() as results:
        async for outcome in results:
            log.debug("push: %s", outcome)


async def notify_members(members: list[str], send_push) -> list:  # expect: clean  # near: unbounded-spawn
    return await aioitertools.asyncio.gather(*(send_push(m) for m in members), limit=SETTINGS.push_concurrency)


class Archiver:  # expect: clean
    def __init__(self, rooms: dict[str, Room], store) -> None:
        self.rooms = rooms
        self.store = store

    async def run(self) -> None:
        while True:
            for room in list(self.rooms.values()):
                while not room.history.empty():
                    await self.store.append(room.name, room.history.get_nowait())
            await asyncio.sleep(5)


class Presence:  # expect: dangling-task
    def __init__(self, rooms: dict[str, Room]) -> None:
        self.rooms = rooms

    async def joined(self, room: Room, who: str, box: Outbox) -> None:
        room.members[who] = box
        asyncio.ensure_future(self._announce(room, f"{who} joined"))

    async def _announce(self, room: Room, text: str) -> None:
        await asyncio.sleep(0.1)
        room.notices.push(text, urgent=True)


class PresenceKept:  # expect: clean  # near: dangling-task
    def __init__(self, rooms: dict[str, Room]) -> None:
        self.rooms = rooms
        self.announcements: set[asyncio.Task] = set()

    async def joined(self, room: Room, who: str, box: Outbox) -> None:
        room.members[who] = box
        t = asyncio.ensure_future(self._announce(room, f"{who} joined"))
        self.announcements.add(t)
        t.add_done_callback(self.announcements.discard)

    async def _announce(self, room: Room, text: str) -> None:
        await asyncio.sleep(0.1)
        room.notices.push(text, urgent=True)


async def serve_client(ws, room: Room, who: str) -> None:  # expect: cancellation-swallowed
    box = Outbox()
    room.members[who] = box
    writer = asyncio.create_task(client_writer(ws, box))
    try:
        async for frame in ws:
            room.broadcast(f"{who}: {frame}")
    except (websockets.ConnectionClosed, asyncio.CancelledError):
        log.info("%s left", who)
    finally:
        room.members.pop(who, None)
        writer.cancel()
    await asyncio.sleep(0)
    room.notices.push(f"{who} left")


async def serve_client_clean(ws, room: Room, who: str) -> None:  # expect: clean  # near: cancellation-swallowed
    box = Outbox()
    room.members[who] = box
    writer = asyncio.create_task(client_writer(ws, box))
    try:
        async for frame in ws:
            room.broadcast(f"{who}: {frame}")
    except websockets.ConnectionClosed:
        log.info("%s left", who)
    finally:
        room.members.pop(who, None)
        writer.cancel()
        try:
            await writer
        except asyncio.CancelledError:
            pass
    room.notices.push(f"{who} left")
