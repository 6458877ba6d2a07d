"""Clients of the retrieval desk: one factory per backend, so tests and the worker can swap them."""
from __future__ import annotations

import functools
import os
import threading
from typing import Optional, Protocol, Union

import anthropic
import chromadb
from elasticsearch import AsyncElasticsearch, Elasticsearch
from openai import AsyncOpenAI, OpenAI
from opensearchpy import AsyncOpenSearch, OpenSearch
from qdrant_client import AsyncQdrantClient, QdrantClient

LLM_MODEL = os.environ.get("RAG_MODEL", "gpt-4o-mini")
EMBED_MODEL = "text-embedding-3-small"
CLAUDE_MODEL = "claude-3-5-haiku-latest"

_registry_lock = threading.Lock()
_registry: dict[str, object] = {}

AnySearch = Union[Elasticsearch, OpenSearch]
AnyAsyncSearch = Union[AsyncElasticsearch, AsyncOpenSearch]


class Embedder(Protocol):  # expect: clean
    async def embed(self, texts: list[str]) -> list[list[float]]: ...


class Completer(Protocol):  # expect: clean
    def complete(self, prompt: str) -> str: ...


def openai_client() -> OpenAI:  # expect: clean
    return OpenAI(timeout=30, max_retries=2)


def async_openai_client() -> AsyncOpenAI:  # expect: clean
    return AsyncOpenAI(timeout=30, max_retries=2)


@functools.lru_cache(maxsize=None)
def qdrant() -> QdrantClient:  # expect: clean
    return QdrantClient(url=os.environ.get("QDRANT_URL", "http://qdrant:6333"), prefer_grpc=True)


def async_qdrant() -> AsyncQdrantClient:  # expect: clean
    return AsyncQdrantClient(url=os.environ.get("QDRANT_URL", "http://qdrant:6333"))


def claude() -> anthropic.Anthropic:  # expect: clean
    return anthropic.Anthropic(max_retries=3)


def chroma_collection(name: str):  # expect: clean
    client = chromadb.PersistentClient(path="/var/lib/ragdesk/chroma")
    return client.get_or_create_collection(name)


class OpenAIEmbedder:  # expect: clean
    def __init__(self, client: Optional[AsyncOpenAI] = None) -> None:
        self.client = client or async_openai_client()

    async def embed(self, texts: list[str]) -> list[list[float]]:
        resp = await self.client.embeddings.create(model=EMBED_MODEL, input=texts)
        return [d.embedding for d in resp.data]


class SyncCompleter:  # expect: clean
    def __init__(self) -> None:
        self.client = openai_client()

    def complete(self, prompt: str) -> str:
        resp = self.client.chat.completions.create(
            model=LLM_MODEL, messages=[{"role": "user", "content": prompt}], temperature=0.2
        )
        return resp.choices[0].message.content or ""


class SearchBackend:  # expect: clean
    """Elasticsearch or OpenSearch, picked from the environment at first use."""

    def __init__(self, hosts: list[str]) -> None:
        self._hosts = hosts
        self._client: Optional[AnySearch] = None

    @property
    def client(self) -> AnySearch:
        if self._client is None:
            if os.environ.get("SEARCH_FLAVOUR") == "opensearch":
                self._client = OpenSearch(hosts=self._hosts, timeout=10)
            else:
                self._client = Elasticsearch(self._hosts, request_timeout=10)
        return self._client

    @property
    def aclient(self) -> AnyAsyncSearch:
        if os.environ.get("SEARCH_FLAVOUR") == "opensearch":
            return AsyncOpenSearch(hosts=self._hosts)
        return AsyncElasticsearch(self._hosts)


def registered(name: str, factory):  # expect: clean
    with _registry_lock:
        if name not in _registry:
            _registry[name] = factory()
        return _registry[name]


def llm_summary(text: str, max_tokens: int = 300) -> str:  # expect: clean
    """Summarises with the sync client; the worker threads call it."""
    resp = claude().messages.create(
        model=CLAUDE_MODEL,
        max_tokens=max_tokens,
        messages=[{"role": "user", "content": f"Summarise for a support agent:\n\n{text}"}],
    )
    return resp.content[0].text
