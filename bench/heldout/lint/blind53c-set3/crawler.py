"""A polite crawler: robots.txt per host, a URL frontier, a page cache on disk, and a link extractor."""
from __future__ import annotations

import asyncio
import hashlib
import logging
import pathlib
import socket
import sqlite3
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import urljoin, urlparse

import aiohttp

log = logging.getLogger("crawler")


@dataclass
class HostState:  # expect: clean
    robots: Optional[urllib.robotparser.RobotFileParser] = None
    delay: float = 1.0
    gate: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(2))


async def load_robots(host: str) -> urllib.robotparser.RobotFileParser:  # expect: blocking-call
    parser = urllib.robotparser.RobotFileParser(f"https://{host}/robots.txt")
    parser.read()
    return parser


async def load_robots_async(session: aiohttp.ClientSession, host: str) -> urllib.robotparser.RobotFileParser:  # expect: clean  # near: blocking-call
    parser = urllib.robotparser.RobotFileParser()
    async with session.get(f"https://{host}/robots.txt") as resp:
        parser.parse((await resp.text()).splitlines())
    return parser


async def resolve_host(host: str) -> str:  # expect: blocking-call
    return socket.gethostbyname(host)


async def resolve_host_async(host: str) -> str:  # expect: clean  # near: blocking-call
    infos = await asyncio.get_running_loop().getaddrinfo(host, 443, type=socket.SOCK_STREAM)
    return infos[0][4][0]


class PageCache:  # expect: blocking-call
    def __init__(self, root: pathlib.Path) -> None:
        self.root = root

    def _path(self, url: str) -> pathlib.Path:
        return self.root / hashlib.sha1(url.encode()).hexdigest()

    async def get(self, url: str) -> Optional[bytes]:
        path = self._path(url)
        return path.read_bytes() if path.exists() else None


class OffloadedPageCache:  # expect: clean  # near: blocking-call
    def __init__(self, root: pathlib.Path) -> None:
        self.root = root

    def _path(self, url: str) -> pathlib.Path:
        return self.root / hashlib.sha1(url.encode()).hexdigest()

    def _read(self, url: str) -> Optional[bytes]:
        path = self._path(url)
        return path.read_bytes() if path.exists() else None

    async def get(self, url: str) -> Optional[bytes]:
        return await asyncio.to_thread(self._read, url)


class SeenSet:  # expect: blocking-call
    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.execute("CREATE TABLE IF NOT EXISTS seen (url TEXT PRIMARY KEY)")

    async def add(self, url: str) -> bool:
        cur = self.db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (url,))
        self.db.commit()
        return cur.rowcount == 1


class Frontier:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.queue: asyncio.PriorityQueue[tuple[int, str]] = asyncio.PriorityQueue()

    async def push(self, depth: int, url: str) -> None:
        await self.queue.put((depth, url))


class BoundedFrontier:  # expect: clean  # near: unbounded-queue
    def __init__(self, limit: int = 10_000) -> None:
        self.queue: asyncio.PriorityQueue[tuple[int, str]] = asyncio.PriorityQueue(limit)

    async def push(self, depth: int, url: str) -> None:
        await self.queue.put((depth, url))


async def fetch_fallback(url: str, session: aiohttp.ClientSession) -> bytes:  # expect: blocking-call
    try:
        async with session.get(url) as resp:
            return await resp.read()
    except aiohttp.ClientError:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.read()


async def fetch_with_retry(url: str, session: aiohttp.ClientSession) -> Optional[bytes]:  # expect: cancellation-swallowed
    for attempt in range(3):
        try:
            async with session.get(url) as resp:
                return await resp.read()
        except (aiohttp.ClientError, asyncio.TimeoutError):
            await asyncio.sleep(2 ** attempt)
        except BaseException as exc:
            log.error("giving up on %s: %r", url, exc)
            return None
    return None


async def fetch_with_retry_clean(url: str, session: aiohttp.ClientSession) -> Optional[bytes]:  # expect: clean  # near: cancellation-swallowed
    for attempt in range(3):
        try:
            async with session.get(url) as resp:
                return await resp.read()
        except (aiohttp.ClientError, asyncio.TimeoutError):
            await asyncio.sleep(2 ** attempt)
    return None


async def crawl_links(page: str, base: str, frontier: BoundedFrontier, depth: int) -> None:  # expect: dangling-task
    for href in _links(page):
        url = urljoin(base, href)
        if urlparse(url).scheme in ("http", "https"):
            asyncio.create_task(frontier.push(depth + 1, url))


async def crawl_links_awaited(page: str, base: str, frontier: BoundedFrontier, depth: int) -> None:  # expect: clean  # near: dangling-task
    for href in _links(page):
        url = urljoin(base, href)
        if urlparse(url).scheme in ("http", "https"):
            await frontier.push(depth + 1, url)


def _links(page: str) -> list[str]:  # expect: clean
    out = []
    for chunk in page.split('href="')[1:]:
        out.append(chunk.split('"', 1)[0])
    return out


async def polite_get(state: HostState, session: aiohttp.ClientSession, url: str) -> bytes:  # expect: clean
    async with state.gate:
        await asyncio.sleep(state.delay)
        async with session.get(url) as resp:
            return await resp.read()


async def warm_up(hosts: list[str], states: dict[str, HostState]) -> None:  # expect: unawaited-coroutine
    for host in hosts:
        robots = load_robots(host)
        states[host] = HostState(robots=robots)


async def warm_up_awaited(hosts: list[str], states: dict[str, HostState]) -> None:  # expect: clean  # near: unawaited-coroutine
    for host in hosts:
        robots = await asyncio.to_thread(_read_robots, host)
        states[host] = HostState(robots=robots)


def _read_robots(host: str) -> urllib.robotparser.RobotFileParser:  # expect: clean
    parser = urllib.robotparser.RobotFileParser(f"https://{host}/robots.txt")
    parser.read()
    return parser
