"""Deploy agent: resolves the fleet's hosts, mirrors the config repositories, tells the control plane what changed."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Awaitable, Callable, Iterator, Optional

import dns.asyncresolver
import dns.resolver
import git
import pygit2
from dulwich import porcelain

log = logging.getLogger("agent")
MIRRORS = Path("/var/lib/agent/mirrors")
Notifier = Callable[[str, dict], Awaitable[None]]


@dataclass
class Target:  # expect: clean
    host: str
    port: int = 22
    repo_url: str = ""


async def resolve_blocking(target: Target) -> list[str]:  # expect: blocking-call
    answer = dns.resolver.resolve(target.host, "A", lifetime=3.0)
    return [r.address for r in answer]


async def resolve_async(target: Target) -> list[str]:  # expect: clean  # near: blocking-call
    answer = await dns.asyncresolver.resolve(target.host, "A", lifetime=3.0)
    return [r.address for r in answer]


class SrvLookup:  # expect: blocking-call
    def __init__(self) -> None:
        self.resolver = dns.resolver.Resolver(configure=True)
        self.resolver.lifetime = 2.0

    async def endpoints(self, service: str) -> list[tuple[str, int]]:
        answer = self.resolver.resolve(f"_{service}._tcp.fleet.internal", "SRV")
        return [(str(r.target).rstrip("."), r.port) for r in answer]


class SrvLookupAsync:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.resolver = dns.asyncresolver.Resolver(configure=True)
        self.resolver.lifetime = 2.0

    async def endpoints(self, service: str) -> list[tuple[str, int]]:
        answer = await self.resolver.resolve(f"_{service}._tcp.fleet.internal", "SRV")
        return [(str(r.target).rstrip("."), r.port) for r in answer]


class SrvLookupForgot:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.resolver = dns.asyncresolver.Resolver(configure=True)

    async def warm(self, services: list[str]) -> None:
        for service in services:
            self.resolver.resolve(f"_{service}._tcp.fleet.internal", "SRV")
        log.info("warmed %d services", len(services))


async def addresses(target: Target) -> list[str]:  # expect: blocking-call
    infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


async def addresses_loop(target: Target) -> list[str]:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


async def reachable(target: Target) -> bool:  # expect: unawaited-coroutine
    loop = asyncio.get_running_loop()
    pending = loop.getaddrinfo(target.host, target.port)
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(target.host, target.port), 3)
    except OSError:
        return False
    writer.close()
    return True


def clone_or_open(target: Target) -> git.Repo:  # expect: clean
    dest = MIRRORS / target.host
    if dest.exists():
        return git.Repo(dest)
    return git.Repo.clone_from(target.repo_url, dest, depth=1)


async def sync_mirror(target: Target) -> str:  # expect: blocking-call
    repo = clone_or_open(target)
    repo.remotes.origin.pull()
    return repo.head.commit.hexsha


async def sync_mirror_offloaded(target: Target) -> str:  # expect: clean  # near: blocking-call
    def _sync() -> str:
        repo = clone_or_open(target)
        repo.remotes.origin.pull()
        return repo.head.commit.hexsha

    return await asyncio.to_thread(_sync)


async def changed_files(repo: git.Repo, since: str) -> list[str]:  # expect: blocking-call
    return repo.git.diff("--name-only", since, "HEAD").splitlines()


async def dulwich_clone(target: Target) -> None:  # expect: blocking-call
    porcelain.clone(target.repo_url, str(MIRRORS / f"{target.host}.dulwich"), depth=1)


async def pygit2_log(path: Path, limit: int = 20) -> list[str]:  # expect: blocking-call
    repo = pygit2.Repository(str(path))
    out = []
    for commit in repo.walk(repo.head.target, pygit2.GIT_SORT_TIME):
        out.append(commit.message.splitlines()[0])
        if len(out) >= limit:
            break
    return out


class MirrorSet:  # expect: lock-across-await
    """Mirrors are pulled by the cron thread and by the agent's requests; one thread lock per host."""

    def __init__(self, notify: Notifier) -> None:
        self.notify = notify
        self._locks: dict[str, threading.Lock] = {}
        self._table_lock = threading.Lock()

    def _lock_for(self, host: str) -> threading.Lock:
        with self._table_lock:
            return self._locks.setdefault(host, threading.Lock())

    async def refresh(self, target: Target) -> None:
        with self._lock_for(target.host):
            head = await asyncio.to_thread(lambda: clone_or_open(target).head.commit.hexsha)
            await self.notify("mirror.updated", {"host": target.host, "head": head})


class MirrorSetOk:  # expect: clean  # near: lock-across-await
    def __init__(self, notify: Notifier) -> None:
        self.notify = notify
        self._locks: dict[str, threading.Lock] = {}
        self._table_lock = threading.Lock()

    def _lock_for(self, host: str) -> threading.Lock:
        with self._table_lock:
            return self._locks.setdefault(host, threading.Lock())

    def _pull(self, target: Target) -> str:
        with self._lock_for(target.host):
            return clone_or_open(target).head.commit.hexsha

    async def refresh(self, target: Target) -> None:
        head = await asyncio.to_thread(self._pull, target)
        await self.notify("mirror.updated", {"host": target.host, "head": head})


class HostTable:  # expect: clean
    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self.hosts: dict[str, list[str]] = {}

    @contextlib.contextmanager
    def editing(self) -> Iterator[dict[str, list[str]]]:
        with self._mutex:
            yield self.hosts


async def refresh_hosts(table: HostTable, targets: list[Target]) -> None:  # expect: lock-across-await
    with table.editing() as hosts:
        for t in targets:
            hosts[t.host] = await resolve_async(t)


async def refresh_hosts_ok(table: HostTable, targets: list[Target]) -> None:  # expect: clean  # near: lock-across-await
    fresh = {t.host: await resolve_async(t) for t in targets}
    with table.editing() as hosts:
        hosts.update(fresh)


class ChangeFeed:  # expect: unawaited-coroutine
    def __init__(self, notify: Notifier) -> None:
        self.notify = notify
        self.last: dict[str, str] = {}

    async def report(self, target: Target, head: str) -> None:
        if self.last.get(target.host) != head:
            self.last[target.host] = head
            pending = self.notify("repo.changed", {"host": target.host, "head": head})
            log.info("change on %s queued: %r", target.host, pending)


class ChangeFeedOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, notify: Notifier) -> None:
        self.notify = notify
        self.last: dict[str, str] = {}
        self.sending: list[Awaitable[None]] = []

    async def report(self, target: Target, head: str) -> None:
        if self.last.get(target.host) != head:
            self.last[target.host] = head
            self.sending.append(self.notify("repo.changed", {"host": target.host, "head": head}))

    async def flush(self) -> None:
        batch, self.sending = self.sending, []
        await asyncio.gather(*batch)


async def agent_loop(targets: list[Target], notify: Notifier) -> None:  # expect: cancellation-swallowed
    feed = ChangeFeedOk(notify)
    while True:
        for t in targets:
            try:
                head = await asyncio.to_thread(lambda: clone_or_open(t).head.commit.hexsha)
                await feed.report(t, head)
            except (asyncio.CancelledError, git.GitCommandError) as exc:
                log.warning("skipping %s this round: %s", t.host, exc)
        await feed.flush()
        await asyncio.sleep(60)


async def agent_loop_ok(targets: list[Target], notify: Notifier) -> None:  # expect: clean  # near: cancellation-swallowed
    feed = ChangeFeedOk(notify)
    while True:
        for t in targets:
            try:
                head = await asyncio.to_thread(lambda: clone_or_open(t).head.commit.hexsha)
                await feed.report(t, head)
            except (asyncio.TimeoutError, git.GitCommandError) as exc:
                log.warning("skipping %s this round: %s", t.host, exc)
        await feed.flush()
        await asyncio.sleep(60)
