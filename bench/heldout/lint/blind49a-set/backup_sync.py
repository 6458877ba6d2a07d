"""Nightly backups: archives of the media folders, pushed to the backup host over SSH, mirrored with rsync."""
from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import shutil
import subprocess
import tarfile
import threading
import zipfile
from datetime import date
from pathlib import Path
from typing import Awaitable, Optional

import asyncssh
import paramiko

log = logging.getLogger("backup")
MEDIA = Path("/srv/media")
STAGING = Path("/var/backups/staging")
HOST = "backup.internal"


def ssh_client() -> paramiko.SSHClient:  # expect: clean
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(HOST, username="backup", timeout=15)
    return client


class SftpUploader:  # expect: blocking-call
    def __init__(self) -> None:
        self._client: Optional[paramiko.SSHClient] = None
        self._sftp: Optional[paramiko.SFTPClient] = None

    def _ensure(self) -> paramiko.SFTPClient:
        if self._sftp is None:
            self._client = ssh_client()
            self._sftp = self._client.open_sftp()
        return self._sftp

    async def upload(self, local: Path, remote: str) -> None:
        sftp = self._ensure()
        sftp.put(str(local), remote)


class SftpUploaderOk:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self._client: Optional[paramiko.SSHClient] = None
        self._sftp: Optional[paramiko.SFTPClient] = None

    def _ensure(self) -> paramiko.SFTPClient:
        if self._sftp is None:
            self._client = ssh_client()
            self._sftp = self._client.open_sftp()
        return self._sftp

    def _put(self, local: Path, remote: str) -> None:
        self._ensure().put(str(local), remote)

    async def upload(self, local: Path, remote: str) -> None:
        await asyncio.to_thread(self._put, local, remote)


async def remote_disk_free(client: paramiko.SSHClient) -> int:  # expect: blocking-call
    _, stdout, _ = client.exec_command("df --output=avail -B1 /srv/backups | tail -1")
    return int(stdout.read().decode().strip())


async def push_archive(archive: Path) -> None:  # expect: clean  # near: blocking-call
    async with asyncssh.connect(HOST, username="backup") as conn:
        async with conn.start_sftp_client() as sftp:
            await sftp.put(str(archive), f"incoming/{archive.name}")
        result = await conn.run(f"sha256sum incoming/{archive.name}", check=True)
        log.info("remote digest %s", str(result.stdout).split()[0])


class RemoteRotator:  # expect: unawaited-coroutine
    """Keeps one asyncssh connection to prune old archives after each upload."""

    def __init__(self) -> None:
        self._conn: Optional[asyncssh.SSHClientConnection] = None

    async def connect(self) -> None:
        self._conn = await asyncssh.connect(HOST, username="backup")

    async def prune(self, keep: int) -> None:
        assert self._conn is not None
        self._conn.run(f"ls -1t incoming | tail -n +{keep + 1} | xargs -r rm --", check=False)


class RemoteRotatorOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self._conn: Optional[asyncssh.SSHClientConnection] = None

    async def connect(self) -> None:
        self._conn = await asyncssh.connect(HOST, username="backup")

    async def prune(self, keep: int) -> None:
        assert self._conn is not None
        await self._conn.run(f"ls -1t incoming | tail -n +{keep + 1} | xargs -r rm --", check=False)

    async def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            await self._conn.wait_closed()


async def stage_media(day: date) -> Path:  # expect: blocking-call
    dest = STAGING / day.isoformat()
    shutil.copytree(MEDIA, dest, dirs_exist_ok=True)
    return dest


async def stage_media_ok(day: date) -> Path:  # expect: clean  # near: blocking-call
    dest = STAGING / day.isoformat()
    await asyncio.to_thread(shutil.copytree, MEDIA, dest, dirs_exist_ok=True)
    return dest


class ZipBundle:  # expect: blocking-call
    def __init__(self, path: Path) -> None:
        self.path = path
        self.archive: Optional[zipfile.ZipFile] = None

    def open(self) -> None:
        self.archive = zipfile.ZipFile(self.path, "w", compression=zipfile.ZIP_DEFLATED)

    async def add_files(self, files: list[Path], root: Path) -> int:
        for file in files:
            self.archive.write(file, file.relative_to(root))
            await asyncio.sleep(0)
        return len(files)


def open_tar(path: Path) -> tarfile.TarFile:  # expect: clean
    return tarfile.open(path, "w:gz")


async def tar_logs(logs: list[Path], out: Path) -> None:  # expect: blocking-call
    tar = open_tar(out)
    try:
        for log_file in logs:
            tar.add(log_file, arcname=log_file.name)
    finally:
        tar.close()


async def manifest_names(blob: bytes) -> list[str]:  # expect: clean  # near: blocking-call
    # the manifest tarball arrives in the request body: an in-memory archive of a few entries
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:") as tar:
        return tar.getnames()


async def mirror(src: Path, dest: str) -> int:  # expect: blocking-call
    done = subprocess.run(["rsync", "-a", "--delete", f"{src}/", dest], capture_output=True, check=False)
    return done.returncode


async def mirror_ok(src: Path, dest: str) -> int:  # expect: clean  # near: blocking-call
    proc = await asyncio.create_subprocess_exec(
        "rsync", "-a", "--delete", f"{src}/", dest,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    _, err = await proc.communicate()
    if proc.returncode:
        log.warning("rsync: %s", err.decode(errors="replace"))
    return proc.returncode


async def mirror_progress(src: Path, dest: str) -> None:  # expect: blocking-call
    proc = subprocess.Popen(["rsync", "-a", "--info=progress2", f"{src}/", dest], stdout=subprocess.PIPE, text=True)
    for line in proc.stdout:
        log.info("rsync %s", line.strip())
        await asyncio.sleep(0)
    proc.wait()


class BackupJobs:  # expect: lock-across-await
    """One lock per target host: two backups to one host never overlap (the cron thread takes them too)."""

    def __init__(self, hosts: list[str]) -> None:
        self.locks = {host: threading.Lock() for host in hosts}

    async def run(self, host: str, archive: Path) -> None:
        lock = self.locks[host]
        with lock:
            async with asyncssh.connect(host, username="backup") as conn:
                async with conn.start_sftp_client() as sftp:
                    await sftp.put(str(archive), "incoming/")


class BackupJobsOk:  # expect: clean  # near: lock-across-await
    def __init__(self, hosts: list[str]) -> None:
        self.locks = {host: asyncio.Lock() for host in hosts}

    async def run(self, host: str, archive: Path) -> None:
        async with self.locks[host]:
            async with asyncssh.connect(host, username="backup") as conn:
                async with conn.start_sftp_client() as sftp:
                    await sftp.put(str(archive), "incoming/")


async def nightly(targets: list[str]) -> None:  # expect: cancellation-swallowed
    for target in targets:
        try:
            archive = await asyncio.to_thread(shutil.make_archive, str(STAGING / target), "gztar", MEDIA / target)
            await push_archive(Path(archive))
        except asyncio.CancelledError:
            log.warning("backup of %s interrupted, next target", target)
            continue
        except Exception:
            log.exception("backup of %s failed", target)


async def nightly_ok(targets: list[str]) -> None:  # expect: clean  # near: cancellation-swallowed
    for target in targets:
        try:
            archive = await asyncio.to_thread(shutil.make_archive, str(STAGING / target), "gztar", MEDIA / target)
            await push_archive(Path(archive))
        except asyncio.CancelledError:
            log.warning("backup of %s interrupted", target)
            raise
        except Exception:
            log.exception("backup of %s failed", target)


async def quietly(step: Awaitable[None]) -> None:  # expect: cancellation-swallowed
    """Clean-up steps that may fail after a broken connection."""
    with contextlib.suppress(BaseException):
        await step


async def quietly_ok(step: Awaitable[None]) -> None:  # expect: clean  # near: cancellation-swallowed
    with contextlib.suppress(OSError, asyncssh.Error):
        await step
