"""A multiplayer game server and its admin tools, mid-way through a move from threads to asyncio."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import signal
import weakref
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Optional

log = logging.getLogger("game")


async def broadcast(room: str, payload: dict) -> int:  # expect: clean
    await asyncio.sleep(0)
    return 1


async def persist(state: dict) -> None:  # expect: clean
    await asyncio.sleep(0)


class Room:  # expect: unawaited-coroutine
    def __init__(self, name: str):
        self.name = name
        self.players: set[str] = set()

    async def announce(self, text: str) -> None:
        await broadcast(self.name, {"text": text})

    def add(self, player: str) -> None:
        self.players.add(player)
        self.announce(f"{player} joined")


class RoomOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, name: str):
        self.name = name
        self.players: set[str] = set()
        self._tasks: set[asyncio.Task] = set()

    async def announce(self, text: str) -> None:
        await broadcast(self.name, {"text": text})

    def add(self, player: str) -> None:
        self.players.add(player)
        t = asyncio.get_running_loop().create_task(self.announce(f"{player} joined"))
        self._tasks.add(t)
        t.add_done_callback(self._tasks.discard)


async def end_round(rooms: list[Room], scores: dict) -> None:  # expect: unawaited-coroutine
    for r in rooms:
        await r.announce("round over")
    persist(scores) if scores else log.info("no scores")


async def end_round_ok(rooms: list[Room], scores: dict) -> None:  # expect: clean  # near: unawaited-coroutine
    for r in rooms:
        await r.announce("round over")
    if scores:
        await persist(scores)


async def tick(world) -> None:  # expect: unawaited-coroutine
    world.step()
    with contextlib.suppress(Exception):
        broadcast("lobby", world.snapshot())


async def save_all(states: list[dict]) -> None:  # expect: unawaited-coroutine
    for s in states:
        _ = persist(s)


async def save_all_ok(states: list[dict]) -> None:  # expect: clean  # near: unawaited-coroutine
    await asyncio.gather(*(persist(s) for s in states))


async def kick(room: Room, player: str) -> bool:  # expect: unawaited-coroutine
    sent = broadcast(room.name, {"kick": player})
    if sent:
        room.players.discard(player)
    return True


class Match:  # expect: unawaited-coroutine
    def __init__(self, room: Room):
        self.room = room

    async def start(self) -> None:
        await self.room.announce("go!")

    async def __aenter__(self):
        self.start()
        return self

    async def __aexit__(self, *exc):
        await self.room.announce("match over")


class MatchOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, room: Room):
        self.room = room

    def start(self) -> None:
        log.info("match in %s", self.room.name)

    async def __aenter__(self):
        self.start()
        return self

    async def __aexit__(self, *exc):
        await self.room.announce("match over")


async def shout(rooms: list[Room], text: str) -> None:  # expect: unawaited-coroutine
    for coro in [r.announce(text) for r in rooms]:
        log.debug("queued %r", coro)


async def shout_ok(rooms: list[Room], text: str) -> None:  # expect: clean  # near: unawaited-coroutine
    pending = [r.announce(text) for r in rooms]
    for coro in pending:
        await coro


@dataclass
class Hooks:  # expect: clean
    on_join: Callable[[str], Awaitable[None]]
    on_leave: Callable[[str], Awaitable[None]]


async def welcome(player: str) -> None:  # expect: clean
    await broadcast("lobby", {"welcome": player})


async def player_joined(hooks: Hooks, player: str) -> None:  # expect: unawaited-coroutine
    hooks.on_join(player)
    log.info("%s joined", player)


async def player_joined_ok(hooks: Hooks, player: str) -> None:  # expect: clean  # near: unawaited-coroutine
    await hooks.on_join(player)
    log.info("%s joined", player)


def install_signals(loop: asyncio.AbstractEventLoop, state: dict) -> None:  # expect: unawaited-coroutine
    loop.add_signal_handler(signal.SIGUSR1, functools.partial(persist, state))


def install_signals_ok(loop: asyncio.AbstractEventLoop, state: dict) -> None:  # expect: dangling-task  # near: unawaited-coroutine
    loop.add_signal_handler(signal.SIGUSR1, lambda: loop.create_task(persist(state)))


class Lobby:  # expect: unawaited-coroutine
    def __init__(self):
        self.rooms: dict[str, Room] = {}

    async def close_room(self, name: str) -> None:
        room = self.rooms.pop(name)
        await room.announce("closing")

    async def close_all(self) -> None:
        for name in list(self.rooms):
            self.close_room(name)


class LobbyOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self):
        self.rooms: dict[str, Room] = {}

    def close_room(self, name: str) -> Room:
        return self.rooms.pop(name)

    async def close_all(self) -> None:
        for name in list(self.rooms):
            room = self.close_room(name)
            await room.announce("closing")


async def chat_command(cmd: str, room: Room) -> Optional[str]:  # expect: unawaited-coroutine
    if cmd == "/save":
        return persist({"room": room.name}) and "saved"
    return None


async def ping_all(rooms: list[Room]) -> int:  # expect: unawaited-coroutine
    total = 0
    for r in rooms:
        total += broadcast(r.name, {"ping": True}) or 0
    return total


async def ping_all_ok(rooms: list[Room]) -> int:  # expect: clean  # near: unawaited-coroutine
    total = 0
    for r in rooms:
        total += await broadcast(r.name, {"ping": True}) or 0
    return total


class Replay:  # expect: unawaited-coroutine
    def __init__(self, frames: list[dict]):
        self.frames = frames

    async def __aiter__(self):
        for f in self.frames:
            yield f

    async def play(self, room: Room) -> None:
        async for frame in self:
            broadcast(room.name, frame)


async def finalize(state: dict, done: Callable[[], Any]) -> None:  # expect: clean  # near: unawaited-coroutine
    await persist(state)
    done()


async def with_retry(op: Callable[[], Awaitable[int]], tries: int = 3) -> int:  # expect: clean
    for i in range(tries):
        try:
            return await op()
        except ConnectionError:
            await asyncio.sleep(0.1 * i)
    raise ConnectionError


async def resend(room: Room, payload: dict) -> int:  # expect: clean  # near: unawaited-coroutine
    # the lambda's coroutine is awaited by with_retry
    return await with_retry(lambda: broadcast(room.name, payload))


async def resend_wrong(room: Room, payload: dict) -> None:  # expect: unawaited-coroutine
    with_retry(lambda: broadcast(room.name, payload))


class Scoreboard:  # expect: unawaited-coroutine
    def __init__(self):
        self.scores: dict[str, int] = {}
        self._watchers: "weakref.WeakSet" = weakref.WeakSet()

    async def push(self, player: str) -> None:
        await broadcast("scores", {player: self.scores[player]})

    def bump(self, player: str, n: int = 1) -> None:
        self.scores[player] = self.scores.get(player, 0) + n
        asyncio.get_event_loop().call_soon(self.push, player)


async def admin_shell(reader: asyncio.StreamReader, lobby: Lobby) -> None:  # expect: unawaited-coroutine
    while line := await reader.readline():
        cmd = line.decode().strip()
        if cmd == "closeall":
            lobby.close_all()
        elif cmd == "quit":
            break


async def admin_shell_ok(reader: asyncio.StreamReader, lobby: Lobby) -> None:  # expect: clean  # near: unawaited-coroutine
    while line := await reader.readline():
        cmd = line.decode().strip()
        if cmd == "closeall":
            await lobby.close_all()
        elif cmd == "quit":
            break
