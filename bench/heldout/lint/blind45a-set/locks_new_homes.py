"""Shared state of a game server and chat relay, guarded by threading locks that ended up in coroutines."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from threading import Condition, RLock
from threading import Lock as ThreadLock

_sessions_lock = threading.Lock()
_sessions: dict[str, object] = {}
REGISTRY_LOCK = RLock()


async def register_session(sid: str, ws) -> None:  # expect: lock-across-await
    with _sessions_lock:
        _sessions[sid] = ws
        await ws.send_json({"type": "hello", "sid": sid})


async def register_session_ok(sid: str, ws) -> None:  # expect: clean  # near: lock-across-await
    with _sessions_lock:
        _sessions[sid] = ws
    await ws.send_json({"type": "hello", "sid": sid})


class Lobby:  # expect: lock-across-await
    _lock = threading.Lock()  # class attribute shared by every lobby
    players: list = []

    async def join(self, player) -> None:
        with self._lock:
            self.players.append(player)
            await player.notify("joined")


class LobbyOk:  # expect: clean  # near: lock-across-await
    _lock = threading.Lock()
    players: list = []

    async def join(self, player) -> None:
        with self._lock:
            self.players.append(player)
            count = len(self.players)
        await player.notify(f"joined ({count})")


@functools.lru_cache(maxsize=None)
def lock_for(room: str) -> threading.Lock:  # expect: clean
    return threading.Lock()


async def post_to_room(room: str, msg: str, hub) -> None:  # expect: lock-across-await
    with lock_for(room):
        await hub.broadcast(room, msg)


async def post_to_room_ok(room: str, msg: str, hub) -> None:  # expect: clean  # near: lock-across-await
    with lock_for(room):
        hub.history[room].append(msg)
    await hub.broadcast(room, msg)


@dataclass
class Shard:  # expect: clean
    name: str
    lock: threading.Lock = field(default_factory=threading.Lock)
    scores: dict = field(default_factory=dict)


async def save_score(shard: Shard, player: str, score: int, db) -> None:  # expect: lock-across-await
    with shard.lock:
        shard.scores[player] = score
        await db.execute("UPDATE scores SET s=$1 WHERE p=$2", score, player)


async def save_score_ok(shard: Shard, player: str, score: int, db) -> None:  # expect: clean  # near: lock-across-await
    with shard.lock:
        shard.scores[player] = score
    await db.execute("UPDATE scores SET s=$1 WHERE p=$2", score, player)


async def move_between(a: Shard, b: Shard, player: str, db) -> None:  # expect: lock-across-await
    with ExitStack() as stack:
        stack.enter_context(a.lock)
        stack.enter_context(b.lock)
        b.scores[player] = a.scores.pop(player)
        await db.execute("UPDATE scores SET shard=$1 WHERE p=$2", b.name, player)


async def stream_to_log(events, log_lock: threading.Lock, fh) -> None:  # expect: lock-across-await
    with log_lock:
        async for ev in events:
            fh.write(f"{ev}\n")


async def stream_to_log_ok(events, log_lock: threading.Lock, fh) -> None:  # expect: clean  # near: lock-across-await
    async for ev in events:
        with log_lock:
            fh.write(f"{ev}\n")


class MatchMaker:  # expect: lock-across-await
    def __init__(self):
        self._cv = Condition()
        self.queue: list = []

    async def pair(self, notifier):
        with self._cv:
            while len(self.queue) < 2:
                await asyncio.sleep(0.1)
            a, b = self.queue.pop(), self.queue.pop()
        await notifier(a, b)


class ChatRelay:  # expect: lock-across-await
    def __init__(self):
        self._mu = ThreadLock()
        self.rooms: dict[str, set] = {}

    async def relay(self, room: str, text: str) -> None:
        async def send_all():
            with self._mu:
                for ws in self.rooms.get(room, ()):
                    await ws.send_text(text)

        await send_all()


class ChatRelaySnapshot:  # expect: clean  # near: lock-across-await
    def __init__(self):
        self._mu = ThreadLock()
        self.rooms: dict[str, set] = {}

    async def relay(self, room: str, text: str) -> None:
        def snapshot():
            with self._mu:
                return list(self.rooms.get(room, ()))

        for ws in snapshot():
            await ws.send_text(text)


@contextmanager
def registry_guard():  # expect: clean
    with REGISTRY_LOCK:
        yield _sessions


async def evict_idle(idle: list[str]) -> None:  # expect: lock-across-await
    with registry_guard() as reg:
        for sid in idle:
            ws = reg.pop(sid, None)
            if ws is not None:
                await ws.close()


async def evict_idle_ok(idle: list[str]) -> None:  # expect: clean  # near: lock-across-await
    with registry_guard() as reg:
        dropped = [reg.pop(sid) for sid in idle if sid in reg]
    for ws in dropped:
        await ws.close()


class Leaderboard:  # expect: clean  # near: lock-across-await
    """Only the tick thread touches the lock; coroutines read a published copy."""

    def __init__(self):
        self._lock = threading.Lock()
        self._scores: dict[str, int] = {}
        self.published: dict[str, int] = {}

    def tick(self, updates: dict[str, int]) -> None:
        with self._lock:
            self._scores.update(updates)
            self.published = dict(self._scores)

    async def top(self, n: int, ws) -> None:
        board = sorted(self.published.items(), key=lambda kv: -kv[1])[:n]
        await ws.send_json(board)


class Throttle:  # expect: lock-across-await
    def __init__(self, limit: int):
        self._slots = threading.BoundedSemaphore(limit)

    async def run(self, coro_fn, *args):
        self._slots.acquire()
        try:
            return await coro_fn(*args)
        finally:
            self._slots.release()


class AsyncThrottle:  # expect: clean  # near: lock-across-await
    def __init__(self, limit: int):
        self._slots = asyncio.BoundedSemaphore(limit)

    async def run(self, coro_fn, *args):
        async with self._slots:
            return await coro_fn(*args)


class SaveGame:  # expect: lock-across-await
    def __init__(self, store, lock: RLock | None = None):
        self.store = store
        self.lock = lock or RLock()

    async def checkpoint(self, state: dict) -> None:
        with contextlib.ExitStack() as stack:
            stack.enter_context(self.lock)
            blob = repr(state).encode()
            await self.store.put("save", blob)


async def broadcast_tick(world, clients, lock: threading.Lock) -> None:  # expect: lock-across-await
    lock.acquire()
    snapshot = world.snapshot()
    await asyncio.gather(*(c.send(snapshot) for c in clients))
    lock.release()


async def broadcast_tick_ok(world, clients, lock: threading.Lock) -> None:  # expect: clean  # near: lock-across-await
    lock.acquire()
    try:
        snapshot = world.snapshot()
    finally:
        lock.release()
    await asyncio.gather(*(c.send(snapshot) for c in clients))


async def sync_lock_in_thread(lock: threading.Lock, db, rows) -> None:  # expect: clean  # near: lock-across-await
    def write():
        with lock:
            db.write_many(rows)

    await asyncio.to_thread(write)


class Inventory:  # expect: lock-across-await
    lock = threading.RLock()

    @classmethod
    async def reserve(cls, sku: str, qty: int, repo) -> bool:
        with cls.lock:
            have = await repo.stock(sku)
            if have < qty:
                return False
            await repo.set_stock(sku, have - qty)
            return True
