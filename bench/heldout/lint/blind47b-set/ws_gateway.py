"""A websocket gateway in front of a lockstep game server: sessions, rooms, matchmaking and the tick loop."""
from __future__ import annotations

import asyncio
import json
import logging
import signal
import weakref

import websockets
from websockets.exceptions import ConnectionClosed

log = logging.getLogger("gateway")

TICK = 1 / 30
SEND_BUFFER = 64
MATCH_BACKLOG = 2048


class Session:  # expect: unbounded-queue
    """One connected player; rooms call deliver() for every frame they fan out."""

    def __init__(self, ws, player_id: str) -> None:
        self.ws = ws
        self.player_id = player_id
        self.outbox: asyncio.Queue[str] = asyncio.Queue()

    def deliver(self, frame: dict) -> None:
        self.outbox.put_nowait(json.dumps(frame))

    async def pump(self) -> None:
        while True:
            frame = await self.outbox.get()
            await self.ws.send(frame)


class SessionBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, ws, player_id: str) -> None:
        self.ws = ws
        self.player_id = player_id
        self.outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=SEND_BUFFER)

    def deliver(self, frame: dict) -> None:
        try:
            self.outbox.put_nowait(json.dumps(frame))
        except asyncio.QueueFull:
            log.warning("%s is too slow, dropping the connection", self.player_id)
            asyncio.get_running_loop().call_soon(self.ws.transport.abort)

    async def pump(self) -> None:
        while True:
            await self.ws.send(await self.outbox.get())


async def handle_socket(ws, rooms: dict) -> None:  # expect: dangling-task
    hello = json.loads(await ws.recv())
    session = Session(ws, hello["player"])
    writer = asyncio.create_task(session.pump())
    room = rooms.setdefault(hello["room"], set())
    room.add(session)
    try:
        async for raw in ws:
            for other in room:
                other.deliver({"from": session.player_id, "body": json.loads(raw)})
    except ConnectionClosed:
        log.info("%s left", session.player_id)
    finally:
        room.discard(session)


async def handle_socket_joined(ws, rooms: dict) -> None:  # expect: clean  # near: dangling-task
    hello = json.loads(await ws.recv())
    session = SessionBounded(ws, hello["player"])
    writer = asyncio.create_task(session.pump())
    room = rooms.setdefault(hello["room"], set())
    room.add(session)
    try:
        async for raw in ws:
            for other in room:
                other.deliver({"from": session.player_id, "body": json.loads(raw)})
    finally:
        room.discard(session)
        writer.cancel()
        await asyncio.gather(writer, return_exceptions=True)


class Room:  # expect: dangling-task
    def __init__(self, name: str) -> None:
        self.name = name
        self.members: set = set()

    async def broadcast(self, frame: str) -> None:
        [asyncio.create_task(m.ws.send(frame)) for m in self.members]


class RoomGathered:  # expect: clean  # near: dangling-task
    def __init__(self, name: str) -> None:
        self.name = name
        self.members: set = set()

    async def broadcast(self, frame: str) -> None:
        results = await asyncio.gather(*[m.ws.send(frame) for m in self.members], return_exceptions=True)
        for member, result in zip(list(self.members), results):
            if isinstance(result, ConnectionClosed):
                self.members.discard(member)


class TickLoop:  # expect: cancellation-swallowed
    def __init__(self, world, room: RoomGathered) -> None:
        self.world = world
        self.room = room
        self.running = True

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while self.running:
            started = loop.time()
            self.world.step(TICK)
            try:
                await self.room.broadcast(json.dumps(self.world.snapshot()))
            except (ConnectionClosed, asyncio.CancelledError):
                log.debug("a client went away mid-broadcast")
            await asyncio.sleep(max(0.0, TICK - (loop.time() - started)))


class TickLoopStoppable:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, world, room: RoomGathered) -> None:
        self.world = world
        self.room = room

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            self.world.step(TICK)
            try:
                await self.room.broadcast(json.dumps(self.world.snapshot()))
            except asyncio.CancelledError:
                self.world.freeze()
                raise
            except ConnectionClosed:
                log.debug("a client went away mid-broadcast")
            await asyncio.sleep(max(0.0, TICK - (loop.time() - started)))


class Lobby:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.waiting: list = []

    async def kick_idle(self, session) -> bool:
        if session.idle_for() > 60:
            await session.ws.close(code=4000, reason="idle")
            return True
        return False

    async def sweep(self) -> None:
        for session in list(self.waiting):
            if self.kick_idle(session):
                self.waiting.remove(session)


class PlayerRoster:  # expect: clean
    def __init__(self) -> None:
        self.sessions: dict[str, Session] = {}

    def kick_idle(self, session) -> bool:
        if session.idle_for() > 60:
            self.sessions.pop(session.player_id, None)
            return True
        return False


class LobbyWithRoster:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self.roster = PlayerRoster()

    async def sweep(self) -> None:
        for session in list(self.roster.sessions.values()):
            if self.roster.kick_idle(session):
                await session.ws.close(code=4000, reason="idle")


async def relay_until_closed(upstream, downstream) -> int:  # expect: cancellation-swallowed
    relayed = 0
    try:
        async for message in upstream:
            await downstream.send(message)
            relayed += 1
    finally:
        log.info("relay ended after %d messages", relayed)
        return relayed


async def relay_counted(upstream, downstream) -> int:  # expect: clean  # near: cancellation-swallowed
    relayed = 0
    try:
        async for message in upstream:
            await downstream.send(message)
            relayed += 1
    finally:
        log.info("relay ended after %d messages", relayed)
    return relayed


def install_drain_on_signal(stop: asyncio.Event) -> None:  # expect: thread-unsafe-capture
    def handler(signum, frame) -> None:
        log.warning("signal %d: draining sessions", signum)
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def install_drain_on_loop(stop: asyncio.Event) -> None:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)


class MatchQueue:  # expect: unbounded-queue
    def __init__(self, pubsub) -> None:
        self._pubsub = pubsub
        self._pending: asyncio.PriorityQueue[tuple[int, str]] = asyncio.PriorityQueue()

    async def listen(self) -> None:
        async for msg in self._pubsub.listen():
            if msg["type"] != "message":
                continue
            req = json.loads(msg["data"])
            await self._pending.put((-req["rating"], req["player"]))

    async def next_pair(self) -> tuple[str, str]:
        _, a = await self._pending.get()
        _, b = await self._pending.get()
        return a, b


class MatchQueueBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, pubsub) -> None:
        self._pubsub = pubsub
        self._pending: asyncio.PriorityQueue[tuple[int, str]] = asyncio.PriorityQueue(MATCH_BACKLOG)

    async def listen(self) -> None:
        async for msg in self._pubsub.listen():
            if msg["type"] == "message":
                req = json.loads(msg["data"])
                await self._pending.put((-req["rating"], req["player"]))

    async def next_pair(self) -> tuple[str, str]:
        _, a = await self._pending.get()
        _, b = await self._pending.get()
        return a, b


async def kick(session, reason: str, graceful: bool) -> None:  # expect: dangling-task
    log.info("kicking %s: %s", session.player_id, reason)
    asyncio.create_task(session.ws.close(code=4001, reason=reason)) if graceful else session.ws.transport.abort()


async def kick_awaited(session, reason: str, graceful: bool) -> None:  # expect: clean  # near: dangling-task
    log.info("kicking %s: %s", session.player_id, reason)
    if graceful:
        await asyncio.wait_for(session.ws.close(code=4001, reason=reason), 5)
    else:
        session.ws.transport.abort()


class SpectatorFeed:  # expect: dangling-task
    def __init__(self) -> None:
        self._streams: weakref.WeakSet[asyncio.Task] = weakref.WeakSet()

    def watch(self, ws, match) -> None:
        task = asyncio.create_task(self._stream(ws, match))
        self._streams.add(task)

    async def _stream(self, ws, match) -> None:
        async for frame in match.frames():
            await ws.send(frame)


class SpectatorFeedKept:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self._streams: dict[object, asyncio.Task] = {}

    def watch(self, ws, match) -> None:
        task = asyncio.create_task(self._stream(ws, match))
        self._streams[ws] = task
        task.add_done_callback(lambda _t: self._streams.pop(ws, None))

    async def _stream(self, ws, match) -> None:
        async for frame in match.frames():
            await ws.send(frame)


async def serve(rooms: dict, port: int) -> None:  # expect: clean
    async with websockets.serve(lambda ws: handle_socket_joined(ws, rooms), "0.0.0.0", port):
        stop = asyncio.Event()
        install_drain_on_loop(stop)
        await stop.wait()


async def supervise_world(world, room: RoomGathered) -> None:  # expect: dangling-task
    def restart(task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("tick loop died, restarting", exc_info=task.exception())
            asyncio.create_task(TickLoopStoppable(world, room).run()).add_done_callback(restart)

    asyncio.create_task(TickLoopStoppable(world, room).run()).add_done_callback(restart)
    await world.closed.wait()
