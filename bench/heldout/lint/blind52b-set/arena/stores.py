"""Redis connections of the game backend."""
from __future__ import annotations

import os

import redis
import redis.asyncio as aioredis

REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")


def sync_redis() -> redis.Redis:  # expect: clean
    return redis.Redis.from_url(REDIS_URL, decode_responses=True)


def leaderboard_redis() -> aioredis.Redis:  # expect: clean
    return aioredis.from_url(REDIS_URL, decode_responses=True)


class LeaderboardStore:  # expect: clean
    """One place that knows the key layout; the admin CLI uses `sync`, the game server `live`."""

    def __init__(self) -> None:
        self._sync: redis.Redis | None = None
        self._live: aioredis.Redis | None = None

    @property
    def sync(self) -> redis.Redis:
        if self._sync is None:
            self._sync = sync_redis()
        return self._sync

    @property
    def live(self) -> aioredis.Redis:
        if self._live is None:
            self._live = leaderboard_redis()
        return self._live

    @staticmethod
    def key(season: int) -> str:
        return f"lb:season:{season}"
