"""Render jobs: the worker coroutines and the thread-side glue of the clip shop."""
from __future__ import annotations

import asyncio
import atexit
import logging
import smtplib
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Awaitable, Callable, Optional

import onnxruntime as ort
from google.cloud import storage

from . import BlobStore, MailConn, ftp_session, make_store, on_completed, retry_async, slot_for

log = logging.getLogger("clipshop.jobs")
POOL = ThreadPoolExecutor(max_workers=2)


@retry_async(times=4)
async def publish(store: BlobStore, key: str, data: bytes) -> None:  # expect: clean
    await store.put(key, data)


async def publish_all(items: dict[str, bytes]) -> int:  # expect: unawaited-coroutine
    store = make_store()
    for key, data in items.items():
        publish(store, key, data)
    return len(items)


async def publish_all_ok(items: dict[str, bytes]) -> int:  # expect: clean  # near: unawaited-coroutine
    store = make_store()
    await asyncio.gather(*(publish(store, key, data) for key, data in items.items()))
    return len(items)


async def discard(key: str) -> None:  # expect: unawaited-coroutine
    make_store().delete(key)


@dataclass
class RenderJob:  # expect: unawaited-coroutine
    job_id: str
    notify: Callable[[str, str], Awaitable[None]] = on_completed
    done: bool = False

    async def finish(self, url: str) -> None:
        self.done = True
        self.notify(self.job_id, url)


@dataclass
class RenderJobOk:  # expect: clean  # near: unawaited-coroutine
    job_id: str
    notify: Callable[[str, str], Awaitable[None]] = on_completed
    done: bool = False

    async def finish(self, url: str) -> None:
        self.done = True
        await self.notify(self.job_id, url)


class Uploader:  # expect: unawaited-coroutine
    """Uploads from the render threads; each finished file is handed to the pool."""

    def __init__(self, store: BlobStore) -> None:
        self.store = store

    async def upload(self, path: Path) -> None:
        await self.store.put(path.name, await asyncio.to_thread(path.read_bytes))

    def on_rendered(self, path: Path) -> None:
        POOL.submit(self.upload, path)


class UploaderOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, store: BlobStore, loop: asyncio.AbstractEventLoop) -> None:
        self.store = store
        self.loop = loop

    async def upload(self, path: Path) -> None:
        await self.store.put(path.name, await asyncio.to_thread(path.read_bytes))

    def on_rendered(self, path: Path) -> None:
        asyncio.run_coroutine_threadsafe(self.upload(path), self.loop)


class Shutdown:  # expect: unawaited-coroutine
    def __init__(self, store: BlobStore) -> None:
        self.store = store
        atexit.register(self.flush)

    async def flush(self) -> None:
        await self.store.delete("tmp/lock")


class ShutdownOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, store: BlobStore) -> None:
        self.store = store
        atexit.register(self.flush_blocking)

    async def flush(self) -> None:
        await self.store.delete("tmp/lock")

    def flush_blocking(self) -> None:
        asyncio.run(self.flush())


async def send_receipt(conn: MailConn, msg: EmailMessage) -> None:  # expect: blocking-call
    conn.send_message(msg)


async def send_receipt_offloaded(conn: MailConn, msg: EmailMessage) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(conn.send_message, msg)


async def deliver_ftp(host: str, path: Path) -> None:  # expect: blocking-call
    ftp = ftp_session(host)
    with path.open("rb") as fh:
        ftp.storbinary(f"STOR {path.name}", fh)
    ftp.quit()


class PublicLinks:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.bucket = storage.Client().bucket("clips-public")

    async def link(self, key: str) -> str:
        blob = self.bucket.blob(key)
        return blob.public_url


async def download_original(blob: storage.Blob) -> bytes:  # expect: blocking-call
    return blob.download_as_bytes()


async def render_tenant(tenant: str, render: Callable[[], Awaitable[bytes]]) -> bytes:  # expect: lock-across-await
    with slot_for(tenant):
        return await render()


async def render_tenant_ok(tenant: str, render: Callable[[], Awaitable[bytes]]) -> bytes:  # expect: clean  # near: lock-across-await
    slot = slot_for(tenant)
    if not slot.acquire(blocking=False):
        raise RuntimeError(f"{tenant} has two renders running")
    slot.release()
    return await render()


class Scorer:  # expect: blocking-call
    def __init__(self) -> None:
        self.sessions: dict[str, ort.InferenceSession] = {}

    def load(self, name: str, path: str) -> None:
        self.sessions[name] = ort.InferenceSession(path)

    async def score(self, name: str, frames) -> float:
        return float(self.sessions[name].run(None, {"frames": frames})[0].mean())


class ScorerInputs:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.sessions: dict[str, ort.InferenceSession] = {}

    def load(self, name: str, path: str) -> None:
        self.sessions[name] = ort.InferenceSession(path)

    async def input_names(self, name: str) -> list[str]:
        return [i.name for i in self.sessions[name].get_inputs()]
