"""A media library's indexer: objects in S3 and GCS, metadata in Elasticsearch, all driven from one asyncio service."""
from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, AsyncIterator, Iterable, Optional

import aioboto3
import boto3
from elasticsearch import AsyncElasticsearch, Elasticsearch, helpers
from elasticsearch.helpers import async_bulk, async_scan
from google.cloud import storage

if TYPE_CHECKING:
    from mypy_boto3_s3.client import S3Client
    from types_aiobotocore_s3.client import S3Client as AsyncS3Client

log = logging.getLogger("media.index")
INDEX = "media"


def s3_client(region: str = "eu-west-1") -> "S3Client":  # expect: clean
    return boto3.client("s3", region_name=region)


def search_client(url: str) -> Elasticsearch:  # expect: clean
    return Elasticsearch(url, request_timeout=10)


@dataclass
class Stores:  # expect: clean
    """Built at start-up; every handler gets the same one."""

    bucket: storage.Bucket
    es: AsyncElasticsearch
    legacy_es: Optional[Elasticsearch] = None
    s3: Optional["S3Client"] = None


async def thumbnail_to_gcs(stores: Stores, key: str, data: bytes) -> str:  # expect: blocking-call
    blob = stores.bucket.blob(f"thumbs/{key}.webp")
    blob.upload_from_string(data, content_type="image/webp")
    return blob.public_url


async def thumbnail_to_gcs_ok(stores: Stores, key: str, data: bytes) -> str:  # expect: clean  # near: blocking-call
    blob = stores.bucket.blob(f"thumbs/{key}.webp")
    await asyncio.to_thread(blob.upload_from_string, data, content_type="image/webp")
    return blob.public_url


async def list_new(stores: Stores, prefix: str) -> list[str]:  # expect: blocking-call
    return [b.name for b in stores.bucket.list_blobs(prefix=prefix) if b.size]


async def original_bytes(key: str) -> bytes:  # expect: blocking-call
    s3 = s3_client()
    obj = s3.get_object(Bucket="media-originals", Key=key)
    return obj["Body"].read()


async def original_bytes_async(key: str) -> bytes:  # expect: clean  # near: blocking-call
    session = aioboto3.Session()
    async with session.client("s3") as s3:
        obj = await s3.get_object(Bucket="media-originals", Key=key)
        async with obj["Body"] as stream:
            return await stream.read()


async def archive_original(s3: "AsyncS3Client", key: str, data: bytes) -> None:  # expect: unawaited-coroutine
    s3.put_object(Bucket="media-archive", Key=key, Body=data, StorageClass="GLACIER")
    log.info("archived %s", key)


async def list_originals(s3: "AsyncS3Client", prefix: str) -> AsyncIterator[str]:  # expect: clean  # near: unawaited-coroutine
    paginator = s3.get_paginator("list_objects_v2")
    async for page in paginator.paginate(Bucket="media-originals", Prefix=prefix):
        for item in page.get("Contents", []):
            yield item["Key"]


async def legacy_lookup(stores: Stores, key: str) -> Optional[dict]:  # expect: blocking-call
    if stores.legacy_es is None:
        return None
    hit = stores.legacy_es.get(index=INDEX, id=key)
    return hit["_source"]


async def search_titles(es: Elasticsearch, text: str) -> list[str]:  # expect: blocking-call
    resp = es.search(index=INDEX, query={"match": {"title": text}}, size=20)
    return [h["_source"]["title"] for h in resp["hits"]["hits"]]


async def search_titles_ok(es: AsyncElasticsearch, text: str) -> list[str]:  # expect: clean  # near: unawaited-coroutine
    resp = await es.options(request_timeout=5).search(index=INDEX, query={"match": {"title": text}}, size=20)
    return [h["_source"]["title"] for h in resp["hits"]["hits"]]


async def tag_item(stores: Stores, key: str, tags: list[str]) -> None:  # expect: unawaited-coroutine
    stores.es.update(index=INDEX, id=key, doc={"tags": tags})


async def reindex(stores: Stores, docs: Iterable[dict]) -> int:  # expect: unawaited-coroutine
    actions = ({"_index": INDEX, "_id": d["key"], "_source": d} for d in docs)
    async_bulk(stores.es, actions, chunk_size=500)
    return 0


async def reindex_ok(stores: Stores, docs: Iterable[dict]) -> int:  # expect: clean  # near: unawaited-coroutine
    actions = ({"_index": INDEX, "_id": d["key"], "_source": d} for d in docs)
    ok, _errors = await async_bulk(stores.es, actions, chunk_size=500)
    return ok


async def migrate_legacy(url: str, target: AsyncElasticsearch) -> int:  # expect: blocking-call
    legacy = search_client(url)
    moved = 0
    for hit in helpers.scan(legacy, index=INDEX, query={"query": {"match_all": {}}}):
        await target.index(index=INDEX, id=hit["_id"], document=hit["_source"])
        moved += 1
    return moved


async def count_async(es: AsyncElasticsearch) -> int:  # expect: clean  # near: blocking-call
    n = 0
    async for _hit in async_scan(es, index=INDEX, query={"query": {"match_all": {}}}):
        n += 1
    return n


class IndexBatcher:  # expect: lock-across-await
    """Collects docs from the upload threads; flushed by the service loop."""

    def __init__(self, es: AsyncElasticsearch) -> None:
        self.es = es
        self.pending: list[dict] = []
        self.mutex = threading.Lock()

    def add(self, doc: dict) -> None:
        with self.mutex:
            self.pending.append(doc)

    async def flush(self) -> None:
        self.mutex.acquire()
        batch = self.pending
        self.pending = []
        await async_bulk(self.es, ({"_index": INDEX, "_source": d} for d in batch))
        self.mutex.release()


class IndexBatcherOk:  # expect: clean  # near: lock-across-await
    def __init__(self, es: AsyncElasticsearch) -> None:
        self.es = es
        self.pending: list[dict] = []
        self.mutex = threading.Lock()

    async def flush(self) -> None:
        with self.mutex:
            batch, self.pending = self.pending, []
        if batch:
            await async_bulk(self.es, ({"_index": INDEX, "_source": d} for d in batch))


async def close_all(stores: Stores) -> None:  # expect: unawaited-coroutine
    if stores.legacy_es is not None:
        stores.legacy_es.close()
    stores.es.close()


async def index_forever(stores: Stores, incoming: asyncio.Queue) -> None:  # expect: cancellation-swallowed
    while True:
        doc = await incoming.get()
        try:
            await stores.es.index(index=INDEX, id=doc["key"], document=doc)
        except Exception:
            log.exception("index failed for %s", doc.get("key"))
        except BaseException:
            log.warning("indexer interrupted; keeping on")


async def index_forever_ok(stores: Stores, incoming: asyncio.Queue) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        doc = await incoming.get()
        try:
            await stores.es.index(index=INDEX, id=doc["key"], document=doc)
        except Exception:
            log.exception("index failed for %s", doc.get("key"))
        finally:
            incoming.task_done()
