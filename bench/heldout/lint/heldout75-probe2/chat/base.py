"""Base classes of the chat service."""
from __future__ import annotations

import asyncio
import threading


class Repository:  # expect: clean
    async def save(self, obj: dict) -> None:
        await asyncio.sleep(0)

    def validate(self, obj: dict) -> bool:
        return bool(obj)


class Broadcaster:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.listeners: list[asyncio.Queue] = []

    def listen(self) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue()
        self.listeners.append(q)
        return q


DB_LOCK = threading.Lock()
