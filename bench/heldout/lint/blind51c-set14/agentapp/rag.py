"""Ingestion and retrieval with LangChain."""
from __future__ import annotations

import asyncio

from langchain_community.document_loaders import PyPDFLoader, WebBaseLoader
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.vectorstores import VectorStore
from langchain_text_splitters import RecursiveCharacterTextSplitter

_splitter = RecursiveCharacterTextSplitter(chunk_size=800, chunk_overlap=80)


async def ingest_page(store: VectorStore, url: str) -> int:  # expect: blocking-call
    docs = WebBaseLoader(url).load()
    chunks = _splitter.split_documents(docs)
    await store.aadd_documents(chunks)
    return len(chunks)


async def ingest_page_async(store: VectorStore, url: str) -> int:  # expect: clean  # near: blocking-call
    docs = await WebBaseLoader(url).aload()
    chunks = _splitter.split_documents(docs)
    await store.aadd_documents(chunks)
    return len(chunks)


async def ingest_pdf(store: VectorStore, path: str) -> None:  # expect: blocking-call
    pages = await asyncio.to_thread(PyPDFLoader(path).load)
    store.add_documents(_splitter.split_documents(pages))


async def retrieve(store: VectorStore, question: str, k: int = 4) -> list[Document]:  # expect: blocking-call
    return store.similarity_search(question, k=k)


async def retrieve_async(store: VectorStore, question: str, k: int = 4) -> list[Document]:  # expect: clean  # near: blocking-call
    return await store.asimilarity_search(question, k=k)


async def embed_question(embeddings: Embeddings, question: str) -> list[float]:  # expect: blocking-call
    return embeddings.embed_query(question)


def split_only(docs: list[Document]) -> list[Document]:  # expect: clean
    return _splitter.split_documents(docs)
