"""Matchmaking and live matches."""
from __future__ import annotations

import asyncio
import logging
import random
import weakref
from collections import deque

from websockets.asyncio.server import ServerConnection, broadcast

from . import LeaderboardStore, sync_redis

log = logging.getLogger("arena")


async def record_win(store: LeaderboardStore, season: int, player: str) -> float:  # expect: clean  # near: blocking-call
    return await store.live.zincrby(store.key(season), 1, player)


async def record_win_legacy(store: LeaderboardStore, season: int, player: str) -> float:  # expect: blocking-call
    return store.sync.zincrby(store.key(season), 1, player)


async def top_ten(store: LeaderboardStore, season: int) -> list[tuple[str, float]]:  # expect: blocking-call
    return sync_redis().zrevrange(store.key(season), 0, 9, withscores=True)


async def top_ten_offloaded(store: LeaderboardStore, season: int) -> list[tuple[str, float]]:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(store.sync.zrevrange, store.key(season), 0, 9, withscores=True)


async def settle_match(store: LeaderboardStore, season: int, scores: dict[str, int]) -> None:  # expect: clean  # near: unawaited-coroutine
    async with store.live.pipeline(transaction=True) as pipe:
        for player, points in scores.items():
            pipe.zincrby(store.key(season), points, player)
        pipe.expire(store.key(season), 60 * 60 * 24 * 120)
        await pipe.execute()


async def forfeit(store: LeaderboardStore, season: int, player: str) -> None:  # expect: unawaited-coroutine
    store.live.zincrby(store.key(season), -3, player)
    log.info("%s forfeited", player)


async def announce(players: list[ServerConnection], text: str) -> None:  # expect: clean  # near: unawaited-coroutine
    broadcast(players, text)


async def tell(player: ServerConnection, text: str) -> None:  # expect: unawaited-coroutine
    player.send(text)


class Match:  # expect: clean
    def __init__(self, match_id: str, players: list[ServerConnection]) -> None:
        self.match_id = match_id
        self.players = players

    async def play(self) -> None:
        for ws in self.players:
            await ws.send(f"start {self.match_id}")
        await asyncio.sleep(random.uniform(60, 120))


class Matchmaker:  # expect: dangling-task
    """Pairs waiting players; each match runs as its own task."""

    def __init__(self) -> None:
        self.waiting: deque[ServerConnection] = deque()
        self.matches: weakref.WeakValueDictionary[str, asyncio.Task] = weakref.WeakValueDictionary()

    def enqueue(self, ws: ServerConnection) -> None:
        self.waiting.append(ws)
        if len(self.waiting) >= 2:
            pair = [self.waiting.popleft(), self.waiting.popleft()]
            match = Match(f"m{random.getrandbits(32):08x}", pair)
            self.matches[match.match_id] = asyncio.create_task(match.play())


class StrongMatchmaker:  # expect: clean  # near: dangling-task
    def __init__(self) -> None:
        self.waiting: deque[ServerConnection] = deque()
        self.matches: dict[str, asyncio.Task] = {}

    def enqueue(self, ws: ServerConnection) -> None:
        self.waiting.append(ws)
        if len(self.waiting) >= 2:
            pair = [self.waiting.popleft(), self.waiting.popleft()]
            match = Match(f"m{random.getrandbits(32):08x}", pair)
            task = asyncio.create_task(match.play())
            self.matches[match.match_id] = task
            task.add_done_callback(lambda _t, mid=match.match_id: self.matches.pop(mid, None))


async def queue_timeout(mm: Matchmaker, ws: ServerConnection, seconds: float) -> None:  # expect: dangling-task
    loop = asyncio.get_running_loop()
    loop.call_later(seconds, lambda: asyncio.create_task(ws.close(1000, "no opponent found")))


async def queue_timeout_tracked(mm: Matchmaker, ws: ServerConnection, seconds: float) -> asyncio.TimerHandle:  # expect: clean  # near: dangling-task
    loop = asyncio.get_running_loop()
    return loop.call_later(seconds, mm.waiting.remove, ws)


async def rematch(mm: Matchmaker, a: ServerConnection, b: ServerConnection, ranked: bool) -> None:  # expect: dangling-task
    match = Match(f"r{random.getrandbits(32):08x}", [a, b])
    asyncio.create_task(match.play()) if ranked else await match.play()


async def spectate(match: Match, ws: ServerConnection) -> None:  # expect: dangling-task
    watcher = asyncio.create_task(ws.wait_closed())
    await ws.send(f"watching {match.match_id}")


async def spectate_until_closed(match: Match, ws: ServerConnection) -> None:  # expect: clean  # near: dangling-task
    watcher = asyncio.create_task(ws.wait_closed())
    await ws.send(f"watching {match.match_id}")
    await watcher


class LobbyNotifier:  # expect: unawaited-coroutine
    """Tells everyone in the lobby that a seat opened."""

    def __init__(self, lobby: list[ServerConnection]) -> None:
        self.lobby = lobby
        self.pending: list = []

    async def notify(self, ws: ServerConnection, text: str) -> None:
        await ws.send(text)

    def seat_opened(self, table: int) -> None:
        self.pending = [self.notify(ws, f"seat open at table {table}") for ws in self.lobby]


async def handler(ws: ServerConnection, mm: Matchmaker, store: LeaderboardStore) -> None:  # expect: clean  # near: blocking-call, dangling-task
    mm.enqueue(ws)
    async for message in ws:
        if message == "rank":
            rank = await store.live.zrevrank(store.key(1), str(id(ws)))
            await ws.send(str(rank))
