"""Shapes a blind probe (notebook widgets, pytest fixtures, transcoding workers, zeroconf discovery, a desktop
client with a Tk and a qasync front end) missed or misread: each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked


def test_a_task_made_by_a_lambda_handed_to_a_registration_named_for_one():
    check_marked('''
        import asyncio
        from collections import defaultdict

        async def refresh(out):
            await asyncio.sleep(0)

        def panel(widgets, out):
            button = widgets.Button(description="Run")
            button.on_click(lambda _b: asyncio.ensure_future(refresh(out)))  # ACK302
            return button

        def app_fixture(request, app):
            request.addfinalizer(lambda: asyncio.ensure_future(app.shutdown()))  # ACK302
            return app

        class Case:
            def setUp(self):
                self.addCleanup(lambda: asyncio.ensure_future(self.app.close()))  # ACK302
                # (an async clean-up awaits what its callable returns)
                self.addAsyncCleanup(lambda: asyncio.ensure_future(self.app.close()))

        def named(emitter, app):
            def later():
                return asyncio.ensure_future(app.shutdown())  # ACK302
            emitter.add_listener("close", later)

        def results_kept(coros, cache, widget):
            pending = defaultdict(lambda: asyncio.create_task(refresh(None)))
            cache.get_or_set("rows", lambda: asyncio.create_task(refresh(None)))
            widget.observe(lambda change: print(change), "value")
            return pending

        def on_done(callback):
            return callback()

        def own_function_reads_it():
            return on_done(lambda: asyncio.ensure_future(refresh(None)))
    ''', ["ACK302"])


def test_tasks_started_by_map_into_a_collection_nobody_keeps():
    check_marked('''
        import asyncio

        async def segment(stream):
            await asyncio.sleep(0)

        async def dropped(streams):
            list(map(asyncio.create_task, [segment(s) for s in streams]))  # ACK302

        async def counted(streams):
            started = tuple(map(lambda s: asyncio.create_task(segment(s)), streams))  # ACK302
            print(len(started), "segmenters")

        async def on_the_loop(streams):
            loop = asyncio.get_running_loop()
            set(map(loop.create_task, (segment(s) for s in streams)))  # ACK302

        async def gathered(streams):
            started = list(map(asyncio.create_task, [segment(s) for s in streams]))
            await asyncio.gather(*started)

        async def returned(streams):
            return list(map(asyncio.create_task, [segment(s) for s in streams]))

        async def in_a_group(streams):
            async with asyncio.TaskGroup() as tg:
                list(map(tg.create_task, [segment(s) for s in streams]))

        async def scheduler_of_another_kind(streams, scheduler):
            list(map(scheduler.create_task, [segment(s) for s in streams]))

        async def awaited_one_by_one(streams):
            for task in list(map(asyncio.create_task, [segment(s) for s in streams])):
                await task
    ''', ["ACK302"])


def test_a_sync_zeroconf_browser_calls_its_listener_on_its_own_thread():
    check_marked('''
        import asyncio
        from zeroconf import ServiceBrowser, Zeroconf
        from zeroconf.asyncio import AsyncServiceBrowser, AsyncZeroconf

        class Discovery:
            def __init__(self, found: asyncio.Queue) -> None:
                self.found = found
                self._zc = Zeroconf()

            def add_service(self, zc, type_, name):
                self.found.put_nowait(name)  # ACK401

            def update_service(self, zc, type_, name):
                pass

            def remove_service(self, zc, type_, name):
                pass

            def start(self):
                return ServiceBrowser(self._zc, "_hue._tcp.local.", self)

        class Listener:
            def __init__(self, seen: asyncio.Event) -> None:
                self.seen = seen

            def add_service(self, zc, type_, name):
                self.seen.set()  # ACK401

            def update_service(self, zc, type_, name):
                pass

            def remove_service(self, zc, type_, name):
                pass

            def describe(self):
                self.seen.set()

        def listen(seen: asyncio.Event) -> Zeroconf:
            zc = Zeroconf()
            zc.add_service_listener("_http._tcp.local.", Listener(seen))
            return zc

        class AsyncDiscovery:
            def __init__(self, found: asyncio.Queue) -> None:
                self.found = found
                self._aiozc = AsyncZeroconf()

            def _on_change(self, zeroconf, service_type, name, state_change):
                self.found.put_nowait(name)

            async def start(self):
                return AsyncServiceBrowser(self._aiozc.zeroconf, ["_hue._tcp.local."], handlers=[self._on_change])
    ''', ["ACK401", "ACK402"])


_TWO_FRONT_ENDS = """
    import asyncio
    import threading
    import tkinter as tk
    from tkinter import ttk

    from PySide6.QtWidgets import QLineEdit, QWidget
    {bridge}

    class AsyncThread:
        def __init__(self):
            self.loop = asyncio.new_event_loop()
            threading.Thread(target=self.loop.run_forever, daemon=True).start()

    class TkSearch:
        def __init__(self, root: tk.Tk, bridge: AsyncThread):
            self.queries = asyncio.Queue(maxsize=1)
            self.entry = ttk.Entry(root)
            self.entry.bind("<Return>", self._submit)

        def _submit(self, _event):
            self.queries.put_nowait(self.entry.get())  # ACK401

    class QtSearch(QWidget):
        def __init__(self, api):
            super().__init__()
            self.api = api
            self._pending = None
            self.edit = QLineEdit(self)
            self.edit.textChanged.connect(self.on_text)

        def on_text(self, text):
            if self._pending is not None:
                self._pending.cancel(){qt_mark}
            self._pending = asyncio.ensure_future(self.api.search(text)){qt_mark2}
"""


def test_qt_handlers_of_a_qasync_module_run_on_the_loop_while_tk_ones_do_not():
    check_marked(_TWO_FRONT_ENDS.format(bridge="from qasync import QEventLoop", qt_mark="", qt_mark2=""),
                 ["ACK401", "ACK402"])


def test_without_qasync_the_qt_handlers_are_off_the_helper_threads_loop():
    check_marked(_TWO_FRONT_ENDS.format(bridge="", qt_mark="  # ACK401", qt_mark2="  # ACK402"),
                 ["ACK401", "ACK402"])


def test_a_task_made_by_a_lambda_registered_for_a_named_event():
    check_marked('''
        import asyncio
        import functools

        async def sync_variables():
            await asyncio.sleep(0)

        def load_ipython_extension(ipython):
            ipython.events.register("post_run_cell", lambda result: asyncio.ensure_future(sync_variables()))  # ACK302

        def on_close(emitter):
            emitter.on("close", lambda: asyncio.ensure_future(sync_variables()))  # ACK302

        def by_type(dispatch):
            # (a dispatcher's implementation for a type: its caller gets what it returns)
            dispatch.register(int, lambda n: asyncio.ensure_future(sync_variables()))

        def stored(cache):
            cache.register(lambda: asyncio.ensure_future(sync_variables()))
    ''', ["ACK302"])


def test_a_socketio_background_task_whose_handle_is_dropped():
    check_marked('''
        import socketio

        sio = socketio.AsyncServer(async_mode="asgi")
        client = socketio.AsyncClient()
        background = set()

        async def heartbeat(sid):
            await sio.emit("ping", to=sid)

        async def on_connect(sid, environ):
            sio.start_background_task(heartbeat, sid)  # ACK302

        async def on_resume(sid, data):
            task = sio.start_background_task(heartbeat, sid)  # ACK302
            print("resumed", sid)

        async def on_connect_kept(sid, environ):
            task = sio.start_background_task(heartbeat, sid)
            background.add(task)
            task.add_done_callback(background.discard)

        async def dial(url):
            await client.connect(url)
            client.start_background_task(heartbeat, "me")  # ACK302

        def threaded(sync_sio: socketio.Server):
            sync_sio.start_background_task(print, "a thread of the sync server, not a task")
    ''', ["ACK302"])
