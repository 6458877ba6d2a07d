"""Integration layer of an order service: cloud SDKs, DB drivers and chat/payments clients behind async handlers."""
from __future__ import annotations

import asyncio
import functools
import os
import sqlite3
from dataclasses import dataclass, field
from typing import Any

import boto3
import httpx
import psycopg2
import pymongo
import redis
import redis.asyncio as aioredis
import stripe
from elasticsearch import Elasticsearch
from google.cloud import storage
from openai import AsyncOpenAI, OpenAI
from slack_sdk import WebClient
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import create_engine, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, sessionmaker

DSN = os.environ.get("DATABASE_URL", "postgresql://localhost/orders")
engine = create_engine(DSN, pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine)
mongo = pymongo.MongoClient(os.environ.get("MONGO_URL", "mongodb://localhost"))
orders_db = mongo.orders
cache = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost"))


class ReceiptArchiver:  # expect: blocking-call
    def __init__(self, bucket: str):
        self.bucket = bucket
        self.s3 = boto3.client("s3")

    async def archive(self, order_id: str, pdf_path: str) -> str:
        key = f"receipts/{order_id}.pdf"
        self.s3.upload_file(pdf_path, self.bucket, key)
        return key


class ReceiptArchiverOffloaded:  # expect: clean  # near: blocking-call
    def __init__(self, bucket: str):
        self.bucket = bucket
        self.s3 = boto3.client("s3")

    async def archive(self, order_id: str, pdf_path: str) -> str:
        key = f"receipts/{order_id}.pdf"
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, functools.partial(self.s3.upload_file, pdf_path, self.bucket, key))
        return key


async def order_totals(conn: sqlite3.Connection, customer_id: int) -> float:  # expect: blocking-call
    row = conn.execute("SELECT SUM(total) FROM orders WHERE customer = ?", (customer_id,)).fetchone()
    return float(row[0] or 0)


@dataclass
class Deps:  # expect: clean
    pg: Any
    http: httpx.AsyncClient
    tags: dict[str, str] = field(default_factory=dict)


async def refund(deps: Deps, order_id: str) -> None:  # expect: clean  # near: blocking-call
    # `get` on a plain dict, `post` on the async client that is awaited
    reason = deps.tags.get(order_id, "requested")
    await deps.http.post("/refunds", json={"order": order_id, "reason": reason})


def pg_connection():  # expect: clean
    return psycopg2.connect(DSN)


async def mark_shipped(order_id: str) -> None:  # expect: blocking-call
    conn = pg_connection()
    with conn, conn.cursor() as cur:
        cur.execute("UPDATE orders SET state = 'shipped' WHERE id = %s", (order_id,))


async def customer_profile(customer_id: str) -> dict | None:  # expect: blocking-call
    return orders_db.customers.find_one({"_id": customer_id}, {"password": 0})


async def recent_orders_sql(customer_id: int) -> list:  # expect: blocking-call
    with SessionLocal() as session:
        return list(session.scalars(select("orders").where("customer" == customer_id).limit(20)))


async def recent_orders_async(session: AsyncSession, customer_id: int) -> list:  # expect: clean  # near: blocking-call
    result = await session.execute(select("orders").where("customer" == customer_id).limit(20))
    return list(result.scalars())


async def cached_price(sku: str) -> float | None:  # expect: blocking-call
    raw = cache.get(f"price:{sku}")
    return float(raw) if raw is not None else None


class PriceCache:  # expect: clean  # near: blocking-call
    def __init__(self, url: str):
        self._r = aioredis.from_url(url)

    async def get(self, sku: str) -> float | None:
        raw = await self._r.get(f"price:{sku}")
        return float(raw) if raw is not None else None


class MediaStore:  # expect: blocking-call
    def __init__(self, project: str, bucket: str):
        self._client = storage.Client(project=project)
        self._bucket_name = bucket

    @property
    def bucket(self) -> storage.Bucket:
        return self._client.bucket(self._bucket_name)

    async def put(self, name: str, data: bytes, content_type: str) -> str:
        blob = self.bucket.blob(name)
        blob.upload_from_string(data, content_type=content_type)
        return blob.public_url


async def charge(customer_id: str, cents: int) -> str:  # expect: blocking-call
    intent = stripe.PaymentIntent.create(amount=cents, currency="eur", customer=customer_id, confirm=True)
    return intent.id


class OrderSearch:  # expect: blocking-call
    def __init__(self, hosts: list[str]):
        self.es = Elasticsearch(hosts)

    async def by_text(self, q: str) -> list[dict]:
        res = self.es.search(index="orders", query={"match": {"notes": q}}, size=25)
        return [h["_source"] for h in res["hits"]["hits"]]


class Notifier:  # expect: blocking-call
    def __init__(self, token: str, channel: str):
        self.slack = WebClient(token=token)
        self.channel = channel

    async def order_failed(self, order_id: str, err: str) -> None:
        self.slack.chat_postMessage(channel=self.channel, text=f":x: order {order_id}: {err}")


class AsyncNotifier:  # expect: clean  # near: blocking-call
    def __init__(self, token: str, channel: str):
        self.slack = AsyncWebClient(token=token)
        self.channel = channel

    async def order_failed(self, order_id: str, err: str) -> None:
        await self.slack.chat_postMessage(channel=self.channel, text=f":x: order {order_id}: {err}")


def llm() -> OpenAI:  # expect: clean
    return OpenAI()


async def summarize_complaint(text: str) -> str:  # expect: blocking-call
    resp = llm().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return resp.choices[0].message.content


async def summarize_complaint_async(client: AsyncOpenAI, text: str) -> str:  # expect: clean  # near: blocking-call
    resp = await client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return resp.choices[0].message.content


def _sync_export(session_factory: sessionmaker, path: str) -> int:  # expect: clean  # near: blocking-call
    with session_factory() as s, open(path, "w") as fh:
        rows = s.execute(select("orders")).all()
        fh.writelines(f"{r}\n" for r in rows)
    return len(rows)


async def export_orders(path: str) -> int:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(_sync_export, SessionLocal, path)


async def bulk_tag(session: Session, ids: list[int], tag: str) -> None:  # expect: blocking-call
    for oid in ids:
        session.execute("UPDATE orders SET tag = :t WHERE id = :i", {"t": tag, "i": oid})
    session.commit()
