"""Shapes found missing on the seventy-second held-out set (framework code written as whole modules: FastAPI,
aiohttp, Django, bots, Celery/RQ bridges, Textual, websockets, SQLAlchemy): each flagged shape beside the
look-alikes of the same shape that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_sync_function_declaring_a_scalar_result_returns_a_coroutine():
    # a Celery task or CLI helper `-> int` that returns `crawl(url)`: its caller takes the coroutine for the int
    check_marked('''
        import asyncio
        from typing import Awaitable, Coroutine, Optional

        async def crawl(url: str) -> int:
            await asyncio.sleep(0)
            return len(url)

        def crawl_size(url: str) -> int:
            size = crawl(url)  # ACK301
            return size

        def crawl_direct(url: str) -> Optional[int]:
            return crawl(url)  # ACK301

        def crawl_label(url: str) -> str | None:
            return crawl(url)  # ACK301

        def crawl_factory(url: str):
            return crawl(url)

        def crawl_awaitable(url: str) -> Awaitable[int]:
            return crawl(url)

        def crawl_coroutine(url: str) -> Coroutine[None, None, int]:
            job = crawl(url)
            return job

        def crawl_many(urls: list[str]) -> list:
            return [crawl(u) for u in urls]

        def crawl_run(url: str) -> int:
            return asyncio.run(crawl(url))

        def crawl_unknown(client, url: str) -> int:
            return client.crawl(url)
    ''', ["ACK301"])
