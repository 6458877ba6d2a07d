"""Order events: Postgres through psycopg 3, Kafka through kafka-python or aiokafka."""
from __future__ import annotations

import asyncio
import json
import logging

import psycopg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from kafka import KafkaConsumer, KafkaProducer
from psycopg_pool import AsyncConnectionPool, ConnectionPool

log = logging.getLogger("orders")
DSN = "postgresql://orders@db/orders"


async def load_order(order_id: int) -> tuple | None:  # expect: blocking-call
    with psycopg.connect(DSN) as conn:
        return conn.execute("SELECT * FROM orders WHERE id = %s", (order_id,)).fetchone()


async def load_order_async(order_id: int) -> tuple | None:  # expect: clean  # near: blocking-call
    async with await psycopg.AsyncConnection.connect(DSN) as conn:
        cur = await conn.execute("SELECT * FROM orders WHERE id = %s", (order_id,))
        return await cur.fetchone()


async def mark_paid(conn: psycopg.Connection, order_id: int) -> None:  # expect: blocking-call
    with conn.cursor() as cur:
        cur.execute("UPDATE orders SET paid = true WHERE id = %s", (order_id,))
    conn.commit()


async def mark_shipped(conn: psycopg.AsyncConnection, order_id: int) -> None:  # expect: clean  # near: blocking-call
    async with conn.cursor() as cur:
        await cur.execute("UPDATE orders SET shipped = true WHERE id = %s", (order_id,))
    await conn.commit()


class OrderRepo:  # expect: blocking-call
    def __init__(self, pool: ConnectionPool) -> None:
        self.pool = pool

    async def totals(self) -> list[tuple]:
        with self.pool.connection() as conn:
            return conn.execute("SELECT day, sum(total) FROM orders GROUP BY day").fetchall()


class AsyncOrderRepo:  # expect: clean  # near: blocking-call
    def __init__(self, pool: AsyncConnectionPool) -> None:
        self.pool = pool

    async def totals(self) -> list[tuple]:
        async with self.pool.connection() as conn:
            cur = await conn.execute("SELECT day, sum(total) FROM orders GROUP BY day")
            return await cur.fetchall()


async def publish_order(producer: KafkaProducer, order: dict) -> None:  # expect: blocking-call
    future = producer.send("orders", json.dumps(order).encode())
    future.get(timeout=10)


async def publish_order_async(producer: AIOKafkaProducer, order: dict) -> None:  # expect: clean  # near: blocking-call
    await producer.send_and_wait("orders", json.dumps(order).encode())


async def consume_orders(handle) -> None:  # expect: blocking-call
    consumer = KafkaConsumer("orders", bootstrap_servers="kafka:9092", group_id="billing")
    for message in consumer:
        await handle(json.loads(message.value))


async def consume_orders_async(handle) -> None:  # expect: clean  # near: blocking-call
    consumer = AIOKafkaConsumer("orders", bootstrap_servers="kafka:9092", group_id="billing")
    await consumer.start()
    try:
        async for message in consumer:
            await handle(json.loads(message.value))
    finally:
        await consumer.stop()


async def poll_batch(consumer: KafkaConsumer) -> list:  # expect: blocking-call
    batch = consumer.poll(timeout_ms=1000, max_records=100)
    return [rec for recs in batch.values() for rec in recs]


def flush_sync(producer: KafkaProducer) -> None:  # expect: clean  # near: blocking-call
    producer.flush(timeout=5)
