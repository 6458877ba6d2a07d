"""Shapes an unseen set (instrument control, bioinformatics, media, VoIP, web3, mail, documents, SSO) missed:
each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from pathlib import Path

from .helpers import check_marked, project_findings


def test_a_sibling_modules_coroutine_handed_to_a_call_that_reads_its_value(tmp_path: Path):
    files = {
        "app/__init__.py": "",
        "app/render.py": '''
            import asyncio

            async def render_pdf(html: str) -> bytes:
                await asyncio.sleep(0)
                return html.encode()

            def render_text(html: str) -> str:
                return html
        ''',
        "app/views.py": '''
            import asyncio
            import base64
            import hashlib

            from aiohttp import web

            from .render import render_pdf, render_text

            async def pdf(request: web.Request) -> web.Response:
                html = await request.text()
                return web.Response(body=render_pdf(html), content_type="application/pdf")

            async def digest(request):
                pdf = render_pdf("x")
                return web.json_response({"sha": hashlib.sha256(pdf).hexdigest()})

            async def inline(request):
                return web.Response(text=base64.b64encode(render_pdf("x")).decode())

            async def fine(request):
                body = await render_pdf("x")
                both = await asyncio.gather(render_pdf("a"), render_pdf("b"))
                task = asyncio.ensure_future(render_pdf("c"))
                return web.Response(body=body, text=render_text("y"))

            def from_a_thread(loop):
                data = asyncio.run_coroutine_threadsafe(render_pdf("x"), loop).result()
                return web.Response(body=data)
        ''',
    }
    assert project_findings(tmp_path, files, ["ACK301"]) == {
        ("app/views.py", 11, "ACK301"), ("app/views.py", 14, "ACK301"), ("app/views.py", 18, "ACK301")}


def test_a_coroutine_handed_to_a_response_in_any_framework():
    check_marked('''
        import json
        from django.http import HttpResponse
        from starlette.responses import HTMLResponse

        async def page() -> str:
            return "<p>"

        async def view(request):
            return HttpResponse(page())  # ACK301

        async def endpoint(request):
            return HTMLResponse(content=page())  # ACK301

        async def parse(raw):
            return json.loads(raw)

        async def fine(request):
            return HTMLResponse(await page())
    ''', ["ACK301"])


def test_a_task_made_on_a_loop_reached_through_an_attribute_chain_and_dropped():
    check_marked('''
        import asyncio
        import functools

        spawn = functools.partial(asyncio.create_task, name="background")
        keep = functools.partial(print, end="")

        async def work():
            pass

        async def handler(request):
            request.app.loop.create_task(work())  # ACK302
            return None

        class Service:
            def __init__(self, app, pool):
                self.app = app
                self.pool = pool
                self.tasks = set()

            async def start(self):
                self.app.loop.create_task(work())  # ACK302
                spawn(work())  # ACK302
                task = spawn(work())
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)
                kept = self.app.loop.create_task(work())
                self.tasks.add(kept)
                await self.app.loop.create_task(work())
                self.pool.runner.create_task(work())
                keep("x")
    ''', ["ACK302"])


def test_an_attribute_named_loop_is_not_guessed_without_asyncio():
    check_marked('''
        class Game:
            def __init__(self, engine):
                self.engine = engine

            def tick(self):
                self.engine.loop.create_task("redraw")
    ''', ["ACK302"])


def test_a_done_callback_on_what_an_untyped_pool_submits_runs_in_the_worker():
    check_marked('''
        import asyncio

        class Handler:
            def __init__(self, loop):
                self.loop = loop
                self.done = asyncio.Event()

            def _finished(self, future):
                self.done.set()  # ACK401

            def _finished_safely(self, future):
                self.loop.call_soon_threadsafe(self.done.set)

            async def convert(self, request):
                request.app["pool"].submit(len, "x").add_done_callback(self._finished)
                job = request.app["pool"].submit(len, "y")
                job.add_done_callback(self._finished_safely)
                fut = asyncio.ensure_future(asyncio.sleep(1))
                fut.add_done_callback(self._finished)
                await asyncio.wrap_future(job)
    ''', ["ACK401"])


def test_a_queue_filled_once_per_request_by_an_aiohttp_handler_method():
    check_marked('''
        import asyncio
        import time

        from aiohttp import web

        class Uploads:
            def __init__(self):
                self.jobs = asyncio.Queue()  # ACK501
                self.count = 0

            async def upload(self, request):
                self.count += 1
                self.jobs.put_nowait((self.count, time.time()))
                return web.Response(text="queued")

        class Bounded:
            def __init__(self):
                self.jobs = asyncio.Queue(maxsize=100)

            async def upload(self, request):
                self.jobs.put_nowait(time.time())
                return web.Response(text="queued")

        class Startup:
            def __init__(self):
                self.ready = asyncio.Queue()

            async def on_startup_once(self, app, extra):
                self.ready.put_nowait(time.time())
    ''', ["ACK501"])
