"""Product search backed by Meilisearch or Typesense."""
from __future__ import annotations

import asyncio
from typing import Any

import meilisearch
import typesense


class MeiliCatalogue:  # expect: blocking-call
    def __init__(self, url: str, key: str) -> None:
        self.client = meilisearch.Client(url, key)
        self.index = self.client.index("products")

    async def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        return self.index.search(query, {"limit": limit})["hits"]


class OffloadedMeiliCatalogue:  # expect: clean  # near: blocking-call
    def __init__(self, url: str, key: str) -> None:
        self.client = meilisearch.Client(url, key)
        self.index = self.client.index("products")

    async def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        result = await asyncio.to_thread(self.index.search, query, {"limit": limit})
        return result["hits"]

    def reindex(self, products: list[dict[str, Any]]) -> None:
        self.index.add_documents(products)


async def typesense_search(client: typesense.Client, query: str) -> list[dict[str, Any]]:  # expect: blocking-call
    found = client.collections["products"].documents.search({"q": query, "query_by": "title,description"})
    return [hit["document"] for hit in found["hits"]]
