"""Shapes found missing on a twenty-fourth held-out set (test code and framework glue): each flagged shape beside
the look-alikes that must stay quiet."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths

from .helpers import check_marked


def test_a_value_stored_under_a_typed_app_key_has_the_keys_type():
    # aiohttp's AppKey names the type of what the application holds under it, so `app[KEY]` is known even in a
    # signal handler whose `app` parameter carries no annotation
    check_marked('''
        import asyncio
        import aiohttp
        import requests
        from aiohttp import web

        HTTP = web.AppKey("http", aiohttp.ClientSession)
        LEGACY = web.AppKey("legacy", t=requests.Session)
        COUNTERS = web.AppKey("counters", dict)

        class Tally:
            def close(self) -> None:
                pass

        TALLY = web.AppKey("tally", Tally)

        async def close_http(app) -> None:
            app[HTTP].close()  # ACK301

        async def close_http_properly(app) -> None:
            await app[HTTP].close()

        async def close_by_name(app) -> None:
            app["http"].close()

        async def close_tally(app) -> None:
            app[TALLY].close()

        async def reset_counters(app: web.Application) -> None:
            app[COUNTERS].clear()

        async def legacy_ping(request: web.Request) -> web.Response:
            app = request.app
            app[LEGACY].get("http://legacy/ping", timeout=2)  # ACK102
            return web.Response(text="ok")

        async def legacy_ping_offloaded(request: web.Request) -> web.Response:
            session = request.app[LEGACY]
            await asyncio.to_thread(session.get, "http://legacy/ping", timeout=2)
            return web.Response(text="ok")

        def legacy_ping_sync(app) -> None:
            app[LEGACY].get("http://legacy/ping", timeout=2)
    ''', ["ACK102", "ACK301"])


def test_a_typed_app_key_of_another_module_types_the_value_stored_under_it(tmp_path):
    files = {
        "gw/keys.py": '''
            import aiohttp
            from aiohttp import web

            from gw.cache import LocalCache

            SESSION = web.AppKey("session", aiohttp.ClientSession)
            CACHE = web.AppKey("cache", LocalCache)
        ''',
        "gw/cache.py": '''
            class LocalCache:
                def __init__(self) -> None:
                    self.data = {}

                def close(self) -> None:
                    self.data.clear()
        ''',
        "gw/signals.py": '''
            from gw import keys
            from gw.keys import CACHE, SESSION

            async def on_cleanup(app) -> None:
                app[SESSION].close()

            async def on_shutdown(app) -> None:
                app[keys.SESSION].close()

            async def on_cleanup_cache(app) -> None:
                app[CACHE].close()

            async def on_cleanup_awaited(app) -> None:
                await app[SESSION].close()
        ''',
    }
    (tmp_path / "gw").mkdir()
    (tmp_path / "gw" / "__init__.py").write_text("")
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    report = lint_paths([tmp_path], Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False)
    assert not report.errors, report.errors
    found = {(Path(f.path).name, f.line, f.code) for f in report.findings}
    assert found == {("signals.py", 6, "ACK301"), ("signals.py", 9, "ACK301")}


def test_a_coroutine_handed_to_a_test_cases_value_assertion_is_taken_for_its_result():
    check_marked('''
        import asyncio
        import unittest
        from collections.abc import Coroutine
        from unittest import mock

        class Probe:
            async def healthy(self) -> bool:
                await asyncio.sleep(0)
                return True

            def configured(self) -> bool:
                return True

        class Checker:
            def assertTrue(self, value) -> None:
                assert value

        class ProbeCase(unittest.IsolatedAsyncioTestCase):
            async def eventually(self, coro) -> None:
                self.assertTrue(await coro)

            async def test_health(self) -> None:
                probe = Probe()
                self.assertTrue(probe.healthy())  # ACK301
                self.assertEqual(probe.healthy(), True)  # ACK301
                self.assertTrue(await probe.healthy())
                self.assertTrue(probe.configured())
                self.assertIsInstance(probe.healthy(), Coroutine)
                await self.eventually(probe.healthy())

            async def test_with_mock(self) -> None:
                client = mock.MagicMock()
                self.assertTrue(client.fetch())

        class SyncProbeCase(unittest.TestCase):
            def test_health(self) -> None:
                self.assertIsNotNone(Probe().healthy())  # ACK301

        async def check_with_helper() -> None:
            Checker().assertTrue(Probe().configured())
            checker = Checker()
            checker.assertTrue(await Probe().healthy())
    ''', ["ACK301"])


def test_djangos_query_shortcuts_wait_for_the_database_and_their_async_twins_are_coroutines():
    check_marked('''
        import asyncio
        from asgiref.sync import sync_to_async
        from django import shortcuts
        from django.shortcuts import aget_object_or_404, get_object_or_404

        async def invoice(request, Invoice, number):
            found = get_object_or_404(Invoice, number=number)  # ACK105
            return found.total

        async def invoice_lines(request, Line, number):
            return shortcuts.get_list_or_404(Line.objects.filter(invoice=number))  # ACK105

        async def invoice_async(request, Invoice, number):
            return (await aget_object_or_404(Invoice, number=number)).total

        async def invoice_touch(request, Invoice, number):
            aget_object_or_404(Invoice, number=number)  # ACK301

        async def invoice_wrapped(request, Invoice, number):
            return await sync_to_async(get_object_or_404)(Invoice, number=number)

        async def invoice_thread(request, Invoice, number):
            return await asyncio.to_thread(get_object_or_404, Invoice, number=number)

        def invoice_sync(request, Invoice, number):
            return get_object_or_404(Invoice, number=number).total
    ''', ["ACK105", "ACK301"])


def test_waiting_on_a_celery_tasks_result_blocks_the_loop():
    # `@app.task` makes the function a Celery task object: `delay()`/`apply_async()` give a result handle whose
    # `get()` waits for a worker; a function that merely has a method-like name stays a function
    check_marked('''
        import asyncio
        from celery import Celery, shared_task
        from celery.result import AsyncResult

        app = Celery("reports")

        @app.task
        def build_report(day: str) -> str:
            return day

        @shared_task(bind=True, max_retries=2)
        def send_digest(self, user: str) -> None:
            pass

        def delay(seconds):
            return seconds

        async def report_now(day: str) -> str:
            handle = build_report.delay(day)
            return handle.get(timeout=60)  # ACK106

        async def digest_now(user: str) -> None:
            send_digest.apply_async(args=(user,)).wait()  # ACK106

        async def report_by_id(task_id: str) -> str:
            return AsyncResult(task_id).get()  # ACK106

        async def report_polled(day: str) -> str:
            handle = build_report.delay(day)
            while not handle.ready():
                await asyncio.sleep(1)
            return handle.result

        async def report_in_thread(day: str) -> str:
            handle = build_report.delay(day)
            return await asyncio.to_thread(handle.get, timeout=60)

        def report_sync(day: str) -> str:
            return build_report.delay(day).get(timeout=60)

        async def cache_lookup(cache: dict, key: str):
            return cache.get(key)
    ''', ["ACK106"])


def test_a_celery_task_of_another_module_gives_a_result_handle_that_blocks(tmp_path):
    files = {
        "jobs/tasks.py": '''
            from celery import shared_task

            @shared_task
            def resize(path: str) -> str:
                return path

            def helper(path: str) -> str:
                return path
        ''',
        "jobs/views.py": '''
            import asyncio
            from jobs import tasks
            from jobs.tasks import helper, resize

            async def resize_now(path):
                return resize.delay(path).get()

            async def resize_module(path):
                return tasks.resize.apply_async((path,)).get(timeout=5)

            async def resize_later(path):
                return resize.delay(path).id

            async def plain(path):
                return helper(path)
        ''',
    }
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "__init__.py").write_text("")
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    report = lint_paths([tmp_path], Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False)
    assert not report.errors, report.errors
    found = {(Path(f.path).name, f.line, f.code) for f in report.findings}
    assert found == {("views.py", 7, "ACK106"), ("views.py", 10, "ACK106")}
