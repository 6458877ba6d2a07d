"""Shapes found missing on a seventh held-out set of realistic cases (LLM agent frameworks, chat bots, task
queues, SDK clients, pipelines): each flagged shape beside the look-alikes of the same shape that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_coroutine_bound_to_a_name_then_only_formatted_or_converted_is_never_awaited():
    # `docs = retriever.search(q)` then `f"{docs}"` / `str(result)`: the text is `<coroutine object ...>`
    check_marked('''
        from typing import Protocol

        class Tool(Protocol):
            async def run(self, query: str) -> str: ...

        class SyncTool(Protocol):
            def run(self, query: str) -> str: ...

        class Retriever:
            async def search(self, q: str) -> list:
                return [q]

        async def call_tool(tool: Tool, query: str) -> str:
            result = tool.run(query)  # ACK301
            return str(result)

        async def answer(r: Retriever, q: str) -> str:
            docs = r.search(q)  # ACK301
            return f"{q}: {docs}"

        async def count(r: Retriever, q: str) -> int:
            docs = r.search(q)  # ACK301
            return len(docs)

        async def call_sync_tool(tool: SyncTool, query: str) -> str:
            result = tool.run(query)
            return str(result)

        async def answer_awaited(r: Retriever, q: str) -> str:
            docs = await r.search(q)
            return f"{q}: {docs}"

        async def answer_later(r: Retriever, q: str) -> str:
            docs = r.search(q)
            print(f"searching {q}")
            return f"{q}: {await docs}"

        async def answer_named(r: Retriever, q: str) -> str:
            pending = r.search(q)
            return f"{pending.__qualname__}: {await pending}"
    ''', ["ACK301"])


def test_a_class_calling_its_own_declared_awaitable_callback_without_await():
    # the class declares `on_message: Callable[..., Awaitable[None]]` itself and drops what its call makes
    check_marked('''
        import asyncio
        from dataclasses import dataclass
        from typing import Awaitable, Callable, Coroutine

        Handler = Callable[[dict], Awaitable[None]]

        @dataclass
        class Pipeline:
            on_message: Handler

            async def feed(self, msg: dict) -> None:
                self.on_message(msg)  # ACK301

            async def feed_ok(self, msg: dict) -> None:
                await self.on_message(msg)

            def feed_threadsafe(self, msg: dict, loop) -> None:
                asyncio.run_coroutine_threadsafe(self.on_message(msg), loop)

        class Hooks:
            on_start: Callable[[], Coroutine[None, None, None]]

            def __init__(self, on_start) -> None:
                self.on_start = on_start

            async def fire(self) -> None:
                self.on_start()  # ACK301

        class SyncHooks:
            on_start: Callable[[], None]

            async def fire(self) -> None:
                self.on_start()

        class Patched:
            on_start: Callable[[], Awaitable[None]]

            def __init__(self, sync_fn) -> None:
                self.on_start = lambda: sync_fn()

            async def fire(self) -> None:
                self.on_start()

        @dataclass
        class Description:
            press_fn: Callable[[object], Awaitable[None]]

        class Entity:
            def __init__(self, description: Description) -> None:
                self.entity_description = description

            async def press(self) -> None:
                # another object's field: filled with lambdas around sync calls in real integrations
                self.entity_description.press_fn(self)
    ''', ["ACK301"])


def test_a_dispatch_table_of_coroutine_functions_makes_coroutines_when_called():
    check_marked('''
        async def ping(chat): ...
        async def helps(chat): ...
        def stats(chat): ...

        HANDLERS = {"ping": ping, "help": helps}
        MIXED = {"ping": ping, "stats": stats}

        class Commands:
            async def ping(self, chat) -> None:
                await chat.reply("pong")

            handlers = {"ping": ping}

            async def dispatch(self, name: str, chat) -> None:
                self.handlers[name](self, chat)  # ACK301

            async def dispatch_ok(self, name: str, chat) -> None:
                await self.handlers[name](self, chat)

        async def route(name, chat):
            HANDLERS[name](chat)  # ACK301
            HANDLERS.get(name)(chat)  # ACK301
            MIXED[name](chat)
            await HANDLERS[name](chat)
    ''', ["ACK301"])


def test_except_a_name_bound_to_a_tuple_that_holds_cancelled_error():
    check_marked('''
        import asyncio

        SWALLOW = (asyncio.CancelledError, ConnectionError)
        RETRYABLE = (ConnectionError, TimeoutError)
        SELF = (SELF, KeyError)

        async def tolerant(op):
            try:
                return await op()
            except SWALLOW:  # ACK601
                return None

        async def tolerant_reraise(op):
            try:
                return await op()
            except SWALLOW:
                raise

        async def retryable(op):
            try:
                return await op()
            except RETRYABLE:
                return None

        async def self_referencing(op):
            try:
                return await op()
            except SELF:
                return None
    ''', ["ACK601"])


def test_an_async_generator_catching_cancelled_error_at_its_yield_is_left_alone():
    # iterated with `async for`, a generator is not resumed with the consumer's cancellation at its `yield`
    check_marked('''
        import asyncio

        async def stream_events(source):
            async for ev in source:
                try:
                    yield ev
                except asyncio.CancelledError:
                    continue
    ''', ["ACK601", "ACK602"])


def test_unbounded_queue_held_in_a_class_attribute():
    check_marked('''
        import asyncio

        class Events:
            queue: asyncio.Queue[dict] = asyncio.Queue()  # ACK501

        class Pump:
            queue = asyncio.Queue()  # ACK501

            async def pump(self, src):
                while True:
                    self.queue.put_nowait(await src.get())

        class Bounded:
            queue = asyncio.Queue(100)

        class Private:
            _queue = asyncio.Queue()

            async def start(self):
                await Private._queue.put("start")

        class Declared:
            queue: asyncio.Queue[dict]

            def __init__(self, q: asyncio.Queue) -> None:
                self.queue = q
    ''', ["ACK501"])


def test_loop_targets_unpacked_from_a_collection_of_typed_pairs():
    check_marked('''
        import asyncio
        import sqlite3

        async def vacuum_all(pairs: list[tuple[str, sqlite3.Connection]]) -> None:
            for name, conn in pairs:
                conn.execute(f"VACUUM {name}")  # ACK105

        async def vacuum_all_threaded(pairs: list[tuple[str, sqlite3.Connection]]) -> None:
            for name, conn in pairs:
                await asyncio.to_thread(conn.execute, f"VACUUM {name}")

        async def names_only(pairs: list[tuple[sqlite3.Connection, str]]) -> None:
            for conn, name in pairs:
                print(name.upper())

        async def whole_pairs(pairs: list[tuple[str, sqlite3.Connection]]) -> None:
            for pair in pairs:
                print(pair)

        async def triples(rows: list[tuple[str, int, sqlite3.Connection]]) -> None:
            for name, n, conn in rows:
                print(name, n)
    ''', BLOCKING)


def test_swallowing_at_the_yield_of_an_asynccontextmanager_suppresses_the_blocks_cancellation():
    # contextlib throws the `async with` body's exception in at the `yield`: not re-raising it suppresses it
    check_marked('''
        import asyncio
        import contextlib
        import logging
        from contextlib import asynccontextmanager

        log = logging.getLogger(__name__)

        @contextlib.asynccontextmanager
        async def session(pool):
            conn = await pool.acquire()
            try:
                yield conn
            except asyncio.CancelledError:  # ACK601
                log.info("cancelled")
            await pool.release(conn)

        @asynccontextmanager
        async def transaction(conn):
            await conn.begin()
            try:
                yield conn
            except BaseException:  # ACK601
                await conn.rollback()
            else:
                await conn.commit()

        @asynccontextmanager
        async def transaction_reraised(conn):
            await conn.begin()
            try:
                yield conn
            except BaseException:
                await conn.rollback()
                raise
            else:
                await conn.commit()

        @asynccontextmanager
        async def errors_only(conn):
            try:
                yield conn
            except Exception:
                log.exception("failed")

        @asynccontextmanager
        async def released(pool):
            conn = await pool.acquire()
            try:
                yield conn
            finally:
                await pool.release(conn)

        async def plain_generator(source):
            async for ev in source:
                try:
                    yield ev
                except asyncio.CancelledError:
                    continue
    ''', ["ACK601", "ACK602"])
