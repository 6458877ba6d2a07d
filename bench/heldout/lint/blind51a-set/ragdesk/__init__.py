"""Retrieval desk: answers support questions from the knowledge base."""
from .clients import (
    AnySearch,
    Completer,
    Embedder,
    OpenAIEmbedder,
    SearchBackend,
    SyncCompleter,
    async_openai_client,
    async_qdrant,
    chroma_collection,
    claude,
    llm_summary,
    openai_client,
    qdrant,
)

__all__ = [
    "AnySearch",
    "Completer",
    "Embedder",
    "OpenAIEmbedder",
    "SearchBackend",
    "SyncCompleter",
    "async_openai_client",
    "async_qdrant",
    "chroma_collection",
    "claude",
    "llm_summary",
    "openai_client",
    "qdrant",
]
