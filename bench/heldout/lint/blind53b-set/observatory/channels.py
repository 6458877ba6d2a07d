"""Channels between the camera readers and the API: frame queues and sky alerts."""
from __future__ import annotations

import asyncio
import collections
from dataclasses import dataclass, field
from functools import partial
from typing import TypeAlias

FrameChannel: TypeAlias = asyncio.Queue
AlertQueue: TypeAlias = "asyncio.Queue[str]"


def bounded_channel(size: int = 32) -> asyncio.Queue[bytes]:  # expect: clean
    return asyncio.Queue(maxsize=size)


class SkyAlerts:  # expect: unbounded-queue
    """Fans alerts out to whoever listens on a topic: one queue per topic, made on first use."""

    def __init__(self) -> None:
        self.topics: dict[str, asyncio.Queue[str]] = collections.defaultdict(asyncio.Queue)

    async def publish(self, topic: str, text: str) -> None:
        await self.topics[topic].put(text)

    async def next_alert(self, topic: str) -> str:
        return await self.topics[topic].get()


class BoundedSkyAlerts:  # expect: clean  # near: unbounded-queue
    def __init__(self, depth: int = 100) -> None:
        self.topics: dict[str, asyncio.Queue[str]] = collections.defaultdict(partial(asyncio.Queue, depth))

    async def publish(self, topic: str, text: str) -> None:
        await self.topics[topic].put(text)

    async def next_alert(self, topic: str) -> str:
        return await self.topics[topic].get()


@dataclass
class GuideStream:  # expect: unbounded-queue
    """Guide-camera centroids, pushed by the reader for every frame it decodes."""

    camera: str
    centroids: asyncio.Queue[tuple[float, float]] = field(default_factory=asyncio.Queue)

    async def feed(self, reader: asyncio.StreamReader) -> None:
        while line := await reader.readline():
            x, y = map(float, line.split())
            self.centroids.put_nowait((x, y))


@dataclass
class BoundedGuideStream:  # expect: clean  # near: unbounded-queue
    camera: str
    centroids: asyncio.Queue[tuple[float, float]] = field(default_factory=lambda: asyncio.Queue(maxsize=64))

    async def feed(self, reader: asyncio.StreamReader) -> None:
        while line := await reader.readline():
            x, y = map(float, line.split())
            await self.centroids.put((x, y))
