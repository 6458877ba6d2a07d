"""A folder-sync agent: watchdog sees local changes, an asyncio core pushes them to a remote over SFTP."""
from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import aiofiles
import aiofiles.os
import asyncssh
import paramiko
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

log = logging.getLogger("syncd")


def connect_sftp(host: str, user: str, key_path: str):  # expect: clean
    transport = paramiko.Transport((host, 22))
    transport.connect(username=user, pkey=paramiko.Ed25519Key.from_private_key_file(key_path))
    return paramiko.SFTPClient.from_transport(transport)


async def push_file(host: str, user: str, key_path: str, local: Path, remote: str) -> None:  # expect: blocking-call
    sftp = connect_sftp(host, user, key_path)
    try:
        sftp.put(str(local), remote)
    finally:
        sftp.close()


async def push_file_async(host: str, user: str, local: Path, remote: str) -> None:  # expect: clean  # near: blocking-call
    async with asyncssh.connect(host, username=user) as conn:
        async with conn.start_sftp_client() as sftp:
            await sftp.put(str(local), remote)


@dataclass
class Remote:  # expect: blocking-call
    host: str
    user: str
    ssh: paramiko.SSHClient = field(default_factory=paramiko.SSHClient)

    async def disk_free(self, path: str) -> int:
        _stdin, stdout, _stderr = self.ssh.exec_command(f"df -B1 --output=avail {path} | tail -1")
        return int(stdout.read().strip())


@dataclass
class RemoteThreaded:  # expect: clean  # near: blocking-call
    host: str
    user: str
    ssh: paramiko.SSHClient = field(default_factory=paramiko.SSHClient)

    def _disk_free(self, path: str) -> int:
        _stdin, stdout, _stderr = self.ssh.exec_command(f"df -B1 --output=avail {path} | tail -1")
        return int(stdout.read().strip())

    async def disk_free(self, path: str) -> int:
        return await asyncio.to_thread(self._disk_free, path)


class Mirror:  # expect: blocking-call
    sftp: Optional[paramiko.SFTPClient] = None

    def attach(self, sftp: paramiko.SFTPClient) -> None:
        self.sftp = sftp

    async def remote_listing(self, remote_dir: str) -> list[str]:
        if self.sftp is None:
            return []
        return sorted(self.sftp.listdir(remote_dir))


async def checksum(path: Path) -> str:  # expect: blocking-call
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def checksum_streamed(path: Path) -> str:  # expect: clean  # near: blocking-call
    digest = hashlib.sha256()
    async with aiofiles.open(path, "rb") as f:
        while chunk := await f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


async def write_manifest(entries: dict[str, str], target: Path) -> None:  # expect: unawaited-coroutine
    async with aiofiles.open(target, "w") as f:
        for name, digest in sorted(entries.items()):
            f.write(f"{digest}  {name}\n")


async def write_manifest_ok(entries: dict[str, str], target: Path) -> None:  # expect: clean  # near: unawaited-coroutine
    async with aiofiles.open(target, "w") as f:
        await f.writelines(f"{digest}  {name}\n" for name, digest in sorted(entries.items()))


async def drop_stale(paths: list[Path]) -> None:  # expect: unawaited-coroutine
    for p in paths:
        aiofiles.os.remove(p)
    log.info("dropped %d stale files", len(paths))


async def drop_stale_ok(paths: list[Path]) -> None:  # expect: clean  # near: unawaited-coroutine
    await asyncio.gather(*(aiofiles.os.remove(p) for p in paths))
    log.info("dropped %d stale files", len(paths))


class ChangeForwarder(FileSystemEventHandler):  # expect: thread-unsafe-capture
    def __init__(self, queue: asyncio.Queue) -> None:
        self.queue = queue

    def on_modified(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.queue.put_nowait(event.src_path)


class ChangeForwarderSafe(FileSystemEventHandler):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, queue: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.queue = queue
        self.loop = loop

    def on_modified(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.loop.call_soon_threadsafe(self.queue.put_nowait, event.src_path)


async def watch(root: str, queue: asyncio.Queue) -> None:  # expect: blocking-call
    observer = Observer()
    observer.schedule(ChangeForwarderSafe(queue, asyncio.get_running_loop()), root, recursive=True)
    observer.start()
    try:
        while observer.is_alive():
            observer.join(1)
    finally:
        observer.stop()


async def watch_ok(root: str, queue: asyncio.Queue, stop: asyncio.Event) -> None:  # expect: clean  # near: blocking-call
    observer = Observer()
    observer.schedule(ChangeForwarderSafe(queue, asyncio.get_running_loop()), root, recursive=True)
    observer.start()
    try:
        await stop.wait()
    finally:
        observer.stop()
        await asyncio.to_thread(observer.join)


class Uploader:  # expect: lock-across-await
    def __init__(self, sftp: asyncssh.SFTPClient) -> None:
        self.sftp = sftp
        self._inflight: set[str] = set()
        self._mu = threading.Lock()

    async def upload(self, local: str, remote: str) -> None:
        self._mu.acquire()
        self._inflight.add(local)
        await self.sftp.put(local, remote)
        self._inflight.discard(local)
        self._mu.release()


class UploaderOk:  # expect: clean  # near: lock-across-await
    def __init__(self, sftp: asyncssh.SFTPClient) -> None:
        self.sftp = sftp
        self._inflight: set[str] = set()
        self._mu = threading.Lock()

    async def upload(self, local: str, remote: str) -> None:
        with self._mu:
            self._inflight.add(local)
        try:
            await self.sftp.put(local, remote)
        finally:
            with self._mu:
                self._inflight.discard(local)


class Debouncer:  # expect: lock-across-await
    def __init__(self, delay: float = 0.5) -> None:
        self.delay = delay
        self._pending: dict[str, float] = {}
        self._cond = threading.Condition()

    async def settle(self, path: str) -> None:
        with self._cond:
            self._pending[path] = asyncio.get_running_loop().time()
            async with asyncio.timeout(self.delay):
                while path in self._pending:
                    await asyncio.sleep(0.05)


async def sync_loop(queue: asyncio.Queue, uploader: UploaderOk, remote_root: str) -> None:  # expect: cancellation-swallowed
    while True:
        path = await queue.get()
        try:
            await uploader.upload(path, f"{remote_root}/{os.path.basename(path)}")
        except asyncio.CancelledError:
            log.info("upload of %s cancelled, will retry later", path)
            queue.put_nowait(path)
        except OSError:
            log.exception("upload of %s failed", path)


async def sync_loop_ok(queue: asyncio.Queue, uploader: UploaderOk, remote_root: str) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        path = await queue.get()
        try:
            await uploader.upload(path, f"{remote_root}/{os.path.basename(path)}")
        except asyncio.CancelledError:
            log.info("upload of %s cancelled, will retry later", path)
            queue.put_nowait(path)
            raise
        except OSError:
            log.exception("upload of %s failed", path)


async def stop_agent(task: asyncio.Task) -> None:  # expect: clean, ?cancellation-swallowed  # near: cancellation-swallowed
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log.info("sync loop stopped")


async def read_local_state(path: Path) -> dict:  # expect: clean  # near: blocking-call
    if not await aiofiles.os.path.exists(path):
        return {}
    async with aiofiles.open(path) as f:
        lines = (await f.read()).splitlines()
    return dict(line.split("\t", 1) for line in lines if "\t" in line)


class SharedIndex:  # expect: lock-across-await
    def __init__(self, lock: Optional[threading.RLock] = None) -> None:
        self._lock: Optional[threading.RLock] = lock
        self.entries: dict[str, str] = {}

    async def refresh(self, sftp: asyncssh.SFTPClient, remote_dir: str) -> None:
        if self._lock is None:
            return
        with self._lock:
            self.entries = {name: remote_dir for name in await sftp.listdir(remote_dir)}


class SharedIndexOk:  # expect: clean  # near: lock-across-await
    def __init__(self, lock: Optional[threading.RLock] = None) -> None:
        self._lock: Optional[threading.RLock] = lock
        self.entries: dict[str, str] = {}

    async def refresh(self, sftp: asyncssh.SFTPClient, remote_dir: str) -> None:
        names = await sftp.listdir(remote_dir)
        if self._lock is None:
            return
        with self._lock:
            self.entries = {name: remote_dir for name in names}
