"""Fetching pages politely."""
from __future__ import annotations

import asyncio
import logging
import random
import urllib.request
from typing import Optional
from urllib.robotparser import RobotFileParser

import aiohttp

log = logging.getLogger(__name__)


class Robots:  # expect: blocking-call
    def __init__(self, base: str) -> None:
        self.base = base
        self.parser: Optional[RobotFileParser] = None

    async def allowed(self, url: str) -> bool:
        if self.parser is None:
            self.parser = RobotFileParser(self.base + "/robots.txt")
            self.parser.read()
        return self.parser.can_fetch("catalogue-bot", url)


class AsyncRobots:  # expect: clean  # near: blocking-call
    def __init__(self, base: str, session: aiohttp.ClientSession) -> None:
        self.base = base
        self.session = session
        self.parser: Optional[RobotFileParser] = None

    async def allowed(self, url: str) -> bool:
        if self.parser is None:
            async with self.session.get(self.base + "/robots.txt") as resp:
                text = await resp.text()
            self.parser = RobotFileParser()
            self.parser.parse(text.splitlines())
        return self.parser.can_fetch("catalogue-bot", url)


async def fetch_legacy(url: str) -> bytes:  # expect: blocking-call
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.read()


async def fetch(session: aiohttp.ClientSession, url: str, retries: int = 3) -> Optional[str]:  # expect: cancellation-swallowed
    for attempt in range(retries):
        try:
            async with session.get(url) as resp:
                resp.raise_for_status()
                return await resp.text()
        except (aiohttp.ClientError, asyncio.TimeoutError, asyncio.CancelledError) as exc:
            log.info("attempt %d for %s failed: %r", attempt, url, exc)
            await asyncio.sleep(2 ** attempt + random.random())
    return None


async def fetch_retrying(session: aiohttp.ClientSession, url: str, retries: int = 3) -> Optional[str]:  # expect: clean  # near: cancellation-swallowed
    for attempt in range(retries):
        try:
            async with session.get(url) as resp:
                resp.raise_for_status()
                return await resp.text()
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            log.info("attempt %d for %s failed: %r", attempt, url, exc)
            await asyncio.sleep(2 ** attempt + random.random())
    return None


async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:  # expect: unawaited-coroutine
    resp = session.get(url)
    try:
        return await resp.text()
    finally:
        resp.release()
