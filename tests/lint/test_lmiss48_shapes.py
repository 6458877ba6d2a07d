"""Shapes earlier rounds missed (lmiss48): one finding per line and call, loop guards written with `try`, files
that may be in memory, futures kept in declared containers, generators kept on an attribute, coroutine functions
handed to a project helper that calls them plainly, Tk roots known without an annotation or handed in. Each beside
its look-alikes."""
from __future__ import annotations

import textwrap

from .helpers import ALL, check_marked
from asynccheck.lint import lint_source


def _findings(source: str, code: str):
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    assert not report.errors, report.errors
    return [(f.line, f.column, f.count) for f in report.findings if f.code == code]


def test_the_same_read_twice_on_one_line_is_one_finding():
    found = _findings('''
        class Settings:
            @property
            def data(self):
                with open("settings.json") as f:
                    return f.read()


        class Store:
            def __init__(self):
                self.cfg = Settings()

            async def both(self):
                return self.cfg.data + self.cfg.data
    ''', "ACK103")
    assert found == [(14, 16, 1)]


def test_two_distinct_calls_on_one_line_stay_two_findings():
    found = _findings('''
        import pathlib


        async def size(path: pathlib.Path):
            if path.exists() and path.stat().st_size:
                return 1
    ''', "ACK110")
    assert [(line, column) for line, column, _ in found] == [(6, 8), (6, 26)]


def test_calls_that_start_at_one_column_are_one_finding_seen_once():
    # `open(p).read()`: the open and the read begin where the line's expression begins
    found = _findings('''
        async def first_line(p):
            return open(p).read()
    ''', "ACK103")
    assert found == [(3, 12, 1)]


def test_loop_objects_touched_where_a_try_found_the_running_loop():
    check_marked('''
        import asyncio
        import signal
        import threading


        class Bus:
            def __init__(self):
                self.queue = asyncio.Queue(10)
                self.event = asyncio.Event()
                self.loop = asyncio.new_event_loop()

            def when_none(self, item):
                try:
                    loop = asyncio.get_running_loop()
                except RuntimeError:
                    loop = None
                if loop is None:
                    self.loop.call_soon_threadsafe(self.queue.put_nowait, item)
                else:
                    self.queue.put_nowait(item)

            def when_some(self):
                try:
                    loop = asyncio.get_running_loop()
                except RuntimeError:
                    loop = None
                if loop is not None:
                    self.event.set()
                else:
                    self.loop.call_soon_threadsafe(self.event.set)

            def handler_leaves(self):
                try:
                    asyncio.get_running_loop()
                except RuntimeError:
                    self.loop.call_soon_threadsafe(self.event.set)
                    return
                self.event.set()

            def try_else(self):
                try:
                    asyncio.get_running_loop()
                except RuntimeError:
                    self.loop.call_soon_threadsafe(self.event.set)
                else:
                    self.event.set()

            def flag(self):
                try:
                    asyncio.get_running_loop()
                    on_loop = True
                except RuntimeError:
                    on_loop = False
                if on_loop:
                    self.event.set()
                else:
                    self.loop.call_soon_threadsafe(self.event.set)

            def early_return(self):
                try:
                    loop = asyncio.get_running_loop()
                except RuntimeError:
                    loop = None
                if not loop:
                    self.loop.call_soon_threadsafe(self.event.set)
                    return
                self.event.set()

            def current_loop_in_a_thread(self):
                try:
                    loop = asyncio.get_event_loop()
                except RuntimeError:
                    loop = None
                if loop is not None:
                    self.event.set()

            def unguarded(self, item):
                try:
                    loop = asyncio.get_running_loop()
                except RuntimeError:
                    loop = None
                self.queue.put_nowait(item)  # ACK401

            def wrong_branch(self):
                try:
                    loop = asyncio.get_running_loop()
                except RuntimeError:
                    loop = None
                if loop is None:
                    self.event.set()  # ACK401

            def handler_goes_on(self):
                try:
                    asyncio.get_running_loop()
                except RuntimeError:
                    pass
                self.event.set()  # ACK401

            def current_loop_unguarded(self):
                loop = asyncio.get_event_loop()
                if loop:
                    self.event.set()  # ACK401

            def start(self):
                threading.Thread(target=self.when_none, args=(1,)).start()
                threading.Thread(target=self.when_some).start()
                threading.Thread(target=self.handler_leaves).start()
                threading.Thread(target=self.try_else).start()
                threading.Thread(target=self.flag).start()
                threading.Thread(target=self.early_return).start()
                threading.Thread(target=self.current_loop_in_a_thread).start()
                threading.Thread(target=self.unguarded, args=(1,)).start()
                threading.Thread(target=self.wrong_branch).start()
                threading.Thread(target=self.handler_goes_on).start()
                threading.Thread(target=self.current_loop_unguarded).start()
    ''', ["ACK401", "ACK402"])


def test_loop_methods_called_where_a_try_found_that_loop_running():
    check_marked('''
        import asyncio
        import threading


        class Bus:
            def __init__(self, loop):
                self.loop = loop
                self.event = asyncio.Event()

            def same_loop(self):
                try:
                    running = asyncio.get_running_loop()
                except RuntimeError:
                    running = None
                if running is self.loop:
                    self.loop.call_soon(self.event.set)
                else:
                    self.loop.call_soon_threadsafe(self.event.set)

            def other_branch(self):
                try:
                    running = asyncio.get_running_loop()
                except RuntimeError:
                    running = None
                if running is self.loop:
                    self.loop.call_soon_threadsafe(self.event.set)
                else:
                    self.loop.call_soon(self.event.set)  # ACK402

            def unguarded(self):
                self.loop.call_soon(self.event.set)  # ACK402

            def start(self):
                threading.Thread(target=self.same_loop).start()
                threading.Thread(target=self.other_branch).start()
                threading.Thread(target=self.unguarded).start()
    ''', ["ACK401", "ACK402"])


def test_results_of_futures_kept_in_a_declared_collection():
    check_marked('''
        import asyncio
        import concurrent.futures
        from concurrent.futures import Future
        from typing import Awaitable, Callable, Dict, List, Optional


        class Pipe:
            def __init__(self, pool: concurrent.futures.ThreadPoolExecutor, on_close):
                self.pending: list[Future[bytes]] = []
                self.by_key: Dict[str, concurrent.futures.Future] = {}
                self.submitted = []
                self.pool = pool
                self.on_close: Callable[[], Awaitable[None]] = on_close

            def push(self, data):
                self.submitted.append(self.pool.submit(len, data))

            async def drain(self):
                return self.pending.pop().result()  # ACK106

            async def by_name(self, key):
                return self.by_key[key].result()  # ACK106

            async def each(self):
                return [f.result() for f in self.pending]  # ACK106

            async def from_submit(self):
                return self.submitted.pop().result()  # ACK106

            async def close(self):
                self.on_close()  # ACK301
    ''', ["ACK106", "ACK301"])


def test_futures_of_a_declared_collection_that_are_settled_or_not_concurrent():
    check_marked('''
        import asyncio
        import concurrent.futures
        from concurrent.futures import Future
        from typing import Optional


        class Pipe:
            def __init__(self):
                self.pending: list[Future[bytes]] = []
                self.waiters: list[asyncio.Future[None]] = []
                self.last: Optional[Future[bytes]] = None

            async def all_waited(self):
                await asyncio.to_thread(concurrent.futures.wait, self.pending)
                return [f.result() for f in self.pending]

            async def done_only(self):
                return [f.result() for f in self.pending if f.done()]

            async def wrapped(self):
                return await asyncio.wrap_future(self.pending.pop())

            async def wake(self):
                self.waiters.pop().set_result(None)
                return self.waiters[0].result()

            async def one_field(self):
                # a single future on a field is often a completion signal, set and done elsewhere
                return self.last.result()


        async def handed(pending: list[Future[bytes]]):
            await asyncio.get_running_loop().run_in_executor(None, concurrent.futures.wait, pending)
            return [f.result() for f in pending]
    ''', ["ACK106", "ACK301"])


def test_writes_to_what_is_a_real_file_on_some_paths():
    check_marked('''
        import io


        async def either(path, data):
            out = open(path, "wb") if path else io.BytesIO()  # ACK103
            out.write(data)  # ACK103


        async def branches(path, data):
            if path:
                out = open(path, "wb")  # ACK103
            else:
                out = io.BytesIO()
            out.write(data)  # ACK103


        async def declared(out: io.BufferedWriter | io.BytesIO, data):
            out.write(data)  # ACK103


        def sink(path):
            return open(path, "a") if path else io.StringIO()


        async def from_a_helper(path, line):
            out = sink(path)  # ACK103
            out.write(line)  # ACK103
    ''', ["ACK103"])


def test_writes_to_what_is_in_memory_on_every_path():
    check_marked('''
        import asyncio
        import io
        import sys
        from typing import BinaryIO


        async def both_in_memory(text, data):
            out = io.StringIO() if text else io.BytesIO()
            out.write(data)


        async def memory_or_unknown(stream, data):
            out = stream if stream is not None else io.BytesIO()
            out.write(data)


        async def abstract(out: BinaryIO | io.BytesIO, data):
            # typing.BinaryIO says nothing of where the bytes go (sys.stdout.buffer, a BytesIO): as alone
            out.write(data)


        async def narrowed(out: io.BufferedWriter | io.BytesIO, data):
            if isinstance(out, io.BytesIO):
                out.write(data)


        async def offloaded(path, data):
            out = await asyncio.to_thread(open, path, "wb") if path else io.BytesIO()
            await asyncio.to_thread(out.write, data)
    ''', ["ACK103"])


_CALLS_ITS_PARAMETER = '''
    import asyncio


    def call_it(fn):
        fn()


    def call_with(fn, x):
        print("calling")
        fn(x)


    def returns_it(fn):
        return fn()


    def keeps_it(fn):
        result = fn()
        return result


    def rebinds(fn):
        fn = wrap(fn)
        fn()


    def wrap(fn):
        return fn


    async def runs_unawaited(fn):
        fn()


    async def awaits_it(fn):
        await fn()


    class Jobs:
        async def refresh(self):
            pass

        def sync_refresh(self):
            pass

        async def go(self):
            call_it(self.refresh)  # ACK301
            call_with(self.refresh, 1)  # ACK301
            call_with(fn=self.refresh, x=1)  # ACK301
            await runs_unawaited(self.refresh)  # ACK301
            call_it(self.sync_refresh)
            await returns_it(self.refresh)
            await keeps_it(self.refresh)
            rebinds(self.refresh)
            await awaits_it(self.refresh)
            await asyncio.to_thread(call_it, self.sync_refresh)
'''


def test_a_coroutine_function_handed_to_a_helper_that_calls_it_plainly():
    check_marked(_CALLS_ITS_PARAMETER, ["ACK301"])


def test_a_helper_that_asks_whether_the_result_is_awaitable_may_run_it():
    source = _CALLS_ITS_PARAMETER.replace("import asyncio\n", "import asyncio\nimport inspect\n\n\n"
                                          "def maybe(r):\n    return inspect.isawaitable(r)\n")
    assert not [f for f in lint_source(textwrap.dedent(source), "example.py", ALL).findings
                if f.code == "ACK301" and "to call as a plain function" in f.message]


def test_the_fix_does_not_await_the_helper_that_is_handed_a_coroutine_function():
    report = lint_source(textwrap.dedent(_CALLS_ITS_PARAMETER), "example.py", ALL)
    assert [f.line for f in report.findings if f.code == "ACK301" and f.fixable] == []


def test_a_generator_kept_on_an_attribute_blocks_where_it_is_advanced():
    check_marked('''
        import asyncio
        import os
        import pathlib


        class Lister:
            def __init__(self, path: pathlib.Path):
                self._path = path
                self._gen = None
                self._entries = path.iterdir()
                self._lines = self._read(path)

            def _walk(self, path):
                for name in os.listdir(path):
                    yield name

            def _read(self, path):
                with open(path) as f:
                    yield from f

            async def next_name(self):
                if self._gen is None:
                    self._gen = self._walk(self._path)
                return next(self._gen)  # ACK103

            async def __anext__(self):
                try:
                    return next(self._entries)  # ACK103
                except StopIteration:
                    raise StopAsyncIteration

            async def resumed(self):
                return self._lines.send(None)  # ACK103
    ''', ["ACK103"])


def test_generators_on_an_attribute_that_do_nothing_blocking_or_are_advanced_off_the_loop():
    check_marked('''
        import asyncio
        import os


        def numbers():
            for i in range(10):
                yield i * 2


        class Counter:
            def __init__(self, path):
                self._gen = numbers()
                self._lines = self._read(path)
                self._plain = iter([1, 2])

            def _read(self, path):
                with open(path) as f:
                    yield from f

            async def step(self):
                return next(self._gen)

            async def offloaded(self):
                return await asyncio.to_thread(list, self._lines)

            async def plain_iterator(self):
                return next(self._plain)

            def sync_step(self):
                return next(self._lines)
    ''', ["ACK103"])


def test_advancing_a_kept_generator_is_not_offloaded_by_the_fix():
    report = lint_source(textwrap.dedent('''
        import os


        class Lister:
            def __init__(self, path):
                self._entries = os.walk(path)

            async def step(self):
                return next(self._entries)
    '''), "example.py", ALL)
    assert [(f.line, f.fixable) for f in report.findings if f.code == "ACK103"] == [(10, False)]


def test_tk_roots_on_untyped_attributes_resolve_like_typed_ones():
    check_marked('''
        import asyncio
        import threading
        import tkinter as tk


        class Assigned:
            def __init__(self):
                self.root = tk.Tk()
                self.queue = asyncio.Queue(10)
                tk.Button(self.root, command=self.clicked).pack()
                self.root.after(100, self.poll)

            def clicked(self):
                self.queue.put_nowait(1)  # ACK401

            def poll(self):
                self.queue.put_nowait(2)  # ACK401

            def start(self):
                threading.Thread(target=self.root.mainloop, daemon=True).start()

            async def run_here(self):
                self.root.mainloop()  # ACK107


        class BuiltLater:
            def build(self):
                self.root = tk.Tk()
                self.queue = asyncio.Queue(10)
                tk.Button(self.root, command=self.clicked).pack()

            def clicked(self):
                self.queue.put_nowait(1)  # ACK401

            def start(self):
                self.build()
                threading.Thread(target=self.root.mainloop).start()
    ''', ["ACK107", "ACK401", "ACK402"])


def test_tk_on_the_main_thread_with_no_loop_thread_is_left_alone():
    check_marked('''
        import asyncio
        import tkinter as tk


        class Window:
            def __init__(self, loop):
                self.loop = loop
                self.root = tk.Tk()
                self.queue = asyncio.Queue(10)
                tk.Button(self.root, command=self.clicked).pack()

            def clicked(self):
                self.queue.put_nowait(1)

            def step(self):
                self.root.update()

            async def pump(self):
                while True:
                    self.root.update()
                    await asyncio.sleep(0.01)
    ''', ["ACK107", "ACK401", "ACK402"])


def test_tk_handed_in_rather_than_imported_whose_mainloop_gets_a_thread():
    check_marked('''
        import asyncio
        import threading


        class Handed:
            def __init__(self, root, tk):
                self.root = root
                self.clicked = asyncio.Event()
                tk.Button(self.root, text="Go", command=self.on_button).pack()
                threading.Thread(target=self.root.mainloop, daemon=True).start()

            def on_button(self):
                self.clicked.set()  # ACK401


        class HandedSafe:
            def __init__(self, root, tk, loop):
                self.root = root
                self.loop = loop
                self.clicked = asyncio.Event()
                tk.Button(self.root, text="Go", command=self.on_button).pack()
                threading.Thread(target=self.root.mainloop, daemon=True).start()

            def on_button(self):
                self.loop.call_soon_threadsafe(self.clicked.set)
    ''', ["ACK401", "ACK402"])


def test_command_keywords_in_a_module_with_no_gui_main_loop_thread():
    check_marked('''
        import asyncio
        import threading


        class Runner:
            def __init__(self, shell, worker):
                self.done = asyncio.Event()
                shell.register(command=self.finished)
                threading.Thread(target=worker.run, daemon=True).start()

            def finished(self):
                self.done.set()
    ''', ["ACK401", "ACK402"])
