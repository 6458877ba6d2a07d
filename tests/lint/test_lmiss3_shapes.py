"""Shapes missed on a held-out set: the threads `threading.enumerate()` lists, Elasticsearch's sync helpers and
async client (with its namespaced clients), and Django's cache API, each beside look-alikes that stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]
CODES = [*BLOCKING, "ACK301"]


def test_threads_listed_by_enumerate_are_joined_on_the_loop():
    check_marked('''
        import asyncio
        import threading

        async def drain_pollers(prefix: str) -> None:
            for worker in threading.enumerate():
                if worker.name.startswith(prefix) and worker is not threading.current_thread():
                    worker.join(timeout=3)  # ACK106

        def drain_pollers_sync(prefix: str) -> None:
            for worker in threading.enumerate():
                if worker.name.startswith(prefix):
                    worker.join(timeout=3)

        async def drain_pollers_off_loop(prefix: str) -> None:
            def stop() -> None:
                for worker in threading.enumerate():
                    worker.join(timeout=3)
            await asyncio.to_thread(stop)

        async def names_only() -> list:
            return [t.name for t in threading.enumerate() if t.is_alive()]
    ''', BLOCKING)


def test_elasticsearch_sync_helpers_block_and_async_ones_do_not():
    check_marked('''
        from elasticsearch import AsyncElasticsearch, Elasticsearch, helpers
        from elasticsearch.helpers import async_bulk, reindex

        def make_client(url: str) -> Elasticsearch:
            return Elasticsearch(url)

        async def push_rows(url: str, name: str, rows: list) -> int:
            client = make_client(url)
            n, errs = helpers.bulk(client, ({"_index": name, "_source": r} for r in rows))  # ACK102
            reindex(client, name, name + "-copy")  # ACK102
            return n

        async def dump(client: Elasticsearch, name: str) -> list:
            return [hit for hit in helpers.scan(client, index=name)]  # ACK102

        async def push_rows_async(client: AsyncElasticsearch, name: str, rows: list) -> int:
            n, _ = await async_bulk(client, ({"_index": name, "_source": r} for r in rows))
            return n

        def push_rows_sync(url: str, rows: list) -> int:
            return helpers.bulk(make_client(url), rows)[0]
    ''', BLOCKING)


def test_async_elasticsearch_calls_and_namespaced_calls_are_coroutines():
    check_marked('''
        import logging
        from elasticsearch import AsyncElasticsearch

        log = logging.getLogger(__name__)

        async def has_index(client: AsyncElasticsearch, name: str) -> bool:
            found = client.indices.exists(index=name)  # ACK301
            if not found:
                log.info("missing %s", name)
            return bool(found)

        async def lookup(client: AsyncElasticsearch, name: str) -> None:
            client.search(index=name, query={"match_all": {}})  # ACK301

        async def has_index_ok(client: AsyncElasticsearch, name: str) -> bool:
            return bool(await client.indices.exists(index=name))

        async def lookup_ok(client: AsyncElasticsearch, name: str):
            quick = client.options(request_timeout=5)
            return await quick.search(index=name)

        class Catalogue:
            def __init__(self):
                self.indices = {}

            def search(self, name):
                return self.indices.get(name)

        async def project_class_named_alike(cat: Catalogue) -> None:
            cat.search("x")
    ''', CODES)


def test_django_cache_sync_api_blocks_and_async_twins_are_coroutines():
    check_marked('''
        from asgiref.sync import sync_to_async
        from django.core.cache import cache as shared

        async def counted(request):
            n = shared.get("n")  # ACK105
            if n is None:
                await shared.aset("n", 1, 60)
            return n

        async def counted_ok(request):
            await sync_to_async(shared.set)("n", 2, 60)
            return await shared.aget("n")

        async def dropped(request):
            shared.aset("n", 1, 60)  # ACK301

        def counted_sync(request):
            return shared.get("n")

        async def plain_dict(d: dict):
            return d.get("n")
    ''', CODES)


def test_coroutines_as_values_of_a_display_used_as_results():
    check_marked('''
        import asyncio
        from typing import Awaitable, Dict

        async def ping_db() -> bool:
            return True

        async def ping_queue() -> bool:
            return True

        async def readiness():
            probes = {"db": ping_db(), "queue": ping_queue()}  # ACK301 ACK301
            healthy = all(p is not None for p in probes.values())
            return {"healthy": healthy}

        async def readiness_list():
            probes = [ping_db(), ping_queue()]  # ACK301 ACK301
            return len([p for p in probes if p])

        async def readiness_returned():
            return {"db": ping_db(), "queue": ping_queue()}  # ACK301 ACK301

        async def readiness_gathered():
            probes = {"db": ping_db(), "queue": ping_queue()}
            done = await asyncio.gather(*probes.values())
            return dict(zip(probes, done))

        async def readiness_awaited_each():
            probes = {"db": ping_db(), "queue": ping_queue()}
            return {name: await p for name, p in probes.items()}

        async def readiness_walk_awaits():
            probes = [ping_db(), ping_queue()]
            return [await p for p in probes]

        async def probes_declared() -> Dict[str, Awaitable[bool]]:
            return {"db": ping_db()}

        def probes_sync():
            return {"db": ping_db()}
    ''', ["ACK301"])


def test_queue_filled_with_each_item_of_what_a_caller_hands_over():
    check_marked('''
        import asyncio

        class Fanout:
            def __init__(self):
                self.lines = asyncio.Queue(-1)  # ACK501
                self.events = asyncio.Queue(maxsize=-3)  # ACK501

            async def on_frame(self, payload: dict, **extra) -> None:
                for line in payload.get("lines", []):
                    self.lines.put_nowait(line)

            def feed(self, batch: list) -> None:
                for ev in batch:
                    self.events.put_nowait(ev)

        class Bounded:
            def __init__(self):
                self.lines = asyncio.Queue(maxsize=100)

            async def on_frame(self, payload: dict) -> None:
                for line in payload.get("lines", []):
                    await self.lines.put(line)

        class Seeded:
            def __init__(self):
                self.todo = asyncio.Queue()

            def start(self, seeds: list) -> None:
                for s in seeds:
                    self.todo.put_nowait(s)
    ''', ["ACK501"])


def test_retry_handler_that_returns_in_a_branch_and_keeps_the_error_otherwise():
    check_marked('''
        import asyncio
        import functools
        import logging

        log = logging.getLogger(__name__)

        def with_retries(tries: int = 3, transient: tuple = (Exception,)):
            def deco(op):
                @functools.wraps(op)
                async def run(*args, **kwargs):
                    previous = None
                    for pause in range(tries):
                        try:
                            return await op(*args, **kwargs)
                        except BaseException as failure:  # ACK601
                            if not isinstance(failure, transient):
                                log.error("not retrying %r", failure)
                                return None
                            previous = failure
                            await asyncio.sleep(pause)
                    raise RuntimeError("out of tries") from previous
                return run
            return deco

        def with_retries_raising(tries: int = 3, transient: tuple = (Exception,)):
            def deco(op):
                async def run(*args, **kwargs):
                    previous = None
                    for pause in range(tries):
                        try:
                            return await op(*args, **kwargs)
                        except BaseException as failure:
                            if not isinstance(failure, transient):
                                raise
                            previous = failure
                            await asyncio.sleep(pause)
                    raise RuntimeError("out of tries") from previous
                return run
            return deco

        def with_retries_returning_it(tries: int = 3, transient: tuple = (Exception,)):
            def deco(op):
                async def run(*args, **kwargs):
                    previous = None
                    for pause in range(tries):
                        try:
                            return await op(*args, **kwargs)
                        except BaseException as failure:
                            if not isinstance(failure, transient):
                                return failure
                            previous = failure
                            await asyncio.sleep(pause)
                    raise RuntimeError("out of tries") from previous
                return run
            return deco

        def with_retries_plain(tries: int = 3):
            def deco(op):
                async def run(*args, **kwargs):
                    previous = None
                    for pause in range(tries):
                        try:
                            return await op(*args, **kwargs)
                        except Exception as failure:
                            if isinstance(failure, KeyError):
                                return None
                            previous = failure
                            await asyncio.sleep(pause)
                    raise RuntimeError("out of tries") from previous
                return run
            return deco
    ''', ["ACK601", "ACK602"])


def test_a_configured_django_cache_taken_from_caches():
    check_marked('''
        from django.core.cache import caches

        async def session_hits(request):
            hits = caches["sessions"].get("k")  # ACK105
            await caches["sessions"].aset("k", 1)
            caches["sessions"].adelete("k")  # ACK301
            return hits

        def session_hits_sync(request):
            return caches["sessions"].get("k")

        async def plain_mapping(registry: dict):
            return registry["sessions"].get("k")
    ''', CODES)
