"""An MCP tool server and the agent loop that drives it: tools sync and async, progress, streamed model output."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Awaitable, Callable

import anyio
import httpx
from mcp.server.fastmcp import Context, FastMCP
from openai import AsyncOpenAI

from agent.sandbox import run_python_sandboxed
from agent.store import VectorStore

log = logging.getLogger(__name__)
mcp = FastMCP("research-tools")
store = VectorStore("/var/lib/agent/index")
llm = AsyncOpenAI()
STREAM_BUFFER = 64


@mcp.tool()
async def search_notes(query: str, ctx: Context, limit: int = 5) -> list[str]:  # expect: unawaited-coroutine
    ctx.info(f"searching notes for {query!r}")
    hits = await store.search(query, limit=limit)
    return [h.text for h in hits]


@mcp.tool()
async def search_notes_logged(query: str, ctx: Context, limit: int = 5) -> list[str]:  # expect: clean  # near: unawaited-coroutine
    await ctx.info(f"searching notes for {query!r}")
    hits = await store.search(query, limit=limit)
    return [h.text for h in hits]


@mcp.tool()
async def crawl_site(root: str, ctx: Context, pages: int = 20) -> int:  # expect: unawaited-coroutine
    crawled = 0
    async with httpx.AsyncClient(follow_redirects=True, timeout=10) as client:
        for n in range(pages):
            response = await client.get(f"{root}?page={n}")
            await store.add(response.text)
            crawled += 1
            ctx.report_progress(crawled, pages)
    return crawled


@mcp.tool()
async def crawl_site_reporting(root: str, ctx: Context, pages: int = 20) -> int:  # expect: clean  # near: unawaited-coroutine
    crawled = 0
    async with httpx.AsyncClient(follow_redirects=True, timeout=10) as client:
        for n in range(pages):
            response = await client.get(f"{root}?page={n}")
            await store.add(response.text)
            crawled += 1
            await ctx.report_progress(crawled, pages)
    return crawled


@mcp.tool()
async def run_python(code: str, ctx: Context) -> str:  # expect: thread-unsafe-capture
    output: asyncio.Queue[str] = asyncio.Queue(maxsize=STREAM_BUFFER)

    def on_line(line: str) -> None:
        output.put_nowait(line)

    result = await anyio.to_thread.run_sync(run_python_sandboxed, code, on_line)
    lines = []
    while not output.empty():
        lines.append(output.get_nowait())
    return "\n".join(lines + [result])


@mcp.tool()
async def run_python_bridged(code: str, ctx: Context) -> str:  # expect: clean  # near: thread-unsafe-capture
    lines: list[str] = []

    def on_line(line: str) -> None:
        anyio.from_thread.run_sync(lines.append, line)

    result = await anyio.to_thread.run_sync(run_python_sandboxed, code, on_line)
    return "\n".join(lines + [result])


@dataclass
class ToolCall:  # expect: clean
    id: str
    name: str
    arguments: dict
    background: bool = False


@dataclass
class AgentLoop:  # expect: cancellation-swallowed
    tools: dict[str, Callable[..., Awaitable[Any]]]
    history: list[dict] = field(default_factory=list)

    async def step(self, calls: list[ToolCall]) -> None:
        for call in calls:
            try:
                result = await self.tools[call.name](**call.arguments)
            except BaseException as exc:
                result = f"tool {call.name} failed: {exc!r}"
            self.history.append({"role": "tool", "tool_call_id": call.id, "content": json.dumps(result)})


@dataclass
class AgentLoopCancellable:  # expect: clean  # near: cancellation-swallowed
    tools: dict[str, Callable[..., Awaitable[Any]]]
    history: list[dict] = field(default_factory=list)

    async def step(self, calls: list[ToolCall]) -> None:
        for call in calls:
            try:
                result = await self.tools[call.name](**call.arguments)
            except Exception as exc:
                result = f"tool {call.name} failed: {exc!r}"
            self.history.append({"role": "tool", "tool_call_id": call.id, "content": json.dumps(result)})


@dataclass
class ToolRunner:  # expect: dangling-task
    tools: dict[str, Callable[..., Awaitable[Any]]]
    results: dict[str, Any] = field(default_factory=dict)

    async def _run(self, call: ToolCall) -> None:
        self.results[call.id] = await self.tools[call.name](**call.arguments)

    async def run_all(self, calls: list[ToolCall]) -> None:
        foreground = []
        for call in calls:
            if call.background:
                asyncio.create_task(self._run(call))
            else:
                foreground.append(self._run(call))
        await asyncio.gather(*foreground)


@dataclass
class ToolRunnerTracked:  # expect: clean  # near: dangling-task
    tools: dict[str, Callable[..., Awaitable[Any]]]
    results: dict[str, Any] = field(default_factory=dict)
    background: set[asyncio.Task] = field(default_factory=set)

    async def _run(self, call: ToolCall) -> None:
        self.results[call.id] = await self.tools[call.name](**call.arguments)

    async def run_all(self, calls: list[ToolCall]) -> None:
        foreground = []
        for call in calls:
            if call.background:
                task = asyncio.create_task(self._run(call))
                self.background.add(task)
                task.add_done_callback(self.background.discard)
            else:
                foreground.append(self._run(call))
        await asyncio.gather(*foreground)

    async def aclose(self) -> None:
        for task in self.background:
            task.cancel()
        await asyncio.gather(*self.background, return_exceptions=True)


async def stream_completion(messages: list[dict]) -> AsyncIterator[str]:  # expect: cancellation-swallowed
    stream = await llm.chat.completions.create(model="gpt-4o-mini", messages=messages, stream=True)
    try:
        async for chunk in stream:
            delta = chunk.choices[0].delta.content
            if delta:
                yield delta
    except asyncio.CancelledError:
        log.info("client stopped reading; closing the model stream")
        await stream.close()


async def stream_completion_closing(messages: list[dict]) -> AsyncIterator[str]:  # expect: clean  # near: cancellation-swallowed
    stream = await llm.chat.completions.create(model="gpt-4o-mini", messages=messages, stream=True)
    try:
        async for chunk in stream:
            delta = chunk.choices[0].delta.content
            if delta:
                yield delta
    finally:
        await stream.close()


class SessionBroadcaster:  # expect: unbounded-queue
    """Every connected MCP client gets the server's resource-change notifications."""

    def __init__(self) -> None:
        self.sessions: dict[str, asyncio.Queue] = {}

    def connect(self, session_id: str) -> asyncio.Queue:
        self.sessions[session_id] = asyncio.Queue()
        return self.sessions[session_id]

    def disconnect(self, session_id: str) -> None:
        self.sessions.pop(session_id, None)

    async def on_resource_changed(self, uri: str) -> None:
        for queue in self.sessions.values():
            await queue.put({"method": "notifications/resources/updated", "params": {"uri": uri}})


class SessionBroadcasterCoalescing:  # expect: clean  # near: unbounded-queue
    """Only the latest state matters: each session's queue holds one pending notification at most."""

    def __init__(self) -> None:
        self.sessions: dict[str, asyncio.Queue] = {}

    def connect(self, session_id: str) -> asyncio.Queue:
        self.sessions[session_id] = asyncio.Queue(maxsize=1)
        return self.sessions[session_id]

    def disconnect(self, session_id: str) -> None:
        self.sessions.pop(session_id, None)

    async def on_resource_changed(self, uri: str) -> None:
        for queue in self.sessions.values():
            if queue.full():
                queue.get_nowait()
            queue.put_nowait({"method": "notifications/resources/list_changed"})


async def relay_tokens(messages: list[dict], send: Callable[[str], Awaitable[None]]) -> None:  # expect: clean
    buffer: asyncio.Queue[str | None] = asyncio.Queue(maxsize=STREAM_BUFFER)

    async def produce() -> None:
        async for token in stream_completion_closing(messages):
            await buffer.put(token)
        await buffer.put(None)

    async with asyncio.TaskGroup() as tg:
        tg.create_task(produce())
        while (token := await buffer.get()) is not None:
            await send(token)


async def warm_embeddings(texts: list[str]) -> None:  # expect: dangling-task
    pending = [asyncio.ensure_future(store.embed(t)) for t in texts]
    log.info("warming %d embeddings", len(pending))


async def warm_embeddings_awaited(texts: list[str]) -> None:  # expect: clean  # near: dangling-task
    pending = [asyncio.ensure_future(store.embed(t)) for t in texts]
    log.info("warming %d embeddings", len(pending))
    await asyncio.wait(pending)


def main() -> None:  # expect: clean
    mcp.run(transport="stdio")
