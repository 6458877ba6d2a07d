"""An event router: consumes from one broker, caches, and republishes to others."""
from __future__ import annotations

import asyncio
from typing import Any

import aerospike
import hazelcast
import memcache
import stomp
from huey import RedisHuey
from kombu import Connection, Exchange, Producer

huey = RedisHuey("router")


@huey.task()
def reindex(doc_id: str) -> None:  # expect: clean
    print("reindex", doc_id)


async def republish(conn: Connection, exchange: Exchange, body: dict[str, Any]) -> None:  # expect: blocking-call
    producer = Producer(conn.channel(), exchange=exchange)
    producer.publish(body, routing_key="events")


async def next_from_simple_queue(conn: Connection) -> Any:  # expect: blocking-call
    queue = conn.SimpleQueue("inbox")
    message = queue.get(block=True, timeout=5)
    message.ack()
    return message.payload


async def stomp_send(conn: stomp.Connection, body: str) -> None:  # expect: blocking-call
    conn.connect("router", "secret", wait=True)
    conn.send(body=body, destination="/queue/events")


async def cached_value(mc: memcache.Client, key: str) -> Any:  # expect: blocking-call
    return mc.get(key)


async def aerospike_record(config: dict[str, Any], key: tuple[str, str, str]) -> Any:  # expect: blocking-call
    client = aerospike.client(config).connect()
    _, _, bins = client.get(key)
    return bins


async def hazelcast_lookup(client: hazelcast.HazelcastClient, key: str) -> Any:  # expect: blocking-call
    return client.get_map("sessions").blocking().get(key)


async def hazelcast_future(client: hazelcast.HazelcastClient, key: str) -> Any:  # expect: clean  # near: blocking-call
    return client.get_map("sessions").get(key)


async def schedule_reindex(doc_id: str) -> Any:  # expect: ?blocking-call
    return reindex(doc_id)


async def reindex_and_wait(doc_id: str) -> Any:  # expect: blocking-call
    result = reindex(doc_id)
    return result.get(blocking=True, timeout=30)


async def cached_offloaded(mc: memcache.Client, key: str) -> Any:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(mc.get, key)
