"""HTTP handlers of the media service."""
from __future__ import annotations

import asyncio
import json

from . import clients
from .clients import Settings, cache_lock, make_s3, open_index, redis_async, redis_sync
from .storage import BlobStore, DiskStore, SyncBlobStore


async def head_media(key: str) -> dict:  # expect: blocking-call
    s3 = make_s3()
    return s3.head_object(Bucket="media", Key=key)


async def search_index(term: str) -> list[tuple]:  # expect: blocking-call
    db = open_index()
    return db.execute("SELECT key FROM media WHERE title LIKE ?", (f"%{term}%",)).fetchall()


async def search_index_threaded(term: str) -> list[tuple]:  # expect: clean  # near: blocking-call
    def query() -> list[tuple]:
        db = open_index()
        return db.execute("SELECT key FROM media WHERE title LIKE ?", (f"%{term}%",)).fetchall()

    return await asyncio.to_thread(query)


async def refresh_cache(key: str, fetch) -> bytes:  # expect: lock-across-await
    with cache_lock():
        data = await fetch(key)
        return data


async def refresh_cache_short(key: str, fetch, cache: dict) -> bytes:  # expect: clean  # near: lock-across-await
    data = await fetch(key)
    with cache_lock():
        cache[key] = data
    return data


async def cached_meta(key: str) -> dict:  # expect: blocking-call
    raw = redis_sync().get(f"meta:{key}")
    return json.loads(raw or "{}")


async def cached_meta_async(key: str) -> dict:  # expect: clean  # near: blocking-call
    raw = await redis_async().get(f"meta:{key}")
    return json.loads(raw or "{}")


async def thumbnail_url(settings: Settings, key: str) -> str:  # expect: blocking-call
    resp = settings.http.post(f"{settings.thumbs_url}/render", json={"key": key}, timeout=5)
    return resp.json()["url"]


async def store_upload(store: BlobStore, key: str, data: bytes) -> None:  # expect: clean  # near: unawaited-coroutine
    await store.put(key, data)


async def store_upload_forgot(store: BlobStore, key: str, data: bytes) -> None:  # expect: unawaited-coroutine
    store.put(key, data)


async def store_upload_sync(store: SyncBlobStore, key: str, data: bytes) -> None:  # expect: clean  # near: unawaited-coroutine
    await asyncio.to_thread(store.put, key, data)


async def save_to_disk(store: DiskStore, key: str, data: bytes) -> None:  # expect: blocking-call
    store.put(key, data)


async def reset_disk(store: DiskStore) -> None:  # expect: clean  # near: blocking-call
    await asyncio.get_running_loop().run_in_executor(None, store.wipe)


async def bucket_listing() -> list[str]:  # expect: blocking-call
    resp = clients.make_s3().list_objects_v2(Bucket="media")
    return [o["Key"] for o in resp.get("Contents", [])]
