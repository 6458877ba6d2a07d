"""Shapes found overclaimed on real applications (realcode27): each beside the real anti-pattern of its kind,
which is still reported."""
from __future__ import annotations

import textwrap

from asynccheck.lint import lint_source

from .helpers import ALL, check_marked


def test_a_textual_worker_method_called_bare_starts_a_worker():
    # textual's `@work` (bare or with arguments) makes calling the `async def` start a worker that the app
    # keeps and runs, and hand back the Worker: `self.refresh_list()` from a handler is how it is meant to be
    # used. A method under a decorator we know nothing of, or one that merely shares the name `work` but is
    # not textual's, is still a coroutine function whose coroutine the bare call drops
    check_marked('''
        from textual import work
        from textual.app import App
        import textual
        import jobs


        class Viewer(App):
            @work(exclusive=True, group="loader")
            async def refresh_list(self) -> None:
                pass

            @work
            async def tick(self) -> None:
                pass

            @textual.work(thread=True)
            async def slow(self) -> None:
                pass

            @jobs.work
            async def other(self) -> None:
                pass

            async def plain(self) -> None:
                pass

            def on_mount(self) -> None:
                self.refresh_list()
                self.tick()
                self.slow()
                self.other()  # ACK301

            async def action_go(self) -> None:
                self.refresh_list()
                self.plain()  # ACK301
    ''', ["ACK301", "ACK302"])


def _messages(source: str) -> dict:
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    return {f.line: f.message for f in report.findings if f.code == "ACK201"}


def test_a_reentrant_lock_held_across_an_await_lets_the_loops_tasks_in():
    # a threading.RLock belongs to the thread that took it: the loop's other tasks, on that same thread, take it
    # again while the holder sleeps rather than blocking the loop, and only other threads wait. Still reported
    # (it excludes nothing between the tasks), but not as a lock that stalls the loop; a plain Lock held the
    # same way, or acquired and held to an await, still is
    found = _messages('''
        import asyncio
        import threading

        class Walker:
            def __init__(self):
                self.shared = threading.RLock()
                self.plain = threading.Lock()

            async def tick(self):
                with self.shared:
                    await asyncio.sleep(1)

            async def step(self):
                with self.plain:
                    await asyncio.sleep(1)

            async def take(self):
                self.shared.acquire()
                await asyncio.sleep(1)
                self.shared.release()
    ''')
    assert set(found) == {11, 15, 19}, found
    for line in (11, 19):
        assert "re-entrant" in found[line] and "block the event loop" not in found[line], found[line]
    assert "block the event loop" in found[15] and "re-entrant" not in found[15], found[15]


def test_a_context_manager_generator_that_swallows_cancellation_is_not_an_async_for_stream():
    # an `@asynccontextmanager` (an app's lifespan) that catches the cancellation around its startup awaits and
    # `yield`, or in its teardown, ends: `async with` takes that as a clean exit and the cancelled task carries
    # on after the block. No `async for` consumes it, so the report says what happens to the `async with`; a
    # plain async generator that swallows it still reads as a stream that ends early
    source = textwrap.dedent('''
        import asyncio
        from contextlib import asynccontextmanager

        @asynccontextmanager
        async def lifespan(app):
            try:
                await app.start()
                yield
            except asyncio.CancelledError:
                app.log("cancelled")

        @asynccontextmanager
        async def session(app):
            yield
            try:
                await app.stop()
            except asyncio.CancelledError:
                pass

        async def rows(source):
            try:
                while True:
                    yield await source.next()
            except asyncio.CancelledError:
                pass
    ''')
    report = lint_source(source, "example.py", ALL)
    found = {f.line: f.message for f in report.findings if f.code in ("ACK601", "ACK602")}
    assert set(found) == {10, 18, 25}, found
    for line in (10, 18):
        assert "`async with` that entered it" in found[line] and "async for" not in found[line], found[line]
    assert "the `async for` that consumes it" in found[25], found[25]


def test_a_table_a_loader_fills_once_is_read_on_the_first_call_only():
    # a module dict the loader fills in place on the first call (under a lock, testing it again there), and
    # callers that run the loader only while the dict is empty: the files are read once per process, as with
    # `@functools.cache`. A buffer the module also empties is refilled each time it runs dry, and a table
    # the loader fills with no test of it reads the files on every call: both still block the handler
    check_marked('''
        import json
        import threading
        from pathlib import Path

        _table: dict = {}
        _lock = threading.Lock()
        _pending: list = []
        _always: dict = {}


        def _load() -> None:
            with _lock:
                if _table:
                    return
                for path in Path("locales").glob("*.json"):
                    with path.open() as f:
                        _table[path.stem] = json.load(f)


        def lookup(key):
            if not _table:
                _load()
            return _table.get(key)


        def _refill():
            _pending.extend(Path("queue.txt").read_text().splitlines())


        def next_line():
            if not _pending:
                _refill()
            return _pending.pop()


        def _load_always():
            _always.update(json.loads(Path("conf.json").read_text()))


        def conf(key):
            _load_always()
            return _always.get(key)


        async def handler(key):
            a = lookup(key)
            b = next_line()  # ACK103
            c = conf(key)  # ACK103
            return a, b, c
    ''', ["ACK103", "ACK110"])
