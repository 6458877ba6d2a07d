"""Backend of a small online card game: matchmaking, live matches over websockets, leaderboards in Redis."""
from .stores import LeaderboardStore, leaderboard_redis, sync_redis

__all__ = ["LeaderboardStore", "leaderboard_redis", "sync_redis"]
