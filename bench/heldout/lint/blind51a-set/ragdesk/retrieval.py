"""Retrieval handlers: vector search in Qdrant, Chroma or Pinecone, keyword search in Elasticsearch/OpenSearch."""
from __future__ import annotations

import asyncio
import logging
import os
from typing import Optional

import chromadb
from pinecone import Pinecone
from qdrant_client.models import FieldCondition, Filter, MatchValue, PointStruct

from . import Embedder, OpenAIEmbedder, SearchBackend, SyncCompleter, async_qdrant, chroma_collection, qdrant
from .clients import registered

log = logging.getLogger(__name__)
COLLECTION = "kb"
backend = SearchBackend(os.environ.get("SEARCH_HOSTS", "http://search:9200").split(","))


def tenant_filter(tenant: str) -> Filter:  # expect: clean
    return Filter(must=[FieldCondition(key="tenant", match=MatchValue(value=tenant))])


async def search_chunks(query_vec: list[float], tenant: str, limit: int = 8) -> list[dict]:  # expect: blocking-call
    hits = qdrant().search(
        collection_name=COLLECTION, query_vector=query_vec, query_filter=tenant_filter(tenant), limit=limit
    )
    return [h.payload for h in hits]


async def search_chunks_async(query_vec: list[float], tenant: str, limit: int = 8) -> list[dict]:  # expect: clean  # near: blocking-call
    client = async_qdrant()
    hits = await client.search(
        collection_name=COLLECTION, query_vector=query_vec, query_filter=tenant_filter(tenant), limit=limit
    )
    return [h.payload for h in hits]


async def upsert_chunks(ids: list[int], vectors: list[list[float]], payloads: list[dict]) -> None:  # expect: unawaited-coroutine
    client = async_qdrant()
    points = [PointStruct(id=i, vector=v, payload=p) for i, v, p in zip(ids, vectors, payloads)]
    client.upsert(collection_name=COLLECTION, points=points, wait=True)
    log.info("upserted %d chunks", len(points))


async def upsert_chunks_offloaded(ids: list[int], vectors: list[list[float]], payloads: list[dict]) -> None:  # expect: clean  # near: blocking-call
    points = [PointStruct(id=i, vector=v, payload=p) for i, v, p in zip(ids, vectors, payloads)]
    await asyncio.to_thread(qdrant().upsert, collection_name=COLLECTION, points=points, wait=True)


async def keyword_search(q: str, size: int = 10) -> list[dict]:  # expect: blocking-call
    resp = backend.client.search(index="kb", query={"match": {"text": q}}, size=size)
    return [h["_source"] for h in resp["hits"]["hits"]]


async def keyword_search_async(q: str, size: int = 10) -> list[dict]:  # expect: clean  # near: blocking-call
    es = backend.aclient
    try:
        resp = await es.search(index="kb", query={"match": {"text": q}}, size=size)
    finally:
        await es.close()
    return [h["_source"] for h in resp["hits"]["hits"]]


async def index_article(doc_id: str, body: dict) -> None:  # expect: unawaited-coroutine
    es = backend.aclient
    try:
        es.index(index="kb", id=doc_id, document=body, refresh="wait_for")
    finally:
        await es.close()


async def chroma_add(ids: list[str], docs: list[str], embeddings: list[list[float]]) -> None:  # expect: blocking-call
    col = chroma_collection("kb")
    col.add(ids=ids, documents=docs, embeddings=embeddings)


async def chroma_query_remote(text: str) -> list[str]:  # expect: clean  # near: blocking-call
    client = await chromadb.AsyncHttpClient(host="chroma", port=8000)
    col = await client.get_or_create_collection("kb")
    res = await col.query(query_texts=[text], n_results=5)
    return res["documents"][0]


class PineconeIndex:  # expect: blocking-call
    def __init__(self, name: str) -> None:
        self.index = Pinecone(api_key=os.environ["PINECONE_API_KEY"]).Index(name)

    async def nearest(self, vec: list[float], k: int = 5) -> list[dict]:
        res = self.index.query(vector=vec, top_k=k, include_metadata=True)
        return res["matches"]


class PineconeIndexAsync:  # expect: clean  # near: blocking-call
    def __init__(self, host: str) -> None:
        self.pc = Pinecone(api_key=os.environ["PINECONE_API_KEY"])
        self.host = host

    async def nearest(self, vec: list[float], k: int = 5) -> list[dict]:
        async with self.pc.IndexAsyncio(host=self.host) as idx:
            res = await idx.query(vector=vec, top_k=k, include_metadata=True)
        return res["matches"]


class Answerer:  # expect: blocking-call
    def __init__(self, completer: Optional[SyncCompleter] = None) -> None:
        self.completer = completer or SyncCompleter()
        self.embedder: Embedder = OpenAIEmbedder()

    async def answer(self, question: str, tenant: str) -> str:
        vec = (await self.embedder.embed([question]))[0]
        chunks = await search_chunks_async(vec, tenant)
        context = "\n---\n".join(c["text"] for c in chunks)
        return self.completer.complete(f"{context}\n\nQuestion: {question}")


class AnswererOffloaded:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.completer = registered("completer", SyncCompleter)
        self.embedder: Embedder = OpenAIEmbedder()

    async def answer(self, question: str, tenant: str) -> str:
        vec = (await self.embedder.embed([question]))[0]
        chunks = await search_chunks_async(vec, tenant)
        context = "\n---\n".join(c["text"] for c in chunks)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.completer.complete, f"{context}\n\nQuestion: {question}")


class EmbedWarmup:  # expect: unawaited-coroutine
    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.probe = None

    async def start(self) -> None:
        self.probe = self.embedder.embed(["warm-up"])
        log.info("embedder ready")


class EmbedBatcher:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.pending: list = []

    def add(self, texts: list[str]) -> None:
        self.pending.append(self.embedder.embed(texts))

    async def flush(self) -> list[list[list[float]]]:
        results = await asyncio.gather(*self.pending)
        self.pending.clear()
        return results
