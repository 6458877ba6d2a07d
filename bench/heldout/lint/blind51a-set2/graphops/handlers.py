"""HTTP handlers of the graph-ops service (aiohttp)."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from typing import Awaitable, Callable, Dict, Optional

import clickhouse_connect
from aiohttp import web

from . import GraphRepo, async_graph_driver, events_client, graph_driver, read_secret

log = logging.getLogger("graphops")
routes = web.RouteTableDef()


@routes.get("/paths/{src}/{dst}")
async def shortest_path(request: web.Request) -> web.Response:  # expect: blocking-call
    src, dst = request.match_info["src"], request.match_info["dst"]
    with graph_driver().session() as session:
        record = session.run(
            "MATCH p=shortestPath((a {id: $a})-[*]-(b {id: $b})) RETURN length(p) AS hops", a=src, b=dst
        ).single()
    return web.json_response({"hops": record["hops"] if record else None})


@routes.get("/paths/{src}/{dst}/async")
async def shortest_path_async(request: web.Request) -> web.Response:  # expect: clean  # near: blocking-call
    src, dst = request.match_info["src"], request.match_info["dst"]
    driver = async_graph_driver()
    async with driver.session() as session:
        result = await session.run(
            "MATCH p=shortestPath((a {id: $a})-[*]-(b {id: $b})) RETURN length(p) AS hops", a=src, b=dst
        )
        record = await result.single()
    await driver.close()
    return web.json_response({"hops": record["hops"] if record else None})


@routes.post("/nodes/{node_id}/tag")
async def tag_node(request: web.Request) -> web.Response:  # expect: unawaited-coroutine
    driver = async_graph_driver()
    driver.execute_query("MATCH (n {id: $id}) SET n.tagged = true", id=request.match_info["node_id"])
    return web.Response(status=202)


@routes.get("/events/{kind}")
async def recent_events(request: web.Request) -> web.Response:  # expect: blocking-call
    rows = events_client().query(
        "SELECT ts, payload FROM events WHERE kind = {kind:String} ORDER BY ts DESC LIMIT 100",
        parameters={"kind": request.match_info["kind"]},
    ).result_rows
    return web.json_response([{"ts": str(ts), "payload": p} for ts, p in rows])


@routes.get("/events/{kind}/async")
async def recent_events_async(request: web.Request) -> web.Response:  # expect: clean  # near: blocking-call
    client = await clickhouse_connect.get_async_client(host="clickhouse", username="ops")
    result = await client.query(
        "SELECT ts, payload FROM events WHERE kind = {kind:String} ORDER BY ts DESC LIMIT 100",
        parameters={"kind": request.match_info["kind"]},
    )
    return web.json_response([{"ts": str(ts), "payload": p} for ts, p in result.result_rows])


@routes.get("/secrets/{name}")
async def secret(request: web.Request) -> web.Response:  # expect: blocking-call
    return web.json_response(read_secret(f"graphops/{request.match_info['name']}"))


@routes.get("/secrets/{name}/threaded")
async def secret_threaded(request: web.Request) -> web.Response:  # expect: clean  # near: blocking-call
    data = await asyncio.to_thread(read_secret, f"graphops/{request.match_info['name']}")
    return web.json_response(data)


class Neighbourhood:  # expect: unawaited-coroutine
    def __init__(self, repo: GraphRepo) -> None:
        self.repo = repo
        self.pending: Dict[str, Awaitable[list[str]]] = {}

    async def prefetch(self, ids: list[str]) -> None:
        for node_id in ids:
            self.repo.neighbours(node_id)


class NeighbourhoodGathered:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, repo: GraphRepo) -> None:
        self.repo = repo

    async def prefetch(self, ids: list[str]) -> dict[str, list[str]]:
        found = await asyncio.gather(*(self.repo.neighbours(i) for i in ids))
        return dict(zip(ids, found))


Hook = Callable[[str], Awaitable[None]]


class HookBus:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.hooks: list[Hook] = []

    def register(self, hook: Hook) -> None:
        self.hooks.append(hook)

    async def emit(self, event: str) -> None:
        for hook in self.hooks:
            hook(event)


class HookBusOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self.hooks: list[Hook] = []

    async def emit(self, event: str) -> None:
        await asyncio.gather(*(hook(event) for hook in self.hooks))


class QueryBudget:  # expect: lock-across-await, ?blocking-call
    def __init__(self, limit: int) -> None:
        self._sem = threading.BoundedSemaphore(limit)
        self.repo = GraphRepo()

    async def neighbours(self, node_id: str) -> list[str]:
        self._sem.acquire()
        try:
            return await self.repo.neighbours(node_id)
        finally:
            self._sem.release()


class QueryBudgetAsync:  # expect: clean  # near: lock-across-await
    def __init__(self, limit: int) -> None:
        self._sem = asyncio.BoundedSemaphore(limit)
        self.repo = GraphRepo()

    async def neighbours(self, node_id: str) -> list[str]:
        async with self._sem:
            return await self.repo.neighbours(node_id)


async def event_stream(client, kind: str):  # expect: cancellation-swallowed
    offset = 0
    while True:
        try:
            result = await client.query(f"SELECT * FROM events WHERE kind = '{kind}' LIMIT 100 OFFSET {offset}")
        except asyncio.CancelledError:
            log.info("event stream for %s stopped", kind)
            return
        for row in result.result_rows:
            yield row
        offset += len(result.result_rows)
        await asyncio.sleep(1)


async def event_stream_ok(client, kind: str):  # expect: clean  # near: cancellation-swallowed
    offset = 0
    while True:
        try:
            result = await client.query(f"SELECT * FROM events WHERE kind = '{kind}' LIMIT 100 OFFSET {offset}")
        except asyncio.CancelledError:
            log.info("event stream for %s stopped", kind)
            raise
        for row in result.result_rows:
            yield row
        offset += len(result.result_rows)
        await asyncio.sleep(1)


async def on_cleanup(app: web.Application) -> None:  # expect: clean
    repo: Optional[GraphRepo] = app.get("repo")
    if repo is not None:
        with contextlib.suppress(Exception):
            await repo.close()
