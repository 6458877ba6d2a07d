"""Shapes found missing on heldout73's set (whole modules of framework code: Home Assistant, MQTT, Kafka, gRPC,
SSH, S3, AMQP, schedulers, scrapers, LLM SDKs, ETL): each flagged shape beside the look-alikes that must stay
quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_grpc_sync_waits_ready_future_and_server_termination():
    check_marked('''
        import asyncio
        from concurrent import futures

        import grpc

        async def wait_ready(channel: grpc.Channel) -> None:
            grpc.channel_ready_future(channel).result(timeout=10)  # ACK106

        async def serve_blocking() -> None:
            server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
            server.add_insecure_port("[::]:50051")
            server.start()
            server.wait_for_termination()  # ACK106

        async def serve_aio() -> None:
            server = grpc.aio.server()
            await server.start()
            await server.wait_for_termination()

        async def wait_ready_aio(channel: grpc.aio.Channel) -> None:
            await asyncio.wait_for(channel.channel_ready(), timeout=10)

        async def offloaded(channel: grpc.Channel) -> None:
            await asyncio.to_thread(grpc.channel_ready_future(channel).result, 10)
            server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
            await asyncio.to_thread(server.wait_for_termination)

        def serve_sync(channel: grpc.Channel) -> None:
            grpc.channel_ready_future(channel).result(timeout=10)
            server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
            server.start()
            server.wait_for_termination()
    ''', ["ACK106"])


def test_a_queue_factory_kept_on_the_class_and_called_through_self():
    check_marked('''
        import asyncio
        import functools

        DEPTH = 64

        class Inbox:
            factory = functools.partial(asyncio.PriorityQueue)

            def __init__(self) -> None:
                self.q = self.factory()  # ACK501

        class InboxBounded:
            factory = functools.partial(asyncio.PriorityQueue, maxsize=DEPTH)

            def __init__(self) -> None:
                self.q = self.factory()

        class InboxSizedAtTheCall:
            factory = functools.partial(asyncio.Queue)

            def __init__(self) -> None:
                self.q = self.factory(DEPTH)

        class NotAFactory:
            def factory(self):
                return []

            def __init__(self) -> None:
                self.q = self.factory()

        class OtherObject:
            factory = functools.partial(asyncio.Queue)

            def __init__(self, other) -> None:
                self.q = other.factory()
    ''', ["ACK501"])


def test_telethon_client_and_message_requests_are_coroutines_where_the_loop_runs():
    check_marked('''
        from telethon import TelegramClient, events

        class Mirror:
            def __init__(self, client: TelegramClient, target: int) -> None:
                self.client = client
                self.target = target

            async def on_post(self, event: events.NewMessage.Event) -> None:
                self.client.forward_messages(self.target, event.message)  # ACK301
                event.reply("mirrored")  # ACK301
                event.message.mark_read()  # ACK301

            async def on_post_ok(self, event: events.NewMessage.Event) -> None:
                await self.client.forward_messages(self.target, event.message)
                await event.reply("mirrored")
                self.client.add_event_handler(self.on_post, events.NewMessage())

        async def main() -> None:
            client = TelegramClient("session", 1, "hash")
            await client.start()
            client.send_message("me", "up")  # ACK301
            await client.send_message("me", "up")

        def sync_script() -> None:
            from telethon.sync import TelegramClient as SyncClient

            client = SyncClient("session", 1, "hash")
            client.send_message("me", "done")
    ''', ["ACK301"])


def test_async_with_binds_what_the_project_class_aenter_returns():
    check_marked('''
        import asyncio
        import sqlite3

        import aiosqlite

        class Catalog:
            async def __aenter__(self) -> sqlite3.Connection:
                return await asyncio.to_thread(sqlite3.connect, "catalog.db")

            async def __aexit__(self, *exc) -> None:
                pass

        class AsyncCatalog:
            async def __aenter__(self) -> aiosqlite.Connection:
                self.db = await aiosqlite.connect("catalog.db")
                return self.db

            async def __aexit__(self, *exc) -> None:
                await self.db.close()

        class Itself:
            async def __aenter__(self):
                return self

            async def __aexit__(self, *exc) -> None:
                pass

            def execute(self, query: str) -> str:
                return query

        async def count() -> int:
            async with Catalog() as conn:
                return conn.execute("SELECT count(*) FROM files").fetchone()[0]  # ACK105

        async def count_async() -> int:
            async with AsyncCatalog() as db:
                cursor = await db.execute("SELECT count(*) FROM files")
                return (await cursor.fetchone())[0]

        async def local_object() -> str:
            async with Itself() as it:
                return it.execute("SELECT 1")
    ''', ["ACK105"])


def test_tasks_held_only_in_a_local_dict_display_whose_keys_are_listed():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)

        async def attach(uid, pump):
            pumps = {uid: asyncio.create_task(pump())}  # ACK302
            log.info("attached %s", list(pumps))

        async def attach_counted(uid, pump):
            pumps = {uid: asyncio.create_task(pump())}  # ACK302
            log.info("attached %d", len(pumps))

        async def attach_returned(uid, pump):
            pumps = {uid: asyncio.create_task(pump())}
            return pumps

        async def attach_awaited(uid, pump):
            pumps = {uid: asyncio.create_task(pump())}
            await asyncio.gather(*pumps.values())

        async def attach_by_task(uid, pump):
            owners = {asyncio.create_task(pump()): uid}
            done, _ = await asyncio.wait(owners)
            log.info("done %s", [owners[t] for t in done])
    ''', ["ACK302"])


def test_a_coroutine_appended_to_a_container_declared_to_hold_results():
    check_marked('''
        import asyncio
        from typing import List, Protocol

        class Completer(Protocol):
            async def summarize(self, text: str) -> str: ...

        class BatchJob:
            def __init__(self, completer: Completer) -> None:
                self.completer = completer
                self.results: list[str] = []
                self.pending: list = []
                self.futures: list[asyncio.Future] = []

            async def run(self, docs: list[str]) -> list[str]:
                for doc in docs:
                    self.results.append(self.completer.summarize(doc))  # ACK301
                return self.results

            async def run_gathered(self, docs: list[str]) -> list[str]:
                for doc in docs:
                    self.pending.append(self.completer.summarize(doc))
                return await asyncio.gather(*self.pending)

            async def run_awaited(self, docs: list[str]) -> list[str]:
                for doc in docs:
                    self.results.append(await self.completer.summarize(doc))
                return self.results

        async def summaries(c: Completer, docs: list[str]) -> list[dict]:
            out: List[dict] = []
            for d in docs:
                out.append(c.summarize(d))  # ACK301
            return out

        async def summaries_gathered(c: Completer, docs: list[str]) -> list[str]:
            out: list = []
            for d in docs:
                out.append(c.summarize(d))
            return await asyncio.gather(*out)

        def plain(docs: list[str]) -> list[str]:
            out: list[str] = []
            for d in docs:
                out.append(d.upper())
            return out
    ''', ["ACK301"])


def test_a_cancellation_reraised_only_when_its_message_says_so_is_swallowed_otherwise():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)

        async def load_step(loader, rows) -> bool:
            try:
                await loader.load(rows)
                return True
            except asyncio.CancelledError as exc:  # ACK601
                if "shutdown" in str(exc.args):
                    raise
                log.warning("load interrupted; will retry")
                return False

        async def load_step_first_arg(loader, rows) -> bool:
            try:
                await loader.load(rows)
                return True
            except asyncio.CancelledError as exc:  # ACK601
                if exc.args and exc.args[0] == "shutdown":
                    raise
                return False

        async def own_restart_swallowed_others_raised(loader, rows) -> bool:
            try:
                await loader.load(rows)
                return True
            except asyncio.CancelledError as exc:
                if exc.args and exc.args[0] == "restart":
                    return False
                raise

        async def outer_cancel_raised(loader, rows) -> None:
            try:
                await loader.load(rows)
            except asyncio.CancelledError:
                if asyncio.current_task().cancelling():
                    raise
                log.warning("a child was cancelled")

        async def errors_by_message(loader, rows) -> None:
            try:
                await loader.load(rows)
            except Exception as exc:
                if "fatal" in str(exc):
                    raise
                log.warning("retrying")
    ''', ["ACK601"])


def test_a_class_attribute_read_through_type_of_self():
    check_marked('''
        import asyncio
        import threading

        import requests

        class Worker:
            _lock = threading.Lock()
            _alock = asyncio.Lock()
            session = requests.Session()

            async def step(self, job) -> None:
                with type(self)._lock:  # ACK201
                    await job()

            async def step_dunder(self, job) -> None:
                with self.__class__._lock:  # ACK201
                    await job()

            async def fetch(self, url: str) -> bytes:
                return type(self).session.get(url).content  # ACK102

            async def step_async_lock(self, job) -> None:
                async with type(self)._alock:
                    await job()

            async def step_released(self, job) -> None:
                with type(self)._lock:
                    ready = True
                if ready:
                    await job()

        class Other:
            async def step(self, job, peer) -> None:
                with type(peer)._lock:
                    await job()
    ''', ["ACK201", "ACK102"])


def test_a_comprehension_over_map_of_a_coroutine_function_that_uses_items_as_results():
    check_marked('''
        import asyncio

        class Mapper:
            def __init__(self, store) -> None:
                self.store = store

            async def one(self, key: str) -> dict:
                return await self.store.get(key)

            def plain(self, key: str) -> dict:
                return {"key": key}

            async def found(self, keys: list[str]) -> list[dict]:
                return [r for r in map(self.one, keys) if r]  # ACK301

            async def ids(self, keys: list[str]) -> list[int]:
                return [r["id"] for r in map(self.one, keys)]  # ACK301

            async def gathered(self, keys: list[str]) -> list[dict]:
                return [r for r in await asyncio.gather(*map(self.one, keys)) if r]

            async def coroutines(self, keys: list[str]):
                return [c for c in map(self.one, keys)]

            async def sync_items(self, keys: list[str]) -> list[dict]:
                return [r for r in map(self.plain, keys) if r]

            async def closed(self, keys: list[str]) -> None:
                [c.close() for c in map(self.one, keys)]
    ''', ["ACK301"])
