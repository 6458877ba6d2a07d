"""What the linter knows about the plumbing libraries of asyncio services: aiolimiter's rate limiter, aiocache's
caches and Django Channels' channel layers.

`AsyncLimiter.acquire()` waits for capacity: a coroutine function (`has_capacity()` is a plain check). Every
operation of an aiocache cache (`get`, `set`, `delete`, ...) is a round trip to its backend, a coroutine function
even for the in-memory one. A Channels layer (`get_channel_layer()`, a consumer's `self.channel_layer`) sends,
receives and manages groups with coroutine functions, which sync code calls through `async_to_sync(...)`: a
`group_send(...)` written without either sends nothing (ACK301). knowledge.py merges these tables into its own
(canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet

ASYNC_LIMITER = "aiolimiter.AsyncLimiter"
AIOCACHE = "aiocache.base.BaseCache"
CHANNEL_LAYER = "channels.layers.BaseChannelLayer"
_AIOCACHE_KINDS = ("Cache", "SimpleMemoryCache", "RedisCache", "MemcachedCache", "backends.memory.SimpleMemoryCache",
                   "backends.redis.RedisCache", "backends.memcached.MemcachedCache", "BaseCache")
_CONSUMERS = ("consumer.AsyncConsumer", "consumer.SyncConsumer", "generic.websocket.AsyncWebsocketConsumer",
              "generic.websocket.WebsocketConsumer", "generic.websocket.JsonWebsocketConsumer",
              "generic.http.AsyncHttpConsumer")

CANONICAL: Dict[str, str] = {
    "aiolimiter.leakybucket.AsyncLimiter": ASYNC_LIMITER,
    **{f"aiocache.{kind}": AIOCACHE for kind in _AIOCACHE_KINDS},
    "channels.layers.InMemoryChannelLayer": CHANNEL_LAYER,
    "channels_redis.core.RedisChannelLayer": CHANNEL_LAYER,
    "channels_redis.pubsub.RedisPubSubChannelLayer": CHANNEL_LAYER,
}
RETURNS: Dict[str, str] = {
    ASYNC_LIMITER: ASYNC_LIMITER,
    AIOCACHE: AIOCACHE,
    "aiocache.caches.get": AIOCACHE,
    "aiocache.caches.create": AIOCACHE,
    "channels.layers.get_channel_layer": CHANNEL_LAYER,
}
# Attributes (not calls) whose value is one of these objects: the layer a consumer is served by.
PROPERTIES: Dict[str, str] = {f"channels.{kind}.channel_layer": CHANNEL_LAYER for kind in _CONSUMERS}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    f"{kind}.{m}" for kind, methods in (
        (ASYNC_LIMITER, "acquire"),
        (AIOCACHE, "add get multi_get set multi_set delete exists increment expire clear raw close"),
        (CHANNEL_LAYER, "send receive new_channel flush close group_add group_discard group_send"),
    ) for m in methods.split()
)
