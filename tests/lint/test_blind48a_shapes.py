"""Shapes a blind probe (an MQTT gateway, scrapers, a deploy CLI, numeric jobs, mail, cloud and search clients,
GraphQL and gRPC servers) missed. Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked


def test_an_attribute_holding_a_library_generics_type_argument_has_that_type():
    check_marked('''
        import asyncio
        import psycopg2.extensions
        import redis
        import strawberry
        from discord.ext import commands
        from pydantic_ai import RunContext
        from strawberry.types import Info

        class Repo:
            async def cancel(self, order_id: str) -> None: ...

            def table(self) -> str:
                return "orders"

        class Ctx:
            def __init__(self, repo: Repo, reports: psycopg2.extensions.connection, cache: redis.Redis) -> None:
                self.repo = repo
                self.reports = reports
                self.cache = cache

        class Bot(commands.Bot):
            def __init__(self, cache: redis.Redis) -> None:
                self.cache = cache

        @strawberry.type
        class Mutation:
            @strawberry.mutation
            async def cancel(self, info: Info[Ctx, None], order_id: str) -> bool:
                info.context.repo.cancel(order_id)  # ACK301
                info.context.cache.set(order_id, "cancelled")  # ACK105
                return True

            @strawberry.mutation
            async def cancel_ok(self, info: Info[Ctx, None], order_id: str) -> bool:
                await info.context.repo.cancel(order_id)
                await asyncio.to_thread(info.context.cache.set, order_id, "cancelled")
                return info.context.repo.table() == "orders"

            @strawberry.mutation
            async def root_is_not_context(self, info: Info[None, Ctx], order_id: str) -> bool:
                info.context.repo.cancel(order_id)
                info.root_value.repo.cancel(order_id)  # ACK301
                return True

        async def lookup(ctx: RunContext[Ctx], order_id: str) -> str:
            ctx.deps.repo.cancel(order_id)  # ACK301
            return ctx.deps.repo.table()

        async def untyped_context(info: Info, order_id: str) -> None:
            info.context.repo.cancel(order_id)

        async def flush(ctx: commands.Context[Bot]) -> None:
            ctx.bot.cache.flushdb()  # ACK105
    ''', ["ACK301", "ACK102", "ACK105"])
