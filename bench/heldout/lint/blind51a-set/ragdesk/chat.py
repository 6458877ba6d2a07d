"""Chat endpoint: streams completions, meters tokens, summarises tickets in the background."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
from typing import Awaitable, Callable

from anthropic import AsyncAnthropic
from openai import AsyncOpenAI

from . import Embedder, async_openai_client, async_qdrant, claude, llm_summary
from .clients import CLAUDE_MODEL, LLM_MODEL

log = logging.getLogger(__name__)
Send = Callable[[str], Awaitable[None]]


async def summarise_ticket(text: str) -> str:  # expect: blocking-call
    summary = llm_summary(text)
    return summary.strip()


async def summarise_ticket_threaded(text: str) -> str:  # expect: clean  # near: blocking-call
    summary = await asyncio.to_thread(llm_summary, text, max_tokens=200)
    return summary.strip()


async def stream_reply(prompt: str, send: Send) -> None:  # expect: clean  # near: blocking-call
    client = AsyncAnthropic()
    async with client.messages.stream(
        model=CLAUDE_MODEL, max_tokens=1024, messages=[{"role": "user", "content": prompt}]
    ) as stream:
        async for text in stream.text_stream:
            await send(text)


async def stream_reply_legacy(prompt: str, send: Send) -> None:  # expect: blocking-call
    with claude().messages.stream(
        model=CLAUDE_MODEL, max_tokens=1024, messages=[{"role": "user", "content": prompt}]
    ) as stream:
        for text in stream.text_stream:
            await send(text)


async def stream_openai(prompt: str, send: Send) -> None:  # expect: clean  # near: blocking-call
    client = async_openai_client()
    stream = await client.chat.completions.create(
        model=LLM_MODEL, messages=[{"role": "user", "content": prompt}], stream=True
    )
    async for chunk in stream:
        delta = chunk.choices[0].delta.content
        if delta:
            await send(delta)


class UsageMeter:  # expect: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.tokens = 0
        self.client: AsyncOpenAI = async_openai_client()

    async def complete(self, prompt: str) -> str:
        with self._lock:
            resp = await self.client.chat.completions.create(
                model=LLM_MODEL, messages=[{"role": "user", "content": prompt}]
            )
            self.tokens += resp.usage.total_tokens
        return resp.choices[0].message.content or ""


class UsageMeterCounted:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.tokens = 0
        self.client: AsyncOpenAI = async_openai_client()

    async def complete(self, prompt: str) -> str:
        resp = await self.client.chat.completions.create(
            model=LLM_MODEL, messages=[{"role": "user", "content": prompt}]
        )
        with self._lock:
            self.tokens += resp.usage.total_tokens
        return resp.choices[0].message.content or ""


class ModerationGate:  # expect: clean  # near: lock-across-await
    def __init__(self, client: AsyncOpenAI) -> None:
        self.client = client
        self._inflight = asyncio.Lock()

    async def check(self, text: str) -> bool:
        async with self._inflight:
            resp = await self.client.moderations.create(input=text)
        return not resp.results[0].flagged


async def ingest_loop(queue: asyncio.Queue, embedder: Embedder) -> None:  # expect: cancellation-swallowed
    client = async_qdrant()
    while True:
        batch = await queue.get()
        try:
            vectors = await embedder.embed([d["text"] for d in batch])
            await client.upsert("kb", points=[{"id": d["id"], "vector": v} for d, v in zip(batch, vectors)])
        except BaseException:
            log.exception("batch of %d failed, skipping", len(batch))
        finally:
            queue.task_done()


async def ingest_loop_ok(queue: asyncio.Queue, embedder: Embedder) -> None:  # expect: clean  # near: cancellation-swallowed
    client = async_qdrant()
    while True:
        batch = await queue.get()
        try:
            vectors = await embedder.embed([d["text"] for d in batch])
            await client.upsert("kb", points=[{"id": d["id"], "vector": v} for d, v in zip(batch, vectors)])
        except Exception:
            log.exception("batch of %d failed, skipping", len(batch))
        finally:
            queue.task_done()


def retry_llm(attempts: int = 3):  # expect: clean
    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(attempts):
                try:
                    return await fn(*args, **kwargs)
                except Exception:
                    if attempt == attempts - 1:
                        raise
                    await asyncio.sleep(2**attempt)

        return wrapper

    return decorate


@retry_llm(attempts=4)
async def title_for(conversation: list[dict]) -> str:  # expect: clean
    client = async_openai_client()
    resp = await client.chat.completions.create(
        model=LLM_MODEL, messages=conversation + [{"role": "user", "content": "A 5-word title, please."}]
    )
    return resp.choices[0].message.content or ""


class Conversation:  # expect: unawaited-coroutine
    def __init__(self, conv_id: str) -> None:
        self.conv_id = conv_id
        self.messages: list[dict] = []
        self.title = ""

    async def close(self, store) -> None:
        title_for(self.messages)
        await store.save(self.conv_id, self.messages)


class ConversationTitled:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, conv_id: str) -> None:
        self.conv_id = conv_id
        self.messages: list[dict] = []
        self.title = ""

    async def close(self, store) -> None:
        self.title = await title_for(self.messages)
        await store.save(self.conv_id, self.messages, title=self.title)


def schedule_titles(loop: asyncio.AbstractEventLoop, convs: list[Conversation]) -> None:  # expect: unawaited-coroutine
    for conv in convs:
        loop.call_soon(functools.partial(title_for, conv.messages))


async def titles_later(convs: list[Conversation]) -> list[str]:  # expect: clean  # near: unawaited-coroutine
    makers = [functools.partial(title_for, c.messages) for c in convs]
    return await asyncio.gather(*(make() for make in makers))


async def cancel_stream(task: asyncio.Task) -> None:  # expect: clean  # near: cancellation-swallowed
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
