"""The crawl pipeline: a frontier of URLs, fetch workers, and a writer."""
from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable

log = logging.getLogger(__name__)


class Frontier:  # expect: unbounded-queue
    """URLs to visit; each fetched page adds the links it finds."""

    def __init__(self) -> None:
        self.todo: asyncio.Queue[str] = asyncio.Queue()
        self.seen: set[str] = set()

    def add(self, url: str) -> None:
        if url not in self.seen:
            self.seen.add(url)
            self.todo.put_nowait(url)


class BoundedFrontier:  # expect: clean  # near: unbounded-queue
    def __init__(self, limit: int = 10_000) -> None:
        self.todo: asyncio.Queue[str] = asyncio.Queue(maxsize=limit)
        self.seen: set[str] = set()

    async def add(self, url: str) -> None:
        if url not in self.seen:
            self.seen.add(url)
            await self.todo.put(url)


async def crawl(frontier: Frontier, visit: Callable[[str], Awaitable[list[str]]], workers: int = 8) -> None:  # expect: clean
    async def worker() -> None:
        while True:
            url = await frontier.todo.get()
            try:
                for link in await visit(url):
                    frontier.add(link)
            finally:
                frontier.todo.task_done()

    tasks = [asyncio.create_task(worker()) for _ in range(workers)]
    await frontier.todo.join()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def crawl_leaky(frontier: Frontier, visit: Callable[[str], Awaitable[list[str]]]) -> None:  # expect: unbounded-spawn, dangling-task
    while True:
        url = await frontier.todo.get()
        asyncio.create_task(visit(url))


async def crawl_forgetful(frontier: Frontier, visit: Callable[[str], Awaitable[list[str]]]) -> None:  # expect: unawaited-coroutine
    while not frontier.todo.empty():
        url = frontier.todo.get_nowait()
        links = visit(url)
        log.debug("visited %s", url)
        for link in await links:
            frontier.add(link)
        visit(link)
