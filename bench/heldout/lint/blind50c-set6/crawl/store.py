"""Where crawled products go: thumbnails on S3, rows in Postgres, changes on a Redis stream."""
from __future__ import annotations

import asyncio
import hashlib
import io
import json
import logging
from pathlib import Path

import aioboto3
import asyncpg
import boto3
from PIL import Image
from redis import asyncio as aioredis

log = logging.getLogger(__name__)


async def thumbnail(data: bytes, size: int = 256) -> bytes:  # expect: clean, ?blocking-call
    img = Image.open(io.BytesIO(data))
    img.thumbnail((size, size))
    out = io.BytesIO()
    img.save(out, format="WEBP")
    return out.getvalue()


async def save_thumbnail_locally(data: bytes, folder: Path, name: str) -> Path:  # expect: blocking-call
    img = Image.open(io.BytesIO(data))
    img.thumbnail((256, 256))
    target = folder / f"{name}.webp"
    img.save(target)
    return target


class S3Thumbs:  # expect: blocking-call
    def __init__(self, bucket: str) -> None:
        self.bucket = bucket
        self.s3 = boto3.client("s3")

    async def put(self, key: str, body: bytes) -> None:
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=body, ContentType="image/webp")


class AsyncS3Thumbs:  # expect: clean  # near: blocking-call
    def __init__(self, bucket: str) -> None:
        self.bucket = bucket
        self.session = aioboto3.Session()

    async def put(self, key: str, body: bytes) -> None:
        async with self.session.client("s3") as s3:
            await s3.put_object(Bucket=self.bucket, Key=key, Body=body, ContentType="image/webp")


class ProductRows:  # expect: unawaited-coroutine
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def upsert(self, sku: str, record: dict) -> None:
        async with self.pool.acquire() as conn:
            conn.execute(
                "INSERT INTO products(sku, body) VALUES($1, $2) ON CONFLICT (sku) DO UPDATE SET body = $2",
                sku, json.dumps(record),
            )


class ProductRowsAwaited:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def upsert(self, sku: str, record: dict) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(
                "INSERT INTO products(sku, body) VALUES($1, $2) ON CONFLICT (sku) DO UPDATE SET body = $2",
                sku, json.dumps(record),
            )


class ChangeFeed:  # expect: unawaited-coroutine
    def __init__(self, url: str) -> None:
        self.redis = aioredis.from_url(url)

    async def publish(self, sku: str, digest: str) -> None:
        self.redis.xadd("catalogue:changes", {"sku": sku, "digest": digest}, maxlen=100_000)


def digest_of(record: dict) -> str:  # expect: clean
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()


async def file_digest(path: Path) -> str:  # expect: blocking-call
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


async def file_digest_offloaded(path: Path) -> str:  # expect: clean  # near: blocking-call
    def work() -> str:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()

    return await asyncio.to_thread(work)
