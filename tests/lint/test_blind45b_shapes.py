"""Shapes a blind probe (pub/sub bridges, GUI glue, loops run on helper threads, supervisors) missed: each flagged
shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked


def test_a_function_that_starts_a_loop_on_a_thread_then_drives_it_from_its_own():
    check_marked('''
        import asyncio
        import threading

        def main(serve):
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, daemon=True).start()
            handle = loop.create_task(serve())  # ACK402
            loop.call_soon(print, "started")  # ACK402
            threading.Event().wait()
            return handle

        def named_thread(loop, serve):
            worker = threading.Thread(target=loop.run_forever, name="aio")
            worker.start()
            loop.call_later(5.0, print, "late")  # ACK402
            loop.stop()  # ACK402
            worker.join()

        def safe(serve):
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, daemon=True).start()
            future = asyncio.run_coroutine_threadsafe(serve(), loop)
            loop.call_soon_threadsafe(loop.stop)
            return future

        def scheduled_before_start(serve):
            loop = asyncio.new_event_loop()
            task = loop.create_task(serve())
            worker = threading.Thread(target=loop.run_forever)
            loop.call_soon(print, "queued before the thread starts")
            worker.start()
            return task

        def after_join(loop):
            worker = threading.Thread(target=loop.run_forever)
            worker.start()
            loop.call_soon_threadsafe(loop.stop)
            worker.join()
            loop.call_soon(print, "the loop no longer runs anywhere")

        def other_loop(serve):
            background = asyncio.new_event_loop()
            threading.Thread(target=background.run_forever, daemon=True).start()
            mine = asyncio.new_event_loop()
            mine.call_soon(print, "this thread's own loop")
            mine.run_until_complete(serve())

        def handed_to_the_loop(loop, serve):
            threading.Thread(target=loop.run_forever, daemon=True).start()
            loop.call_soon_threadsafe(lambda: loop.create_task(serve()))

        def not_a_loop(scheduler):
            threading.Thread(target=scheduler.run_forever, daemon=True).start()
            scheduler.stop()
    ''', {"ACK402"})


def test_a_module_script_that_starts_its_loop_on_a_thread_then_schedules_on_it():
    check_marked('''
        import asyncio
        import threading

        async def serve():
            await asyncio.sleep(1)

        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, daemon=True).start()
        loop.create_task(serve())  # ACK402
    ''', {"ACK402"})


def test_a_shielded_call_of_an_unknown_object_dropped_is_a_dangling_task():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger("x")

        async def flush_and_exit(storage):
            asyncio.shield(storage.flush())  # ACK302
            log.info("flush scheduled")

        async def save_in_background(self):
            asyncio.shield(self.store.save(self.state))  # ACK302

        async def awaited(storage):
            await asyncio.shield(storage.flush())

        async def kept(storage, pending):
            outer = asyncio.shield(storage.flush())
            pending.add(outer)

        async def a_held_future(conn):
            asyncio.shield(conn.get_closed_future())

        async def a_held_task(worker):
            asyncio.shield(worker.current_task())

        async def a_waiter(conn):
            asyncio.shield(conn.wait_closed_waiter())
    ''', {"ACK302"})


def test_a_flask_view_touching_loop_objects_runs_on_a_server_worker_thread():
    check_marked('''
        import asyncio
        import threading
        from flask import Blueprint, Flask
        from quart import Quart

        app = Flask(__name__)
        admin = Blueprint("admin", __name__)
        reload_requested = asyncio.Event()
        jobs: asyncio.Queue = asyncio.Queue(maxsize=100)
        stopping = threading.Event()

        @app.post("/reload")
        def reload():
            reload_requested.set()  # ACK401
            return {"ok": True}

        @admin.route("/jobs", methods=["POST"])
        def enqueue():
            jobs.put_nowait({"kind": "rebuild"})  # ACK401
            return "", 202

        def make_app(loop: asyncio.AbstractEventLoop, ready: asyncio.Event):
            inner = Flask("inner")

            @inner.route("/ready")
            def mark_ready():
                loop.call_soon(ready.set)  # ACK402
                return "ok"

            @inner.route("/ready-safe")
            def mark_ready_safely():
                loop.call_soon_threadsafe(ready.set)
                return "ok"

            def legacy():
                ready.set()  # ACK401
                return "ok"

            inner.add_url_rule("/legacy", "legacy", legacy)
            return inner

        @app.route("/stop")
        def stop():
            stopping.set()
            return "bye"

        @app.route("/report")
        def report():
            async def gather_report():
                done = asyncio.Event()
                done.set()
                return "report"

            return asyncio.run(gather_report())

        quart_app = Quart(__name__)

        @quart_app.post("/reload")
        async def reload_on_loop():
            reload_requested.set()
            return {"ok": True}

        class Router:
            def route(self, path):
                return lambda f: f

        router = Router()

        @router.route("/local")
        def local_view():
            reload_requested.set()
            return "ok"
    ''', {"ACK401", "ACK402"})


def test_a_task_held_only_by_a_weak_reference_is_dangling():
    check_marked('''
        import asyncio
        import weakref
        from weakref import proxy

        async def start_weakly(channel, registry: dict):
            registry[channel.name] = weakref.ref(asyncio.create_task(channel.pump()))  # ACK302

        class Session:
            def start(self, conn):
                task = asyncio.create_task(conn.pump())  # ACK302
                self._pump = weakref.ref(task)

            def start_proxied(self, conn):
                self._pump_proxy = proxy(asyncio.create_task(conn.pump()))  # ACK302

            def start_kept(self, conn):
                self._pump_task = asyncio.create_task(conn.pump())
                self._pump = weakref.ref(self._pump_task)

            def start_kept_local(self, conn, tasks: set):
                task = asyncio.create_task(conn.pump())
                tasks.add(task)
                task.add_done_callback(tasks.discard)
                self._pump = weakref.ref(task)

        def watch(owner, on_gone):
            return weakref.ref(owner, on_gone)
    ''', {"ACK302"})


def test_a_loop_handed_to_a_thread_function_that_runs_it_is_not_the_starters_to_drive():
    check_marked('''
        import asyncio
        import threading

        def run_loop(loop):
            asyncio.set_event_loop(loop)
            loop.run_forever()

        def run_other(loop, jobs):
            for job in jobs:
                job()

        def main(serve):
            loop = asyncio.new_event_loop()
            threading.Thread(target=run_loop, args=(loop,), daemon=True).start()
            loop.call_soon(print, "hello")  # ACK402
            return asyncio.run_coroutine_threadsafe(serve(), loop)

        def not_running_it(serve, jobs):
            loop = asyncio.new_event_loop()
            threading.Thread(target=run_other, args=(loop, jobs), daemon=True).start()
            loop.call_soon(print, "this thread runs the loop below")
            loop.run_until_complete(serve())
    ''', {"ACK402"})
