"""Shapes earlier blind rounds missed (lmiss47): coroutines walked by a loop that only logs them, collections of
coroutines on a side of `and`/`or`, dropped task lists made by `map`, thread callbacks registered with a flag,
log handlers and finalizers that touch loop objects, dispatch tables of blocking calls, a project's context manager
that yields a file or a path, and toolkit objects known from an annotation. Each beside its look-alikes."""
from __future__ import annotations

import textwrap

from .helpers import ALL, check_marked, marked, named_findings, project_findings


def test_coroutines_walked_by_a_loop_that_only_logs_or_prints_them():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)


        async def fetch(x):
            await asyncio.sleep(x)


        def render(x):
            return str(x)


        async def logged(items):
            for coro in [fetch(i) for i in items]:  # ACK301
                log.debug("queued %r", coro)


        async def printed(items):
            for coro in {fetch(i) for i in items}:  # ACK301
                print("scheduled", coro)


        async def tested(items):
            for coro in (fetch(i) for i in items):  # ACK301
                if coro:
                    log.info("ok")


        async def kept_then_logged(items):
            pending = [fetch(i) for i in items]  # ACK301
            for coro in pending:
                log.info("queued %r", coro)


        async def awaited(items):
            for coro in [fetch(i) for i in items]:
                log.debug("running %r", coro)
                await coro


        async def handed_on(items, tasks):
            for coro in [fetch(i) for i in items]:
                log.debug("starting %r", coro)
                tasks.append(asyncio.create_task(coro))


        async def kept_and_gathered(items):
            pending = [fetch(i) for i in items]
            for coro in pending:
                log.info("queued %r", coro)
            await asyncio.gather(*pending)


        async def rebound(items):
            for coro in [fetch(i) for i in items]:
                coro = asyncio.ensure_future(coro)
                print(coro)


        async def results(items):
            for text in [render(i) for i in items]:
                print(text)


        async def nothing_shown(items):
            for coro in [fetch(i) for i in items]:
                pass
    ''', ["ACK301"])


def test_coroutines_on_a_side_of_and_or_whose_value_is_dropped():
    check_marked('''
        import asyncio


        class Plugin:
            async def setup(self):
                await asyncio.sleep(0)


        def build(p):
            return p


        async def left_of_and(plugins: dict[str, Plugin]) -> set:
            return {p.setup() for p in plugins.values() if p is not None} and set()  # ACK301


        async def left_of_and_bound(plugins: list[Plugin]):
            started = [p.setup() for p in plugins] and True  # ACK301
            return started


        async def statement(plugins: list[Plugin], ready):
            ready or {p.setup() for p in plugins}  # ACK301
            ready and plugins[0].setup()  # ACK301
            if ready and plugins[0].setup():  # ACK301
                pass


        async def left_of_or_returned(plugins: list[Plugin]):
            return {p.setup() for p in plugins} or set()


        async def right_side_kept(plugins: list[Plugin], ready):
            pending = ready and [p.setup() for p in plugins]
            await asyncio.gather(*pending)


        async def right_side_gathered(plugins: list[Plugin], ready):
            await asyncio.gather(*(ready and [p.setup() for p in plugins] or []))


        async def plain_values(plugins: list[Plugin]):
            return {build(p) for p in plugins} and set()
    ''', ["ACK301"])


def test_tasks_started_by_map_in_a_list_nobody_keeps():
    check_marked('''
        import asyncio
        import functools


        async def close_all(conns):
            list(map(lambda c: asyncio.create_task(c.close()), conns))  # ACK302


        async def start_all(coros):
            set(map(asyncio.create_task, coros))  # ACK302
            _ = tuple(map(asyncio.ensure_future, coros))  # ACK302


        async def counted(conns):
            started = list(map(lambda c: asyncio.create_task(c.close()), conns))  # ACK302
            print(len(started), "closing")


        async def on_a_loop(loop: asyncio.AbstractEventLoop, coros):
            list(map(loop.create_task, coros))  # ACK302


        async def kept(conns):
            started = list(map(lambda c: asyncio.create_task(c.close()), conns))
            await asyncio.gather(*started)


        async def returned(coros):
            return list(map(asyncio.create_task, coros))


        async def gathered(coros):
            await asyncio.gather(*map(asyncio.create_task, coros))


        async def lazy(coros):
            map(asyncio.create_task, coros)  # never iterated: nothing starts


        async def not_a_spawner(conns):
            list(map(lambda c: c.close_nowait(), conns))
            list(map(str, conns))


        async def the_items_own(groups, coros):
            list(map(lambda g: g.create_task(coros[0]), groups))


        def shadowed(coros, map):
            list(map(asyncio.create_task, coros))
    ''', ["ACK302"])


def test_callbacks_a_library_is_asked_to_run_on_its_own_thread():
    check_marked('''
        import asyncio
        import functools


        def on_change(changed: asyncio.Event, status) -> None:
            changed.set()  # ACK401


        async def watch(api, label):
            changed = asyncio.Event()
            api.on_status_change(callback=lambda status: changed.set(), run_in_thread=True)  # ACK401
            api.on_error(changed.set, threaded=True)  # ACK401
            api.on_reset(functools.partial(on_change, changed), call_in_worker_thread=True)
            await changed.wait()


        async def safe(api):
            loop = asyncio.get_running_loop()
            changed = asyncio.Event()
            api.on_status_change(callback=lambda status: loop.call_soon_threadsafe(changed.set), run_in_thread=True)
            await changed.wait()


        async def no_thread(api):
            changed = asyncio.Event()
            api.on_status_change(callback=lambda status: changed.set(), run_in_thread=False)
            api.on_status_change(callback=lambda status: changed.set(), daemon=True)
            api.on_status_change(callback=lambda status: changed.set(), use_threads=True)
            await changed.wait()


        def register(callback, run_in_thread=False):
            if run_in_thread:
                raise NotImplementedError
            callback(None)


        async def own_function():
            changed = asyncio.Event()
            register(lambda status: changed.set(), run_in_thread=True)
            await changed.wait()
    ''', ["ACK401", "ACK402"])


def test_a_log_handler_emit_runs_in_every_thread_that_logs():
    check_marked('''
        import asyncio
        import logging
        import queue
        import threading


        class AsyncQueueHandler(logging.Handler):
            def __init__(self, records: asyncio.Queue):
                super().__init__()
                self.records = records

            def emit(self, record: logging.LogRecord) -> None:
                try:
                    self.records.put_nowait(self.format(record))  # ACK401
                except asyncio.QueueFull:
                    pass


        class EventHandler(logging.StreamHandler):
            def __init__(self, seen: asyncio.Event):
                super().__init__()
                self.seen = seen

            def emit(self, record):
                self.seen.set()  # ACK401


        class LoopSafeHandler(logging.Handler):
            def __init__(self, records: asyncio.Queue, loop: asyncio.AbstractEventLoop):
                super().__init__()
                self.records = records
                self.loop = loop

            def emit(self, record):
                self.loop.call_soon_threadsafe(self.records.put_nowait, self.format(record))


        class ThreadAwareHandler(logging.Handler):
            def __init__(self, records: asyncio.Queue, loop: asyncio.AbstractEventLoop):
                super().__init__()
                self.records = records
                self.loop = loop

            def emit(self, record):
                try:
                    running = asyncio.get_running_loop()
                except RuntimeError:
                    running = None
                if running is self.loop:
                    self.records.put_nowait(self.format(record))
                else:
                    self.loop.call_soon_threadsafe(self.records.put_nowait, self.format(record))


        class ThreadQueueHandler(logging.Handler):
            def __init__(self, records: queue.Queue):
                super().__init__()
                self.records = records

            def emit(self, record):
                self.records.put_nowait(self.format(record))


        class NotAHandler:
            def __init__(self, records: asyncio.Queue):
                self.records = records

            def emit(self, record):
                self.records.put_nowait(record)
    ''', ["ACK401", "ACK402"])


def test_a_finalizer_runs_in_whichever_thread_drops_the_object():
    check_marked('''
        import asyncio
        import weakref


        def _announce(closed: asyncio.Queue, name: str) -> None:
            closed.put_nowait(name)  # ACK401


        def _count(counts: dict, name: str) -> None:
            counts[name] = counts.get(name, 0) + 1


        class Connection:
            def __init__(self, name: str, closed: asyncio.Queue, counts: dict, loop: asyncio.AbstractEventLoop):
                weakref.finalize(self, closed.put_nowait, name)  # ACK401
                weakref.finalize(self, _announce, closed, name)
                weakref.finalize(self, loop.call_soon_threadsafe, closed.put_nowait, name)
                weakref.finalize(self, _count, counts, name)
                weakref.finalize(self, print, "closed", name)
    ''', ["ACK401", "ACK402"])


def test_tables_of_blocking_functions_however_they_are_built_and_walked():
    check_marked('''
        import asyncio

        import httpx
        import requests


        def fetch(method, url):
            ops = dict(get=requests.get, head=requests.head)
            return ops[method](url)


        async def through_a_helper(url):
            return fetch("get", url)  # ACK102


        async def keywords(url, method):
            ops = dict(get=requests.get, head=requests.head)
            return ops[method](url)  # ACK102


        async def walked_items(url):
            ops = {"get": requests.get, "head": requests.head}
            for name, op in ops.items():
                op(url)  # ACK102


        async def walked_tuple(url):
            for op in (requests.get, requests.head):
                op(url)  # ACK102


        async def indexed_list(url):
            ops = [requests.get, requests.head]
            return ops[0](url)  # ACK102


        async def offloaded(url, method):
            ops = dict(get=requests.get, head=requests.head)
            return await asyncio.to_thread(ops[method], url)


        async def mixed(url, method, mine):
            ops = dict(get=requests.get, mine=mine)
            return ops[method](url)


        async def async_client(client: httpx.AsyncClient, url, method):
            ops = dict(get=client.get, head=client.head)
            for op in (client.get, client.head):
                await op(url)
            return await ops[method](url)


        async def harmless(url):
            for op in (len, str):
                op(url)


        def sync_only(url, method):
            ops = dict(get=requests.get, head=requests.head)
            return ops[method](url)


        async def shadowed(url, method, dict):
            ops = dict(get=requests.get, head=requests.head)
            return ops[method](url)
    ''', ["ACK101", "ACK102", "ACK103", "ACK105"])


HELPERS = '''
    import contextlib
    import io
    import sqlite3
    from contextlib import contextmanager
    from pathlib import Path
    from typing import Iterator

    import anyio

    BASE = Path("/srv/data")


    @contextmanager
    def workdir(name: str):
        path = BASE / name
        yield path


    @contextmanager
    def declared(name: str) -> Iterator[Path]:
        yield BASE / name


    @contextmanager
    def handed(stream: io.TextIOWrapper):
        yield stream


    @contextlib.contextmanager
    def opened(name: str):
        f = open(BASE / name)
        try:
            yield f
        finally:
            f.close()


    @contextmanager
    def cursor(path: str):
        conn = sqlite3.connect(path)
        yield conn.cursor()


    @contextmanager
    def settings(name: str):
        yield {"name": name}


    @contextmanager
    def async_path(name: str):
        yield anyio.Path(BASE / name)


    def plain(name: str):
        yield BASE / name
'''

USERS = '''
    import asyncio

    from shop.helpers import async_path, cursor, declared, handed, opened, plain, settings, workdir
    from shop import helpers


    async def read_workdir(name):
        with workdir(name) as p:
            return p.read_text()  # ACK103


    async def read_declared(name):
        with declared(name) as p:
            return p.read_bytes()  # ACK103


    async def read_module_attribute(name):
        with helpers.workdir(name) as p:
            p.write_text(name)  # ACK103


    async def read_handed(stream):
        with handed(stream) as f:
            return f.read()  # ACK103


    async def read_opened(name):
        with opened(name) as f:  # ACK103
            return f.read()


    async def count(path):
        with cursor(path) as cur:  # ACK105
            cur.execute("SELECT count(*) FROM t")
            return cur.fetchone()[0]


    async def offloaded(name):
        with workdir(name) as p:
            return await asyncio.to_thread(p.read_text)


    async def not_a_file(name):
        with settings(name) as conf:
            return conf.get("name")


    async def awaited_path(name):
        with async_path(name) as p:
            return await p.read_text()


    def sync_reader(name):
        with workdir(name) as p:
            return p.read_text()


    async def a_plain_generator(name):
        for p in plain(name):
            return p.name
'''


def test_what_a_context_manager_of_another_module_yields_types_the_with_target(tmp_path):
    files = {"shop/__init__.py": "", "shop/helpers.py": HELPERS, "shop/users.py": USERS}
    found = project_findings(tmp_path, files, ["ACK101", "ACK102", "ACK103", "ACK105"])
    expected = {("shop/users.py", line, code) for code, line in marked(textwrap.dedent(USERS).lstrip("\n"))}
    assert found == expected
    # linted alone, as pre-commit and editors do, the file knows as much
    assert named_findings(tmp_path, "shop/users.py", ["ACK101", "ACK102", "ACK103", "ACK105"]) == expected


def test_what_a_context_manager_of_this_module_yields_types_the_with_target():
    check_marked(textwrap.dedent(HELPERS) + textwrap.dedent(USERS).replace(
        "from shop.helpers import async_path, cursor, declared, handed, opened, plain, settings, workdir\n", "").replace(
        "from shop import helpers\n", "").replace("helpers.workdir", "workdir"), ["ACK101", "ACK102", "ACK103", "ACK105"])


def test_tk_waits_known_from_an_annotation():
    check_marked('''
        import asyncio
        import tkinter as tk
        from tkinter import filedialog, messagebox, ttk


        async def run_gui(root: tk.Tk):
            root.mainloop()  # ACK107


        async def modal(top: tk.Toplevel, button: ttk.Button, var: tk.StringVar):
            top.wait_window()  # ACK107
            button.wait_variable(var)  # ACK107


        async def ask(root: tk.Tk):
            path = filedialog.askopenfilename()  # ACK107
            return messagebox.askyesno("Open", path)  # ACK107


        async def made_here():
            root = tk.Tk()
            root.mainloop()  # ACK107


        async def drive(root: tk.Tk):
            while True:
                root.update()
                await asyncio.sleep(0.02)


        def sync_main(root: tk.Tk):
            root.mainloop()
            messagebox.showinfo("Bye", "closing")


        async def untyped(window):
            window.mainloop()


        class Game:
            def mainloop(self):
                return None


        async def other_mainloop(game: Game):
            game.mainloop()
    ''', ["ACK101", "ACK106", "ACK107", "ACK108"])


def test_tk_waits_are_not_offloaded_by_the_fix():
    from asynccheck.lint import lint_source
    report = lint_source("import tkinter as tk\n\nasync def run(root: tk.Tk):\n    root.mainloop()\n", "gui.py", ALL)
    assert [f.code for f in report.findings] == ["ACK107"] and not report.findings[0].fixable


def test_the_working_directory_asked_for_in_a_coroutine():
    check_marked('''
        import asyncio
        import os
        from pathlib import Path


        async def resolve(name: str, base: Path):
            full = os.path.abspath(name)  # ACK110
            rel = os.path.relpath(full, "/srv")  # ACK110
            here = os.getcwd()  # ACK110
            mine = base.absolute()  # ACK110
            start = Path.cwd()  # ACK110
            return full, rel, here, mine, start


        async def pure(name: str, base: Path):
            joined = os.path.join("/srv", os.path.basename(name))
            return joined, os.path.dirname(joined), base.is_absolute(), base.name


        async def offloaded(name: str):
            return await asyncio.to_thread(os.path.abspath, name)


        def sync_resolve(name: str):
            return os.path.abspath(name), Path.cwd()
    ''', ["ACK103", "ACK110"])
