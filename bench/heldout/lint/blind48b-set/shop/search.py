"""The product search index, rebuilt from the database and warmed at start-up."""
from __future__ import annotations

import asyncio
import logging

from elasticsearch import AsyncElasticsearch

log = logging.getLogger(__name__)
es = AsyncElasticsearch("http://search:9200")


async def warm_cache(name: str) -> None:  # expect: clean
    await es.indices.refresh(index=name)


class SearchIndex:  # expect: clean
    async def rebuild(self) -> None:
        await es.indices.delete(index="products", ignore_unavailable=True)
        await es.indices.create(index="products")

    async def query(self, q: str) -> list:
        result = await es.search(index="products", query={"match": {"name": q}})
        return [hit["_source"] for hit in result["hits"]["hits"]]

    async def record_query(self, q: str, hits: int) -> None:
        await es.index(index="queries", document={"q": q, "hits": hits})

    async def record_access(self, kind: str, user_id: str, path: str) -> None:
        await es.index(index="access", document={"kind": kind, "user": user_id, "path": path})
