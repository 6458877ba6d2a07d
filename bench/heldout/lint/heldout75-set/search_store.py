"""Product catalogue: documents in MongoDB, search in Elasticsearch / OpenSearch."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import motor.motor_asyncio
import pymongo
from elasticsearch import AsyncElasticsearch, Elasticsearch
from opensearchpy import AsyncOpenSearch, OpenSearch
from pymongo import MongoClient
from pymongo.collection import Collection

MONGO_URL = "mongodb://db:27017"


async def get_product(sku: str) -> dict | None:  # expect: blocking-call
    client = MongoClient(MONGO_URL)
    return client.shop.products.find_one({"sku": sku})


async def get_product_motor(sku: str) -> dict | None:  # expect: clean  # near: blocking-call
    client = motor.motor_asyncio.AsyncIOMotorClient(MONGO_URL)
    return await client.shop.products.find_one({"sku": sku})


async def restock(products: Collection, sku: str, qty: int) -> None:  # expect: blocking-call
    products.update_one({"sku": sku}, {"$inc": {"stock": qty}})


async def list_category(db: motor.motor_asyncio.AsyncIOMotorDatabase, cat: str) -> list[dict]:  # expect: clean  # near: blocking-call
    cursor = db.products.find({"category": cat}).sort("price", pymongo.ASCENDING)
    return await cursor.to_list(length=200)


@dataclass
class CatalogueRepo:  # expect: blocking-call
    client: pymongo.MongoClient = field(default_factory=lambda: pymongo.MongoClient(MONGO_URL))

    async def count(self) -> int:
        return self.client.shop.products.count_documents({})


class SearchIndex:  # expect: blocking-call
    def __init__(self, hosts: list[str]) -> None:
        self.es = Elasticsearch(hosts)

    async def search(self, text: str) -> list[dict]:
        resp = self.es.search(index="products", query={"match": {"title": text}})
        return [hit["_source"] for hit in resp["hits"]["hits"]]


class AsyncSearchIndex:  # expect: clean  # near: blocking-call
    def __init__(self, hosts: list[str]) -> None:
        self.es = AsyncElasticsearch(hosts)

    async def search(self, text: str) -> list[dict]:
        resp = await self.es.search(index="products", query={"match": {"title": text}})
        return [hit["_source"] for hit in resp["hits"]["hits"]]

    async def close(self) -> None:
        await self.es.close()


async def index_product(os_client: OpenSearch, doc: dict) -> None:  # expect: blocking-call
    os_client.index(index="products", id=doc["sku"], body=doc, refresh=True)


async def index_product_async(os_client: AsyncOpenSearch, doc: dict) -> None:  # expect: clean  # near: blocking-call
    await os_client.index(index="products", id=doc["sku"], body=doc)


async def reindex_all(es: Elasticsearch, docs: list[dict]) -> None:  # expect: clean  # near: blocking-call
    def bulk() -> None:
        for doc in docs:
            es.index(index="products", id=doc["sku"], document=doc)

    await asyncio.to_thread(bulk)


async def health(es: Elasticsearch | None) -> str:  # expect: blocking-call
    if es is None:
        return "disabled"
    return es.cluster.health()["status"]
