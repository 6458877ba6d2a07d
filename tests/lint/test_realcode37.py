"""Shapes found wrong or overclaimed on real async code (realcode37: an AMQP client, a ZooKeeper client, a TV
remote library, a Twitter client, a GitHub API client, two Home Assistant integrations, a chat UI framework, a
voice-agent framework, a personal AI assistant): each beside the real anti-pattern of its kind, which is still
reported."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths, lint_source

from .helpers import ALL, check_marked, project_findings


def lint(source: str):
    return lint_source(textwrap.dedent(source), "example.py", ALL).findings


def test_spawn_on_the_round_that_stops_the_loop():
    # An AMQP client's reader: `while not self.stopping.is_set():` ... on a closed connection it sets the event and
    # calls a helper that starts the error callback's task; that round is the loop's last, so the helper runs once
    check_marked('''
        import asyncio


        class Reader:
            def _fail(self, exc):
                asyncio.ensure_future(self.on_error(exc))

            async def run(self):
                while not self.stopping.is_set():
                    try:
                        await self.read_frame()
                    except ConnectionError as exc:
                        self.stopping.set()
                        self._fail(exc)
    ''', ["ACK502"])
    # the same with a flag, set after the spawn itself
    check_marked('''
        import asyncio


        class Pump:
            async def run(self):
                while self.alive and self.reader is not None:
                    msg = await self.reader.recv()
                    if msg is None:
                        asyncio.ensure_future(self.on_closed())
                        self.alive = False
                        continue
                    await self.handle(msg)
    ''', ["ACK502"])


def test_spawn_in_a_loop_whose_stop_is_elsewhere_or_skipped_is_still_reported():
    # the stop on another branch, a `continue` before the stop, a stop that does not end this loop's test
    check_marked('''
        import asyncio


        class Reader:
            def _dispatch(self, frame):
                asyncio.ensure_future(self.on_frame(frame))  # ACK502

            async def run(self):
                while not self.stopping.is_set():
                    try:
                        frame = await self.read_frame()
                        self._dispatch(frame)
                    except ConnectionError:
                        self.stopping.set()

            async def pump(self):
                while self.alive:
                    msg = await self.reader.recv()
                    if msg is not None:
                        asyncio.ensure_future(self.handle(msg))  # ACK502
                        continue
                        self.alive = False

            async def drain(self):
                while not self.stopping.is_set():
                    msg = await self.reader.recv()
                    asyncio.ensure_future(self.handle(msg))  # ACK502
                    self.other.set()
                    self.alive = False
    ''', ["ACK502"])


def test_queue_filled_by_draining_another_one():
    # A voice-agent framework's frame queue keeps its uninterruptible frames on reset: it drains itself into a
    # local queue, then that one back into itself, both without awaiting; each loop ends when its source is empty
    check_marked('''
        import asyncio
        from collections import deque


        class KeepingQueue(asyncio.Queue):
            def __init__(self):
                super().__init__()

            def reset(self):
                kept = asyncio.Queue()
                while not self.empty():
                    item = self.get_nowait()
                    if item.keep:
                        kept.put_nowait(item)
                while kept.qsize() > 0:
                    self.put_nowait(kept.get_nowait())


        class Flusher:
            def __init__(self):
                self.backlog = deque()
                self.out = asyncio.Queue()

            def flush(self):
                while self.backlog:
                    entry = self.backlog.popleft()
                    self.out.put_nowait(entry)
    ''', ["ACK501"])


def test_queue_filled_by_a_loop_that_awaits_or_takes_nothing_is_still_reported():
    # a drain that awaits (the source refills meanwhile), one that only peeks, a nested loop per item
    check_marked('''
        import asyncio


        class Relay:
            def __init__(self, source):
                self.source = source
                self.out = asyncio.Queue()  # ACK501
                self.seen = asyncio.Queue()  # ACK501
                self.parts = asyncio.Queue()  # ACK501

            async def pump(self):
                while not self.source.empty():
                    item = await self.source.get()
                    await self.out.put(item)

            def watch(self):
                while not self.source.empty():
                    self.seen.put_nowait(self.source.peek())

            def split(self):
                while not self.source.empty():
                    item = self.source.get_nowait()
                    for part in item.parts:
                        self.parts.put_nowait(part)
    ''', ["ACK501"])


def test_task_started_from_a_signal_handler_is_not_said_to_lack_a_loop():
    # A voice-agent runner's Windows fallback, `signal.signal(SIGINT, lambda s, f: self._on_signal())`, starts a
    # task: still ACK402, but the handler runs on the main thread, where the loop is; the harm is that nothing
    # wakes the loop, and the handler is installed, not handed to another thread
    source = '''
        import asyncio
        import signal


        class Runner:
            def install(self):
                signal.signal(signal.SIGINT, lambda s, f: self._on_signal())

            def _on_signal(self):
                self._stop_task = asyncio.create_task(self.stop())
    '''
    (finding,) = [f for f in lint(source) if f.code == "ACK402"]
    assert finding.line == 11
    assert "needs a running loop" not in finding.message and "without waking it" in finding.message
    assert [r.message for r in finding.related] == ["where it is installed as a signal handler"]


def test_task_started_on_another_thread_still_needs_a_loop():
    source = '''
        import asyncio
        import threading


        class Runner:
            def install(self):
                threading.Thread(target=self._watch).start()

            def _watch(self):
                self._stop_task = asyncio.create_task(self.stop())
    '''
    (finding,) = [f for f in lint(source) if f.code == "ACK402"]
    assert finding.line == 11 and "needs a running loop in the calling thread" in finding.message


def test_call_awaited_in_one_place_whose_handle_is_read_in_another():
    # A browser agent's event bus: `await bus.dispatch(E)` waits for the handlers, a bare `bus.dispatch(E)`
    # queues the event and returns; elsewhere the module binds what dispatch returns, awaits it and reads it again
    # (`await ev.event_result()`), which no coroutine allows: a handle on started work, not a coroutine
    check_marked('''
        from eventlib import Bus


        class Session:
            bus: Bus

            async def start(self):
                started = self.bus.dispatch(StartEvent())
                await started
                await started.event_result(raise_if_any=True)

            async def switch(self, target):
                if target is None:
                    self.bus.dispatch(TabCreated())
                    return
                await self.bus.dispatch(FocusChanged(target))
    ''', ["ACK301"])


def test_call_awaited_in_one_place_and_dropped_in_another_is_still_reported():
    # a coroutine bound and awaited later, with nothing else read off it; a result read only after awaiting
    check_marked('''
        from httplib import Http


        class Client:
            http: Http

            async def link(self):
                pending = self.http.post("/link")
                await pending
                reply = await self.http.get("/me")
                return reply.json()

            async def invite(self, first):
                if first:
                    self.http.post("/invites")  # ACK301
                    self.http.get("/me")  # ACK301
                    return
                await self.http.post("/invites")
                await self.http.get("/me")
    ''', ["ACK301"])


_WATCHING_FACTORY = '''
    import asyncio
    import logging


    def spawn_logged(coro, name=None):
        task = asyncio.create_task(coro, name=name)

        def _report(t):
            if not t.cancelled() and t.exception() is not None:
                logging.error("background task failed", exc_info=t.exception())

        task.add_done_callback(_report)
        return task


    def spawn_plain(coro):
        task = asyncio.create_task(coro)
        task.add_done_callback(print)
        return task
'''


def test_task_dropped_from_a_factory_that_watches_it_keeps_its_errors_seen(tmp_path):
    # A browser agent's `create_task_with_error_handling` adds a done callback that reads each task's exception:
    # a caller that drops the task still loses the reference (ACK302), but no error goes unseen
    sources = {
        "app/__init__.py": "",
        "app/util.py": _WATCHING_FACTORY,
        "app/main.py": '''
            from app.util import spawn_logged, spawn_plain


            async def on_click(browser, node):
                spawn_logged(browser.highlight(node), name="highlight")
                spawn_plain(browser.highlight(node))
        ''',
        "app/same.py": _WATCHING_FACTORY + '''

    async def on_type(browser, node):
        spawn_logged(browser.highlight(node))
        spawn_plain(browser.highlight(node))
''',
    }
    assert project_findings(tmp_path, sources, ["ACK302"]) == {
        ("app/main.py", 5, "ACK302"), ("app/main.py", 6, "ACK302"),
        ("app/same.py", 23, "ACK302"), ("app/same.py", 24, "ACK302")}
    report = lint_paths([tmp_path], Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False)
    messages = {(Path(f.path).name, f.line): f.message for f in report.findings if f.code == "ACK302"}
    for watched in (("main.py", 5), ("same.py", 23)):
        assert "no error goes unseen" in messages[watched] and "no code of yours" not in messages[watched]
    for plain in (("main.py", 6), ("same.py", 24)):
        assert "no code of yours retrieves its exception" in messages[plain]
