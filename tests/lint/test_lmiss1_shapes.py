"""Shapes the earlier held-out sets still missed: a coroutine serialised into a response, a Celery result handle
of an untyped signature waited on, a gRPC stub made by a class handed in on a sync channel."""
from __future__ import annotations

from pathlib import Path

from .helpers import check_marked, project_findings


def test_coroutine_serialised_into_a_response_or_a_dump() -> None:
    check_marked('''
        import json
        from asgiref.sync import sync_to_async
        from django.http import JsonResponse

        @sync_to_async
        def head_count() -> int:
            return 3

        async def fetch_rows(table):
            return [table]

        async def view(request):
            total = head_count()  # ACK301
            request.log("counted")
            return JsonResponse({"total": total})

        async def nested(table):
            rows = fetch_rows(table)  # ACK301
            return json.dumps({"data": [rows, 1]})

        async def printed(table):
            rows = fetch_rows(table)  # ACK301
            print(("rows", rows))
    ''', ["ACK301"])


def test_coroutine_awaited_or_handed_on_beside_a_response_is_quiet() -> None:
    check_marked('''
        import asyncio
        import json
        from django.http import JsonResponse

        def head_count() -> int:
            return 3

        async def fetch_rows(table):
            return [table]

        async def sync_helper(request):
            total = head_count()
            return JsonResponse({"total": total})

        async def awaited_later(table):
            rows = fetch_rows(table)
            return json.dumps({"data": await rows})

        async def gathered(table):
            rows = fetch_rows(table)
            done = await asyncio.gather(rows)
            return JsonResponse({"data": done})

        async def serialised_elsewhere(table, encode):
            rows = fetch_rows(table)
            return encode({"data": rows})
    ''', ["ACK301"])


def test_result_of_an_untyped_signature_waited_on_in_a_coroutine() -> None:
    check_marked('''
        async def report(signature):
            handle = signature.delay()
            return handle.get(timeout=30)  # ACK106

        async def chained(job, payload):
            return job.apply_async(args=(payload,)).get()  # ACK106
    ''', ["ACK106"])


def test_result_of_an_untyped_signature_only_looked_at_or_waited_off_the_loop_is_quiet() -> None:
    check_marked('''
        import asyncio

        async def ready(signature):
            handle = signature.delay()
            return handle.ready(), handle.id

        def in_a_worker(signature):
            return signature.delay().get()

        async def to_thread(signature):
            handle = signature.delay()
            return await asyncio.to_thread(handle.get, timeout=30)

        async def own_delay(pacer):
            delay = pacer.delay_for(3)
            return {"wait": 3}.get("wait", delay)
    ''', ["ACK106"])


def test_stub_class_handed_in_and_made_on_a_sync_channel() -> None:
    check_marked('''
        import grpc

        class Prices:
            def __init__(self, target, stub_cls):
                self._channel = grpc.insecure_channel(target)
                self._stub = stub_cls(self._channel)

            async def price(self, request):
                return self._stub.GetPrice(request, timeout=2)  # ACK105

        async def one_off(target, make_stub, request):
            channel = grpc.insecure_channel(target)
            stub = make_stub(channel)
            return stub.Quote(request)  # ACK105
    ''', ["ACK105"])


def test_stub_class_made_on_an_aio_channel_or_called_in_a_thread_is_quiet() -> None:
    check_marked('''
        import asyncio
        import grpc

        class Prices:
            def __init__(self, target, stub_cls):
                self._channel = grpc.aio.insecure_channel(target)
                self._stub = stub_cls(self._channel)

            async def price(self, request):
                return await self._stub.GetPrice(request, timeout=2)

        class Threaded:
            def __init__(self, target, stub_cls):
                self._stub = stub_cls(grpc.insecure_channel(target))

            async def price(self, request):
                return await asyncio.to_thread(self._stub.GetPrice, request, timeout=2)

        def sync_client(target, stub_cls, request):
            return stub_cls(grpc.insecure_channel(target)).GetPrice(request)

        async def two_arguments(target, wrap, request):
            channel = grpc.insecure_channel(target)
            client = wrap(channel, request)
            return client.name
    ''', ["ACK105"])


def test_collected_coroutines_walked_as_results() -> None:
    check_marked('''
        class Row:
            ok = True

        class Store:
            async def fetch(self, key: int) -> Row:
                return Row()

        async def kept(store: Store, keys: list[int]) -> list[Row]:
            rows = []
            for key in keys:
                rows.append(store.fetch(key))  # ACK301
            return [row for row in rows if row.ok]

        async def counted(store: Store, keys: list[int]) -> int:
            rows = []
            for key in keys:
                rows.append(store.fetch(key))  # ACK301
            good = 0
            for row in rows:
                if row.ok:
                    good += 1
            return good
    ''', ["ACK301"])


def test_collected_coroutines_awaited_or_gathered_in_the_walk_are_quiet() -> None:
    check_marked('''
        import asyncio

        class Row:
            ok = True

        class Store:
            async def fetch(self, key: int) -> Row:
                return Row()

        def fetch_sync(key: int) -> Row:
            return Row()

        async def gathered(store: Store, keys: list[int]) -> list[Row]:
            rows = []
            for key in keys:
                rows.append(store.fetch(key))
            return [row for row in await asyncio.gather(*rows) if row.ok]

        async def awaited_one_by_one(store: Store, keys: list[int]) -> list[Row]:
            rows = []
            for key in keys:
                rows.append(store.fetch(key))
            done = []
            for row in rows:
                done.append(await row)
            return done

        async def sync_helper(keys: list[int]) -> list[Row]:
            rows = []
            for key in keys:
                rows.append(fetch_sync(key))
            return [row for row in rows if row.ok]

        async def handed_on(store: Store, keys: list[int], run) -> None:
            rows = []
            for key in keys:
                rows.append(store.fetch(key))
            for row in rows:
                run(row)
    ''', ["ACK301"])


_RUNTIME = '''
    import asyncio

    class Runtime:
        def __init__(self) -> None:
            self._loop = None

        @property
        def loop(self) -> asyncio.AbstractEventLoop:
            return self._loop

    RUNTIME = Runtime()
'''


def test_library_thread_handler_calls_another_modules_loop(tmp_path: Path) -> None:
    found = project_findings(tmp_path, {"app/__init__.py": "", "app/infra.py": _RUNTIME, "app/handlers.py": '''
        import socketserver
        from watchdog.events import FileSystemEventHandler

        from .infra import RUNTIME

        class Echo(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                RUNTIME.loop.call_soon(print, self.request.recv(64))

        class Reload(FileSystemEventHandler):
            def on_modified(self, event) -> None:
                RUNTIME.loop.call_soon(print, event.src_path)
    '''}, ["ACK402"])
    assert found == {("app/handlers.py", 8, "ACK402"), ("app/handlers.py", 12, "ACK402")}


def test_thread_handler_using_the_threadsafe_call_or_a_plain_class_is_quiet(tmp_path: Path) -> None:
    found = project_findings(tmp_path, {"app/__init__.py": "", "app/infra.py": _RUNTIME, "app/handlers.py": '''
        import socketserver

        from .infra import RUNTIME

        class Echo(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                RUNTIME.loop.call_soon_threadsafe(print, self.request.recv(64))

        class Notes:
            def handle(self) -> None:
                RUNTIME.loop.call_soon(print, "note")
    '''}, ["ACK402"])
    assert found == set()


def test_coroutine_call_serialised_or_printed_where_it_is_made() -> None:
    check_marked('''
        import json
        import logging
        from aiohttp import web

        log = logging.getLogger(__name__)

        async def count_users() -> int:
            return 3

        async def view(request):
            return web.json_response({"users": count_users()})  # ACK301

        async def dumped(request):
            return json.dumps([count_users(), 1])  # ACK301

        async def logged(request):
            log.info("users: %s", count_users())  # ACK301
    ''', ["ACK301"])


def test_coroutine_call_awaited_or_handed_to_a_runner_beside_a_response_is_quiet() -> None:
    check_marked('''
        import asyncio
        import json
        from aiohttp import web

        async def count_users() -> int:
            return 3

        def count_sync() -> int:
            return 3

        async def view(request):
            return web.json_response({"users": await count_users()})

        async def gathered(request):
            return json.dumps(await asyncio.gather(count_users(), count_users()))

        async def sync_helper(request):
            return web.json_response({"users": count_sync()})

        async def own_encoder(request, encode):
            return encode({"users": count_users()})
    ''', ["ACK301"])


_RUNNER = '''
    import asyncio
    import threading

    class LoopThread:
        def __init__(self) -> None:
            self.loop = asyncio.new_event_loop()
            threading.Thread(target=self.loop.run_forever, daemon=True).start()

        def run(self, coro):
            return asyncio.run_coroutine_threadsafe(coro, self.loop).result()
'''


def test_sync_method_touches_what_coroutines_on_a_held_loop_thread_wait_on() -> None:
    check_marked(_RUNNER + '''
    class Watcher:
        def __init__(self, store) -> None:
            self._runner = LoopThread()
            self._store = store
            self.changed = asyncio.Event()

        def start(self) -> None:
            self._runner.run(self._watch())

        def touch(self) -> None:
            self.changed.set()  # ACK401

        async def _watch(self) -> None:
            while True:
                await self.changed.wait()
                self.changed.clear()
                await self._store.flush()
    ''', ["ACK401"])


def test_held_loop_thread_reached_safely_or_given_no_coroutine_of_the_class_is_quiet() -> None:
    check_marked(_RUNNER + '''
    class SafeWatcher:
        def __init__(self) -> None:
            self._runner = LoopThread()
            self.changed = asyncio.Event()

        def start(self) -> None:
            self._runner.run(self._watch())

        def touch(self) -> None:
            self._runner.loop.call_soon_threadsafe(self.changed.set)

        async def _watch(self) -> None:
            await self.changed.wait()

    class Cache:
        def __init__(self, backend) -> None:
            self._runner = LoopThread()
            self._backend = backend
            self.dirty = asyncio.Event()

        def get(self, key):
            return self._runner.run(self._backend.get(key))

        def mark(self) -> None:
            self.dirty.set()
    ''', ["ACK401"])
