"""Where ingested records end up."""
from __future__ import annotations

import asyncio
import json
import logging

import aiohttp

log = logging.getLogger("ingest.sinks")


class HttpSink:  # expect: clean
    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        self.session = session
        self.url = url
        self.buffer: list[dict] = []

    async def write(self, record: dict) -> None:
        self.buffer.append(record)
        if len(self.buffer) >= 500:
            await self.flush()

    async def flush(self) -> None:
        if not self.buffer:
            return
        batch, self.buffer = self.buffer, []
        async with self.session.post(self.url, json=batch) as resp:
            resp.raise_for_status()

    async def close(self) -> None:
        await self.flush()


class FileSink:  # expect: clean
    def __init__(self, path: str) -> None:
        self.fh = open(path, "a", encoding="utf-8")

    def write(self, record: dict) -> None:
        self.fh.write(json.dumps(record) + "\n")

    def flush(self) -> None:
        self.fh.flush()


class BeaconSink:  # expect: unawaited-coroutine
    """Posts a small heartbeat record for every batch it is told about."""

    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        self.session = session
        self.url = url

    async def beat(self, count: int) -> None:
        self.session.post(self.url, json={"batch": count})
        log.debug("beacon sent for %d records", count)


class BeaconSinkAwaited:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        self.session = session
        self.url = url

    async def beat(self, count: int) -> None:
        async with self.session.post(self.url, json={"batch": count}) as resp:
            resp.raise_for_status()
