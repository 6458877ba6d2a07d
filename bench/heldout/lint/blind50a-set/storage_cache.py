"""Asset store: originals in S3, GCS or Azure depending on the tenant, small renditions cached in memcached."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, AsyncIterator, Iterator, Optional, Protocol, Union

import aioboto3
import aiomcache
import boto3
import diskcache
from azure.storage.blob import BlobServiceClient, ContainerClient
from azure.storage.blob.aio import BlobServiceClient as AioBlobServiceClient
from gcloud.aio.storage import Storage
from google.cloud import storage as gcs
from pymemcache.client.base import Client as MemcacheClient

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

log = logging.getLogger("assets")
BUCKET = "tenant-assets"
AnyContainer = Union[ContainerClient, "AioContainer"]


class AioContainer(Protocol):  # expect: clean
    async def upload_blob(self, name: str, data: bytes, overwrite: bool = ...) -> object: ...


def s3_client():  # expect: clean
    return boto3.client("s3", region_name="eu-west-1")


def memcache() -> MemcacheClient:  # expect: clean
    return MemcacheClient(("cache.internal", 11211), connect_timeout=1, timeout=0.5)


def aio_memcache() -> aiomcache.Client:  # expect: clean
    return aiomcache.Client("cache.internal", 11211, pool_size=4)


@dataclass
class TenantStore:  # expect: blocking-call
    tenant: str
    s3: "S3Client" = field(default_factory=s3_client)

    async def put(self, key: str, data: bytes) -> None:
        self.s3.put_object(Bucket=BUCKET, Key=f"{self.tenant}/{key}", Body=data)


async def put_object_blocking(key: str, data: bytes) -> None:  # expect: blocking-call
    s3_client().put_object(Bucket=BUCKET, Key=key, Body=data)


async def put_object_async(key: str, data: bytes) -> None:  # expect: clean  # near: blocking-call
    session = aioboto3.Session()
    async with session.client("s3", region_name="eu-west-1") as s3:
        await s3.put_object(Bucket=BUCKET, Key=key, Body=data)


async def purge_prefix(prefix: str) -> int:  # expect: unawaited-coroutine
    session = aioboto3.Session()
    removed = 0
    async with session.client("s3") as s3:
        paginator = s3.get_paginator("list_objects_v2")
        async for page in paginator.paginate(Bucket=BUCKET, Prefix=prefix):
            for obj in page.get("Contents", []):
                s3.delete_object(Bucket=BUCKET, Key=obj["Key"])
                removed += 1
    return removed


async def purge_prefix_ok(prefix: str) -> int:  # expect: clean  # near: unawaited-coroutine
    session = aioboto3.Session()
    removed = 0
    async with session.client("s3") as s3:
        paginator = s3.get_paginator("list_objects_v2")
        async for page in paginator.paginate(Bucket=BUCKET, Prefix=prefix):
            for obj in page.get("Contents", []):
                await s3.delete_object(Bucket=BUCKET, Key=obj["Key"])
                removed += 1
    return removed


class GcsMirror:  # expect: blocking-call
    def __init__(self, project: str) -> None:
        self.client = gcs.Client(project=project)
        self.bucket = self.client.bucket(BUCKET)

    async def mirror(self, key: str, local_path: str) -> None:
        blob = self.bucket.blob(key)
        blob.upload_from_filename(local_path, content_type="application/octet-stream")


class GcsMirrorRefs:  # expect: clean  # near: blocking-call
    def __init__(self, project: str) -> None:
        self.client = gcs.Client(project=project)
        self.bucket = self.client.bucket(BUCKET)

    async def public_url(self, key: str) -> str:
        return self.bucket.blob(key).public_url


class GcsMirrorAsync:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.storage: Optional[Storage] = None

    async def mirror(self, key: str, data: bytes) -> None:
        if self.storage is None:
            self.storage = Storage()
        await self.storage.upload(BUCKET, key, data, content_type="application/octet-stream")

    async def close(self) -> None:
        if self.storage is not None:
            await self.storage.close()


class GcsMirrorAsyncLeaky:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.storage: Optional[Storage] = None

    async def mirror(self, key: str, data: bytes) -> None:
        if self.storage is None:
            self.storage = Storage()
        await self.storage.upload(BUCKET, key, data)

    async def close(self) -> None:
        if self.storage is not None:
            self.storage.close()
            self.storage = None


async def azure_upload(conn_str: str, name: str, data: bytes) -> None:  # expect: blocking-call
    service = BlobServiceClient.from_connection_string(conn_str)
    container = service.get_container_client("assets")
    container.upload_blob(name, data, overwrite=True)


async def azure_upload_aio(conn_str: str, name: str, data: bytes) -> None:  # expect: clean  # near: blocking-call
    async with AioBlobServiceClient.from_connection_string(conn_str) as service:
        container = service.get_container_client("assets")
        await container.upload_blob(name, data, overwrite=True)


async def azure_upload_forgot(conn_str: str, name: str, data: bytes) -> None:  # expect: unawaited-coroutine
    async with AioBlobServiceClient.from_connection_string(conn_str) as service:
        container = service.get_container_client("assets")
        container.upload_blob(name, data, overwrite=True)
        log.info("queued %s", name)


async def cached_rendition(key: str) -> Optional[bytes]:  # expect: blocking-call
    client = memcache()
    return client.get(key)


class RenditionCache:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.mc: Optional[aiomcache.Client] = None

    async def _client(self) -> aiomcache.Client:
        if self.mc is None:
            self.mc = aio_memcache()
        return self.mc

    async def get(self, key: str) -> Optional[bytes]:
        mc = await self._client()
        return await mc.get(key.encode())

    async def put(self, key: str, data: bytes) -> None:
        mc = await self._client()
        mc.set(key.encode(), data, exptime=3600)


class RenditionCacheOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self.mc: Optional[aiomcache.Client] = None

    async def _client(self) -> aiomcache.Client:
        if self.mc is None:
            self.mc = aio_memcache()
        return self.mc

    async def get(self, key: str) -> Optional[bytes]:
        mc = await self._client()
        return await mc.get(key.encode())

    async def put(self, key: str, data: bytes) -> None:
        mc = await self._client()
        await mc.set(key.encode(), data, exptime=3600)


async def local_cache_lookup(cache: diskcache.Cache, key: str) -> Optional[bytes]:  # expect: ?blocking-call
    return cache.get(key)


class UploadGate:  # expect: lock-across-await
    """One upload per key at a time; the uploader threads of the batch importer share the same gate."""

    def __init__(self) -> None:
        self._locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)

    async def upload(self, key: str, data: bytes) -> None:
        with self._locks[key]:
            await put_object_async(key, data)


class UploadGateAsync:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def upload(self, key: str, data: bytes) -> None:
        async with self._locks[key]:
            await put_object_async(key, data)


@dataclass
class QuotaBook:  # expect: lock-across-await
    used: dict[str, int] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)

    @contextlib.contextmanager
    def charging(self, tenant: str, size: int) -> Iterator[None]:
        with self.lock:
            self.used[tenant] = self.used.get(tenant, 0) + size
            yield

    async def store(self, tenant: str, key: str, data: bytes) -> None:
        with self.charging(tenant, len(data)):
            await put_object_async(f"{tenant}/{key}", data)


@dataclass
class QuotaBookOk:  # expect: clean  # near: lock-across-await
    used: dict[str, int] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)

    @contextlib.contextmanager
    def charging(self, tenant: str, size: int) -> Iterator[None]:
        with self.lock:
            self.used[tenant] = self.used.get(tenant, 0) + size
        yield

    async def store(self, tenant: str, key: str, data: bytes) -> None:
        with self.charging(tenant, len(data)):
            await put_object_async(f"{tenant}/{key}", data)


@contextlib.asynccontextmanager
async def s3_session() -> AsyncIterator[object]:  # expect: cancellation-swallowed
    session = aioboto3.Session()
    async with session.client("s3") as s3:
        try:
            yield s3
        except BaseException:
            log.exception("s3 block failed")


@contextlib.asynccontextmanager
async def s3_session_ok() -> AsyncIterator[object]:  # expect: clean  # near: cancellation-swallowed
    session = aioboto3.Session()
    async with session.client("s3") as s3:
        try:
            yield s3
        except Exception:
            log.exception("s3 block failed")
            raise
