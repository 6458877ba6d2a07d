"""A desktop sync client: scans a folder, hashes changed files, uploads them, and keeps a control socket to the daemon."""
from __future__ import annotations

import asyncio
import hashlib
import io
import logging
import os
import socket
import threading
from pathlib import Path
from typing import IO, NamedTuple, Optional

import httpx
import requests
import urllib3

log = logging.getLogger("sync")


class Remote(NamedTuple):  # expect: clean
    base_url: str
    session: requests.Session


async def upload(remote: Remote, path: Path) -> int:  # expect: blocking-call
    with path.open("rb") as fh:
        resp = remote.session.put(f"{remote.base_url}/files/{path.name}", data=fh)
    return resp.status_code


async def upload_async(client: httpx.AsyncClient, path: Path) -> int:  # expect: blocking-call
    data = path.read_bytes()
    resp = await client.put(f"/files/{path.name}", content=data)
    return resp.status_code


async def upload_streamed(client: httpx.AsyncClient, path: Path) -> int:  # expect: clean  # near: blocking-call
    data = await asyncio.to_thread(path.read_bytes)
    resp = await client.put(f"/files/{path.name}", content=data)
    return resp.status_code


async def digest(fh: io.BufferedReader) -> str:  # expect: blocking-call
    h = hashlib.sha256()
    while chunk := fh.read(1 << 16):
        h.update(chunk)
    return h.hexdigest()


async def digest_text(fh: IO[str]) -> str:  # expect: blocking-call
    return hashlib.sha256(fh.read().encode()).hexdigest()


async def digest_buffer(buf: io.BytesIO) -> str:  # expect: ?blocking-call
    return hashlib.sha256(buf.getvalue()).hexdigest()


class DaemonLink:  # expect: blocking-call
    def __init__(self, path: str) -> None:
        self.path = path
        self.sock: Optional[socket.socket] = None

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(self.path)

    async def status(self) -> bytes:
        assert self.sock is not None
        self.sock.sendall(b"STATUS\n")
        return self.sock.recv(4096)


class AsyncDaemonLink:  # expect: clean  # near: blocking-call
    def __init__(self, path: str) -> None:
        self.path = path
        self.writer: Optional[asyncio.StreamWriter] = None
        self.reader: Optional[asyncio.StreamReader] = None

    async def connect(self) -> None:
        self.reader, self.writer = await asyncio.open_unix_connection(self.path)

    async def status(self) -> bytes:
        assert self.writer is not None and self.reader is not None
        self.writer.write(b"STATUS\n")
        await self.writer.drain()
        return await self.reader.readline()


class Telemetry:  # expect: blocking-call
    pool: urllib3.PoolManager

    def __init__(self) -> None:
        self.pool = urllib3.PoolManager()

    async def report(self, event: str) -> None:
        self.pool.request("POST", "https://telemetry.example/e", body=event.encode())


async def scan(root: Path) -> list[Path]:  # expect: blocking-call
    changed = []
    for entry in os.scandir(root):
        if entry.is_file() and entry.stat().st_mtime > 0:
            changed.append(Path(entry.path))
    return changed


def scan_sync(root: Path) -> list[Path]:  # expect: clean  # near: blocking-call
    return [Path(e.path) for e in os.scandir(root) if e.is_file()]


async def scan_offloaded(root: Path) -> list[Path]:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(scan_sync, root)


class ChangeLog:  # expect: lock-across-await, blocking-call
    def __init__(self, fd: int) -> None:
        self.out = os.fdopen(fd, "a")
        self.lock = threading.Lock()

    async def note(self, path: Path, client: httpx.AsyncClient) -> None:
        with self.lock:
            resp = await client.head(f"/files/{path.name}")
            self.out.write(f"{path}\t{resp.status_code}\n")


class Watcher:  # expect: thread-unsafe-capture
    def __init__(self, root: Path, changes: asyncio.Queue[Path]) -> None:
        self.root = root
        self.changes = changes
        self._stop = threading.Event()

    def _poll(self) -> None:
        seen: dict[str, float] = {}
        while not self._stop.wait(1.0):
            for path in scan_sync(self.root):
                mtime = path.stat().st_mtime
                if seen.get(str(path)) != mtime:
                    seen[str(path)] = mtime
                    self.changes.put_nowait(path)

    def start(self) -> None:
        threading.Thread(target=self._poll, daemon=True).start()


class LoopWatcher:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, root: Path, changes: asyncio.Queue[Path], loop: asyncio.AbstractEventLoop) -> None:
        self.root = root
        self.changes = changes
        self.loop = loop
        self._stop = threading.Event()

    def _poll(self) -> None:
        seen: dict[str, float] = {}
        while not self._stop.wait(1.0):
            for path in scan_sync(self.root):
                mtime = path.stat().st_mtime
                if seen.get(str(path)) != mtime:
                    seen[str(path)] = mtime
                    asyncio.run_coroutine_threadsafe(self.changes.put(path), self.loop)

    def start(self) -> None:
        threading.Thread(target=self._poll, daemon=True).start()


async def sync_forever(changes: asyncio.Queue[Path], client: httpx.AsyncClient) -> None:  # expect: unawaited-coroutine
    while True:
        path = await changes.get()
        upload_streamed(client, path)
        changes.task_done()
