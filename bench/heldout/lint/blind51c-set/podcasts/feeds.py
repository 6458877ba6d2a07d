"""Polling RSS/Atom feeds."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Iterable

import aiohttp
import feedparser

log = logging.getLogger(__name__)


@dataclass
class Feed:
    url: str
    etag: str | None = None
    modified: str | None = None
    titles: list[str] = field(default_factory=list)


async def poll_feed(feed: Feed) -> list[dict]:  # expect: blocking-call
    parsed = feedparser.parse(feed.url, etag=feed.etag, modified=feed.modified)
    feed.etag = parsed.get("etag")
    return list(parsed.entries)


async def poll_feed_async(session: aiohttp.ClientSession, feed: Feed) -> list[dict]:  # expect: clean  # near: blocking-call
    headers = {"If-None-Match": feed.etag} if feed.etag else {}
    async with session.get(feed.url, headers=headers) as resp:
        if resp.status == 304:
            return []
        body = await resp.read()
        feed.etag = resp.headers.get("ETag")
    parsed = feedparser.parse(body)
    return list(parsed.entries)


async def poll_in_thread(feed: Feed) -> list[dict]:  # expect: clean  # near: blocking-call
    parsed = await asyncio.to_thread(feedparser.parse, feed.url, etag=feed.etag)
    return list(parsed.entries)


class Poller:  # expect: dangling-task
    def __init__(self, feeds: Iterable[Feed], interval: float = 900.0) -> None:
        self.feeds = list(feeds)
        self.interval = interval

    def start(self) -> None:
        for feed in self.feeds:
            asyncio.get_running_loop().create_task(self._loop(feed))

    async def _loop(self, feed: Feed) -> None:
        while True:
            try:
                await poll_in_thread(feed)
            except Exception:
                log.exception("poll %s", feed.url)
            await asyncio.sleep(self.interval)


class KeptPoller:  # expect: clean  # near: dangling-task
    def __init__(self, feeds: Iterable[Feed], interval: float = 900.0) -> None:
        self.feeds = list(feeds)
        self.interval = interval
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        for feed in self.feeds:
            task = asyncio.get_running_loop().create_task(self._loop(feed))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _loop(self, feed: Feed) -> None:
        while True:
            await poll_in_thread(feed)
            await asyncio.sleep(self.interval)


async def poll_all(feeds: list[Feed]) -> None:  # expect: cancellation-swallowed
    for feed in feeds:
        try:
            await poll_in_thread(feed)
        except BaseException as exc:  # one bad feed must not stop the rest
            log.warning("feed %s failed: %s", feed.url, exc)


async def poll_all_guarded(feeds: list[Feed]) -> None:  # expect: clean  # near: cancellation-swallowed
    for feed in feeds:
        try:
            await poll_in_thread(feed)
        except asyncio.CancelledError:
            raise
        except BaseException as exc:
            log.warning("feed %s failed: %s", feed.url, exc)
