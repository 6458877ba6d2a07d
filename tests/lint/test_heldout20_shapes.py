"""Shapes found missing on a twentieth held-out set (code that mixes the sync and async worlds): each flagged
shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_a_pool_result_read_after_polling_ready_does_not_wait():
    check_marked('''
        import asyncio
        import multiprocessing

        async def squares(values: list) -> list:
            with multiprocessing.Pool(2) as workers:
                pending = workers.map_async(pow, values)
                while not pending.ready():
                    await asyncio.sleep(0.1)
                return pending.get()

        async def squares_at_once(values: list) -> list:
            with multiprocessing.Pool(2) as workers:
                pending = workers.starmap_async(pow, values)
                return pending.get(timeout=60)  # ACK106

        async def one_square(value: int) -> int:
            workers = multiprocessing.Pool(1)
            first = workers.apply_async(pow, (value, 2))
            second = workers.apply_async(pow, (value, 3))
            while not first.ready():
                await asyncio.sleep(0.1)
            # only the first was polled: the second may still be running
            return first.get() + second.get()  # ACK106
    ''', BLOCKING)


def test_asgiref_bridges_called_on_the_loop():
    check_marked('''
        from asgiref.sync import async_to_sync, sync_to_async

        def lookup(key: str) -> str:
            return key.upper()

        async def deliver(key: str) -> None:
            ...

        deliver_now = async_to_sync(deliver)

        async def view(key: str) -> str:
            async_to_sync(deliver)(key)  # ACK108
            deliver_now(key)  # ACK108
            return await sync_to_async(lookup)(key)

        def signal_handler(key: str) -> None:
            # a sync caller has no loop running: the bridge is what it is for
            async_to_sync(deliver)(key)
            deliver_now(key)

        class Registry:
            def __init__(self) -> None:
                self.names: dict = {}

            def __call__(self, key: str) -> str:
                return self.names.get(key, key)

        async def lookup_all(keys: list, registry: Registry) -> list:
            # an object of the project that is called: nothing to do with the bridges
            return [registry(key) for key in keys]
    ''', BLOCKING)


def test_a_coroutine_made_by_sync_to_async_must_be_awaited():
    check_marked('''
        from asgiref.sync import sync_to_async
        from channels.db import database_sync_to_async

        def count_rows(table: str) -> int:
            return len(table)

        @sync_to_async
        def count_users() -> int:
            return 3

        @sync_to_async(thread_sensitive=False)
        def count_groups() -> int:
            return 4

        @database_sync_to_async
        def load_room(name: str) -> str:
            return name

        async def stats(table: str) -> list:
            load_room(table)  # ACK301
            database_sync_to_async(count_rows)(table)  # ACK301
            await load_room(table)
            sync_to_async(count_rows)(table)  # ACK301
            count_users()  # ACK301
            count_groups()  # ACK301
            return [await sync_to_async(count_rows)(table), await count_users(), await count_groups()]

        def sync_stats(table: str) -> int:
            # the undecorated function, from sync code: a plain call
            return count_rows(table)
    ''', ["ACK301"])


def test_anyio_and_trio_from_thread_calls_on_the_loop():
    check_marked('''
        import anyio
        import anyio.from_thread
        import anyio.to_thread
        import trio

        async def publish(value: float) -> None:
            await anyio.sleep(0)

        def read_and_publish(sensor) -> None:
            # runs in a worker thread: from_thread is the way back to the loop
            anyio.from_thread.run(publish, sensor.read())
            anyio.from_thread.run_sync(print, "published")

        async def sample(sensor) -> None:
            await anyio.to_thread.run_sync(read_and_publish, sensor)
            value = await anyio.to_thread.run_sync(sensor.read)
            anyio.from_thread.run(publish, value)  # ACK108

        async def sample_trio(sensor) -> None:
            trio.from_thread.run_sync(sensor.reset)  # ACK108
    ''', BLOCKING)


def test_django_orm_queries_in_a_coroutine_run_sql_on_the_loop():
    check_marked('''
        from django.contrib.auth.models import Group
        from django.db import models
        from django.http import JsonResponse

        from catalog.models import Product

        class Review(models.Model):
            stars = models.IntegerField()

        class Digest(Review):
            class Meta:
                proxy = True

        async def product_page(request, slug: str) -> JsonResponse:
            product = Product.objects.select_related("brand").get(slug=slug)  # ACK105
            names = [g.name for g in Group.objects.order_by("name")]  # ACK105
            stars = Review.objects.filter(product=product).aggregate(models.Avg("stars"))  # ACK105
            total = Digest.objects.count()  # ACK105
            return JsonResponse({"p": product.pk, "groups": names, "stars": stars, "n": total})

        async def product_page_async(request, slug: str) -> JsonResponse:
            product = await Product.objects.select_related("brand").aget(slug=slug)
            names = [g.name async for g in Group.objects.order_by("name")]
            pending = Review.objects.filter(product=product)  # lazy: no query yet
            Review.objects.acount()  # ACK301
            return JsonResponse({"p": product.pk, "groups": names, "n": await pending.acount()})

        def product_page_sync(request, slug: str) -> JsonResponse:
            # a sync view: Django runs it in a thread
            return JsonResponse({"p": Product.objects.get(slug=slug).pk})
    ''', [*BLOCKING, "ACK301"])


def test_objects_that_are_not_a_django_manager_stay_quiet():
    check_marked('''
        from dataclasses import dataclass, field

        from scene.models import Scene

        @dataclass
        class Layer:
            objects: list = field(default_factory=list)

        class Inventory:
            objects: dict = {}

            @classmethod
            def get(cls, key: str):
                return cls.objects.get(key)

        async def render(layer: Layer, key: str) -> int:
            # no Django here: `objects` of a plain class, a module without Django imports
            first = Inventory.objects.get(key)
            count = Scene.objects.count()
            return len(layer.objects) + count + (first or 0)
    ''', BLOCKING)


def test_an_async_def_made_sync_by_a_decorator_that_runs_the_loop():
    check_marked('''
        import asyncio
        import functools

        def blocking_entry(coroutine_function):
            @functools.wraps(coroutine_function)
            def run(*args, **kwargs):
                return asyncio.run(coroutine_function(*args, **kwargs))
            return run

        def traced(function):
            @functools.wraps(function)
            def call(*args, **kwargs):
                return function(*args, **kwargs)
            return call

        def scheduled(coroutine_function):
            def start(*args):
                return asyncio.ensure_future(coroutine_function(*args))
            return start

        @blocking_entry
        async def export(path: str) -> int:
            await asyncio.sleep(0)
            return 1

        @traced
        async def audit(path: str) -> None:
            await asyncio.sleep(0)

        @scheduled
        async def refresh(path: str) -> None:
            await asyncio.sleep(0)

        def command(path: str) -> int:
            return export(path)

        async def on_request(path: str) -> int:
            await audit(path)
            task = refresh(path)  # scheduling returns a task at once
            count = export(path)  # ACK108
            await task
            return count
    ''', BLOCKING)


def test_a_loop_running_decorator_of_another_module(tmp_path: Path):
    files = {
        "tools/__init__.py": "",
        "tools/bridge.py": '''
            import asyncio

            def run_blocking(timeout: float):
                def decorate(coroutine_function):
                    def runner(*args):
                        return asyncio.run(asyncio.wait_for(coroutine_function(*args), timeout))
                    return runner
                return decorate
        ''',
        "tools/jobs.py": '''
            import asyncio
            from tools.bridge import run_blocking

            @run_blocking(30)
            async def rebuild_index(name: str) -> None:
                await asyncio.sleep(0)

            def cron_entry() -> None:
                rebuild_index("main")
        ''',
        "tools/web.py": '''
            from tools.jobs import rebuild_index

            async def rebuild_view(name: str) -> None:
                rebuild_index(name)
        ''',
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(textwrap.dedent(text))
    report = lint_paths([tmp_path], Config(root=tmp_path), jobs=1, use_cache=False)
    found = {(Path(f.path).name, f.line, f.code) for f in report.findings}
    assert found == {("web.py", 5, "ACK108")}


def test_a_coroutine_told_apart_by_iscoroutine_then_wrapped_in_a_dropped_task():
    check_marked('''
        import asyncio
        import inspect

        class Signals:
            def __init__(self) -> None:
                self.receivers: list = []
                self.running: set = set()

            def send(self, payload: dict) -> None:
                for receiver in self.receivers:
                    outcome = receiver(payload)
                    if inspect.iscoroutine(outcome):
                        asyncio.ensure_future(outcome)  # ACK302

            def send_kept(self, payload: dict) -> None:
                for receiver in self.receivers:
                    outcome = receiver(payload)
                    if asyncio.iscoroutine(outcome):
                        task = asyncio.ensure_future(outcome)
                        self.running.add(task)
                        task.add_done_callback(self.running.discard)

            def send_future(self, payload: dict, pending: list) -> None:
                # a future the code keeps: ensure_future hands back that same future
                for receiver in self.receivers:
                    outcome = receiver(payload)
                    pending.append(outcome)
                    asyncio.ensure_future(outcome)
    ''', ["ACK302"])


def test_a_class_with_a_drain_method_still_fills_its_queue_from_a_loop():
    check_marked('''
        import asyncio

        class LineCollector:
            def __init__(self) -> None:
                self.lines = asyncio.Queue()  # ACK501

            async def collect(self, reader: asyncio.StreamReader) -> None:
                async for line in reader:
                    await self.lines.put(line.strip())

            async def drain(self) -> list:
                taken = []
                while not self.lines.empty():
                    taken.append(self.lines.get_nowait())
                return taken

        class FrameWriter:
            """The stream-writer contract: each write() queues one frame, writers await drain() after it."""

            def __init__(self, sock) -> None:
                self.sock = sock
                self.frames = asyncio.Queue()

            def write(self, frame: bytes) -> None:
                self.frames.put_nowait(frame)

            async def drain(self) -> None:
                while not self.frames.empty():
                    await self.sock.send(self.frames.get_nowait())
    ''', ["ACK501"])


def test_a_watchdog_observer_is_a_thread():
    check_marked('''
        import asyncio
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        async def watch_once(folder: str, handler, changed: asyncio.Event) -> None:
            observer = Observer()
            observer.schedule(handler, folder, recursive=True)
            observer.start()
            try:
                await changed.wait()
            finally:
                observer.stop()
                observer.join()  # ACK106

        async def watch_polling(folder: str, handler, changed: asyncio.Event) -> None:
            observer = PollingObserver(timeout=2)
            observer.schedule(handler, folder)
            observer.start()
            try:
                await changed.wait()
            finally:
                observer.stop()
                await asyncio.to_thread(observer.join)

        def watch_forever(folder: str, handler) -> None:
            observer = Observer()
            observer.schedule(handler, folder)
            observer.start()
            observer.join()
    ''', BLOCKING)


def test_a_test_that_checks_the_nested_loop_is_refused():
    check_marked('''
        import asyncio

        import pytest
        from asgiref.sync import async_to_sync

        async def answer() -> int:
            return 42

        async def test_bridge_refuses_inside_a_loop() -> None:
            bridged = async_to_sync(answer)
            with pytest.raises(RuntimeError):
                bridged()
            with pytest.raises(RuntimeError, match="running event loop"):
                asyncio.run(answer())

        async def test_bridge_other_error() -> None:
            with pytest.raises(ValueError):
                asyncio.run(answer())  # ACK108
    ''', BLOCKING)


def test_linting_the_bridge_library_itself_keeps_the_tables_verdict(tmp_path: Path):
    files = {
        "asgiref/__init__.py": "",
        "asgiref/sync.py": '''
            import asyncio
            import concurrent.futures

            class AsyncToSync:
                def __init__(self, awaitable):
                    self.awaitable = awaitable

                def __call__(self, *args):
                    try:
                        asyncio.get_running_loop()
                    except RuntimeError:
                        pass
                    else:
                        raise RuntimeError("You cannot use AsyncToSync in the same thread as an event loop")
                    done: concurrent.futures.Future = concurrent.futures.Future()
                    return done.result()

            def async_to_sync(awaitable):
                return AsyncToSync(awaitable)
        ''',
        "tests/__init__.py": "",
        "tests/test_bridge.py": '''
            import pytest
            from asgiref.sync import async_to_sync

            async def answer():
                return 42

            async def test_refused_in_a_loop():
                bridged = async_to_sync(answer)
                with pytest.raises(RuntimeError):
                    bridged()

            async def test_misused():
                async_to_sync(answer)()
        ''',
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(textwrap.dedent(text))
    report = lint_paths([tmp_path], Config(root=tmp_path), jobs=1, use_cache=False)
    found = {(Path(f.path).name, f.line, f.code) for f in report.findings}
    assert found == {("test_bridge.py", 14, "ACK108")}


def test_saving_a_django_model_instance_in_a_coroutine():
    check_marked('''
        from django.db import models
        from django.http import JsonResponse

        from billing.models import Invoice

        class Note(models.Model):
            text = models.TextField()

        async def pay(request, number: str) -> JsonResponse:
            invoice = await Invoice.objects.aget(number=number)
            invoice.paid = True
            invoice.save()  # ACK105
            Note(text=f"paid {number}").save()  # ACK105
            stale = Invoice.objects.filter(paid=False).first()  # ACK105
            stale.refresh_from_db()  # ACK105
            return JsonResponse({"ok": True})

        async def pay_async(request, number: str) -> JsonResponse:
            invoice = await Invoice.objects.aget(number=number)
            invoice.paid = True
            await invoice.asave()
            note = Note(text=f"paid {number}")
            note.asave()  # ACK301
            await note.asave()
            return JsonResponse({"ok": True})

        def pay_sync(number: str) -> None:
            invoice = Invoice.objects.get(number=number)
            invoice.save()
    ''', [*BLOCKING, "ACK301"])


def test_a_save_method_of_a_class_that_is_no_django_model():
    check_marked('''
        import json
        from dataclasses import dataclass, field

        from django.http import JsonResponse

        from editor.models import Document

        @dataclass
        class Draft:
            lines: list = field(default_factory=list)

            def save(self) -> str:
                return json.dumps(self.lines)

        class Snapshot:
            def __init__(self, doc: Document) -> None:
                self.doc = doc

            def delete(self) -> None:
                self.doc = None

        async def autosave(draft: Draft, snap: Snapshot) -> JsonResponse:
            blob = draft.save()
            snap.delete()
            return JsonResponse({"size": len(blob)})
    ''', BLOCKING)


def test_a_call_whose_other_branch_hands_the_same_callable_to_a_thread():
    check_marked('''
        import asyncio
        import json
        from pathlib import Path

        from asgiref.sync import sync_to_async

        def load(path: Path) -> dict:
            return json.loads(path.read_text())

        class Reports:
            def __init__(self) -> None:
                self.cached: dict = {}

            def _in_memory(self, path: Path) -> bool:
                return path in self.cached

            async def read(self, path: Path) -> dict:
                # the author decides when the read is cheap enough to run inline
                if self._in_memory(path):
                    return load(path)
                return await asyncio.to_thread(load, path)

            async def read_bridged(self, path: Path) -> dict:
                if not self._in_memory(path):
                    data = await sync_to_async(load)(path)
                else:
                    data = load(path)
                return data

            async def read_small(self, path: Path, size: int) -> str:
                loop = asyncio.get_running_loop()
                if size < 4096:
                    return path.read_text()  # ACK103
                return await loop.run_in_executor(None, path.read_bytes)

            async def read_by_kind(self, path: Path, kind: str) -> dict:
                if kind == "memory":
                    return {}
                elif kind == "small":
                    return load(path)  # ACK103
                else:
                    return await asyncio.to_thread(json.loads, kind)

            async def read_unguarded(self, path: Path) -> dict:
                if self._in_memory(path):
                    await asyncio.to_thread(print, path)
                return load(path)  # ACK103
    ''', BLOCKING)
