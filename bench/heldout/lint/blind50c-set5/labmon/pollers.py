"""Pollers that talk to devices over SSH, and the locks that keep them from stepping on each other."""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
from typing import Optional

import asyncssh
import paramiko
from filelock import FileLock

log = logging.getLogger(__name__)
_ssh_slots = threading.BoundedSemaphore(4)
_config_lock = multiprocessing.Lock()


class SshPoller:  # expect: blocking-call
    def __init__(self, host: str, user: str) -> None:
        self.host = host
        self.user = user
        self.client: Optional[paramiko.SSHClient] = None

    def _connect(self) -> paramiko.SSHClient:
        client = paramiko.SSHClient()
        client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        client.connect(self.host, username=self.user, timeout=10)
        return client

    async def uptime(self) -> str:
        if self.client is None:
            self.client = self._connect()
        _, stdout, _ = self.client.exec_command("uptime")
        return stdout.read().decode()


class AsyncSshPoller:  # expect: clean  # near: blocking-call
    def __init__(self, host: str, user: str) -> None:
        self.host = host
        self.user = user
        self.conn: Optional[asyncssh.SSHClientConnection] = None

    async def uptime(self) -> str:
        if self.conn is None:
            self.conn = await asyncssh.connect(self.host, username=self.user, known_hosts=None)
        result = await self.conn.run("uptime", check=True)
        return str(result.stdout)


async def poll_limited(poller: AsyncSshPoller) -> str:  # expect: lock-across-await
    with _ssh_slots:
        return await poller.uptime()


async def poll_limited_async(poller: AsyncSshPoller, slots: asyncio.Semaphore) -> str:  # expect: clean  # near: lock-across-await
    async with slots:
        return await poller.uptime()


async def rewrite_config(poller: AsyncSshPoller, text: str) -> None:  # expect: lock-across-await
    _config_lock.acquire()
    try:
        assert poller.conn is not None
        await poller.conn.run(f"cat > /etc/agent.conf <<'EOF'\n{text}\nEOF", check=True)
    finally:
        _config_lock.release()


async def rewrite_local_config(path: str, text: str) -> None:  # expect: lock-across-await, blocking-call
    with FileLock(path + ".lock"):
        await asyncio.sleep(0)
        with open(path, "w") as fh:
            fh.write(text)


def _write_local_config(path: str, text: str) -> None:  # expect: clean
    with FileLock(path + ".lock"):
        with open(path, "w") as fh:
            fh.write(text)


async def rewrite_local_config_offloaded(path: str, text: str) -> None:  # expect: clean  # near: lock-across-await, blocking-call
    await asyncio.to_thread(_write_local_config, path, text)
