"""An order service's API layer: strawberry and ariadne GraphQL resolvers and a gRPC aio servicer, one asyncio process."""
from __future__ import annotations

import asyncio
import logging
import threading
from typing import AsyncGenerator, Optional

import grpc
import psycopg2
import psycopg2.extensions
import redis
import strawberry
from ariadne import MutationType, QueryType
from graphql import GraphQLResolveInfo
from strawberry.fastapi import BaseContext
from strawberry.types import Info

import orders_pb2
import orders_pb2_grpc

log = logging.getLogger("orders.api")
query = QueryType()
mutation = MutationType()


class OrderRepo:  # expect: clean
    """The async repository every resolver shares."""

    def __init__(self, pool) -> None:
        self.pool = pool

    async def get(self, order_id: str) -> Optional[dict]:
        return await self.pool.fetchrow("SELECT * FROM orders WHERE id = $1", order_id)

    async def cancel(self, order_id: str, reason: str) -> None:
        await self.pool.execute("UPDATE orders SET state = 'cancelled', reason = $2 WHERE id = $1", order_id, reason)

    def table(self) -> str:
        return "orders"


class Ctx(BaseContext):  # expect: clean
    def __init__(self, repo: OrderRepo, reports: psycopg2.extensions.connection, cache: redis.Redis) -> None:
        super().__init__()
        self.repo = repo
        self.reports = reports
        self.cache = cache


@strawberry.type
class Order:  # expect: clean
    id: str
    state: str
    total_cents: int


@strawberry.type
class Query:  # expect: blocking-call
    @strawberry.field
    async def order(self, info: Info[Ctx, None], id: str) -> Optional[Order]:
        row = await info.context.repo.get(id)
        return Order(id=row["id"], state=row["state"], total_cents=row["total"]) if row else None

    @strawberry.field
    async def monthly_total(self, info: Info[Ctx, None], month: str) -> int:
        with info.context.reports.cursor() as cur:
            cur.execute("SELECT sum(total) FROM orders WHERE to_char(created, 'YYYY-MM') = %s", (month,))
            return cur.fetchone()[0] or 0


@strawberry.type
class QueryOk:  # expect: clean  # near: blocking-call
    @strawberry.field
    async def monthly_total(self, info: Info[Ctx, None], month: str) -> int:
        def run() -> int:
            with info.context.reports.cursor() as cur:
                cur.execute("SELECT sum(total) FROM orders WHERE to_char(created, 'YYYY-MM') = %s", (month,))
                return cur.fetchone()[0] or 0

        return await asyncio.to_thread(run)


@strawberry.type
class Mutation:  # expect: unawaited-coroutine
    @strawberry.mutation
    async def cancel_order(self, info: Info[Ctx, None], id: str, reason: str) -> bool:
        info.context.repo.cancel(id, reason)
        return True


@strawberry.type
class MutationCached:  # expect: blocking-call
    @strawberry.mutation
    async def touch_order(self, info: Info[Ctx, None], id: str) -> bool:
        info.context.cache.set(f"order:{id}:touched", "1", ex=60)
        await info.context.repo.get(id)
        return True


@strawberry.type
class Subscription:  # expect: cancellation-swallowed
    @strawberry.subscription
    async def order_updates(self, info: Info[Ctx, None], id: str) -> AsyncGenerator[str, None]:
        try:
            while True:
                row = await info.context.repo.get(id)
                yield row["state"] if row else "unknown"
                await asyncio.sleep(2)
        except asyncio.CancelledError:
            log.info("subscriber for %s went away", id)


@strawberry.type
class SubscriptionOk:  # expect: clean  # near: cancellation-swallowed
    @strawberry.subscription
    async def order_updates(self, info: Info[Ctx, None], id: str) -> AsyncGenerator[str, None]:
        try:
            while True:
                row = await info.context.repo.get(id)
                yield row["state"] if row else "unknown"
                await asyncio.sleep(2)
        finally:
            log.info("subscriber for %s went away", id)


def repo_of(info: GraphQLResolveInfo) -> OrderRepo:  # expect: clean
    return info.context["repo"]


@mutation.field("cancelOrder")
async def resolve_cancel(_, info: GraphQLResolveInfo, id: str, reason: str) -> bool:  # expect: unawaited-coroutine
    repo_of(info).cancel(id, reason)
    return True


@mutation.field("cancelOrders")
async def resolve_cancel_many(_, info: GraphQLResolveInfo, ids: list[str]) -> int:  # expect: clean  # near: unawaited-coroutine
    repo = repo_of(info)
    log.debug("cancelling in %s", repo.table())
    await asyncio.gather(*(repo.cancel(i, "bulk") for i in ids))
    return len(ids)


@query.field("order")
async def resolve_order(_, info: GraphQLResolveInfo, id: str) -> Optional[dict]:  # expect: cancellation-swallowed
    try:
        return await asyncio.wait_for(repo_of(info).get(id), timeout=2)
    except (asyncio.TimeoutError, asyncio.CancelledError):
        return None


@query.field("orderFast")
async def resolve_order_fast(_, info: GraphQLResolveInfo, id: str) -> Optional[dict]:  # expect: clean  # near: cancellation-swallowed
    try:
        return await asyncio.wait_for(repo_of(info).get(id), timeout=2)
    except asyncio.TimeoutError:
        return None


class Orders(orders_pb2_grpc.OrdersServicer):  # expect: unawaited-coroutine
    def __init__(self, repo: OrderRepo) -> None:
        self.repo = repo

    async def Get(self, request: orders_pb2.GetRequest, context: grpc.aio.ServicerContext) -> orders_pb2.Order:
        row = await self.repo.get(request.id)
        if row is None:
            context.abort(grpc.StatusCode.NOT_FOUND, f"no order {request.id}")
        return orders_pb2.Order(id=row["id"], state=row["state"])


class OrdersOk(orders_pb2_grpc.OrdersServicer):  # expect: clean  # near: unawaited-coroutine
    def __init__(self, repo: OrderRepo) -> None:
        self.repo = repo

    async def Get(self, request: orders_pb2.GetRequest, context: grpc.aio.ServicerContext) -> orders_pb2.Order:
        row = await self.repo.get(request.id)
        if row is None:
            context.set_code(grpc.StatusCode.NOT_FOUND)
            context.set_details(f"no order {request.id}")
            return orders_pb2.Order()
        return orders_pb2.Order(id=row["id"], state=row["state"])


class OrderStream(orders_pb2_grpc.OrdersServicer):  # expect: lock-across-await
    """Watch streams register here; a sync webhook thread also reads `watchers`."""

    def __init__(self, repo: OrderRepo) -> None:
        self.repo = repo
        self.watchers: dict[str, int] = {}
        self.watch_lock = threading.Lock()

    async def Watch(self, request, context: grpc.aio.ServicerContext) -> None:
        with self.watch_lock:
            self.watchers[request.id] = self.watchers.get(request.id, 0) + 1
            row = await self.repo.get(request.id)
        while not context.cancelled():
            await context.write(orders_pb2.Order(id=request.id, state=row["state"]))
            await asyncio.sleep(1)
            row = await self.repo.get(request.id)


class OrderStreamWrite(orders_pb2_grpc.OrdersServicer):  # expect: unawaited-coroutine
    def __init__(self, repo: OrderRepo) -> None:
        self.repo = repo

    async def Watch(self, request, context: grpc.aio.ServicerContext) -> None:
        while not context.cancelled():
            row = await self.repo.get(request.id)
            context.write(orders_pb2.Order(id=request.id, state=row["state"]))
            await asyncio.sleep(1)


async def inventory_ready(target: str) -> grpc.Channel:  # expect: blocking-call
    channel = grpc.insecure_channel(target)
    grpc.channel_ready_future(channel).result(timeout=5)
    return channel


async def inventory_ready_ok(target: str) -> grpc.aio.Channel:  # expect: clean  # near: blocking-call
    channel = grpc.aio.insecure_channel(target)
    await asyncio.wait_for(channel.channel_ready(), timeout=5)
    return channel


async def reserve(stub: orders_pb2_grpc.InventoryStub, sku: str, qty: int) -> bool:  # expect: ?blocking-call
    reply = stub.Reserve(orders_pb2.ReserveRequest(sku=sku, qty=qty), timeout=3)
    return reply.ok


async def serve(repo: OrderRepo, port: int) -> None:  # expect: unawaited-coroutine
    server = grpc.aio.server()
    orders_pb2_grpc.add_OrdersServicer_to_server(Orders(repo), server)
    server.add_insecure_port(f"[::]:{port}")
    await server.start()
    try:
        await server.wait_for_termination()
    finally:
        server.stop(grace=5)


async def serve_ok(repo: OrderRepo, port: int) -> None:  # expect: clean  # near: unawaited-coroutine
    server = grpc.aio.server()
    orders_pb2_grpc.add_OrdersServicer_to_server(OrdersOk(repo), server)
    server.add_insecure_port(f"[::]:{port}")
    await server.start()
    try:
        await server.wait_for_termination()
    finally:
        await server.stop(grace=5)
