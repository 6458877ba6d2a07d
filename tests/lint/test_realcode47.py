"""Shapes from real async libraries and SDKs (realcode47): a library's own coroutine-function test kept in a
local; an attempt's outcome recorded for the retry controller that raises it; a psycopg2 connection in
asynchronous mode; a queue filled only on a waiting consumer's demand; a gather's future watched by a done
callback."""
from __future__ import annotations

import textwrap
from typing import Dict

from asynccheck.lint import lint_source
from tests.lint.helpers import ALL, check_marked


def test_a_call_guarded_by_the_librarys_own_coroutine_function_test_is_plain():
    # the test is a helper of the library (named the way such helpers are), kept in a local, and the awaited
    # call sits in the branch that returns early
    check_marked('''
        import functools
        import inspect
        import typing as t

        Fn = t.TypeVar("Fn", bound=t.Callable[..., t.Awaitable[t.Any]])

        def is_coroutine_callable(call) -> bool:
            if inspect.isclass(call):
                return False
            if inspect.iscoroutinefunction(call):
                return True
            partial_call = isinstance(call, functools.partial) and call.func
            return inspect.iscoroutinefunction(partial_call or getattr(call, "__call__", None))

        class Retrier:
            async def __call__(self, fn: Fn, *args, **kwargs):
                is_async = is_coroutine_callable(fn)
                if not self.enabled:
                    if is_async:
                        return await fn(*args, **kwargs)
                    return fn(*args, **kwargs)
                if is_async:
                    return await fn(*args, **kwargs)
                else:
                    return fn(*args, **kwargs)

        async def run_hook(hook: t.Callable[..., t.Awaitable[None]], event):
            if _is_async_callable(hook):
                return await hook(event)
            return hook(event)

        def _is_async_callable(obj) -> bool:
            return inspect.iscoroutinefunction(obj)

        async def fetch(url):
            ...

        async def poll(urls, fn):
            if not is_coroutine_callable(fn):  # a test of another callable says nothing about `fetch`
                fetch(urls[0])  # ACK301
            return None
    ''', ["ACK301"])


def test_an_attempt_outcome_recorded_for_the_retry_controller_is_not_swallowed():
    # each round hands the recorded outcome to the controller, which raises it unless told to retry it; a
    # handler without a name records it through `sys.exc_info()`
    check_marked('''
        import sys

        class Retrying:
            async def __call__(self, fn, *args):
                state = self.begin()
                while True:
                    step = await self.decide(attempt=state)
                    if step == "attempt":
                        try:
                            value = await fn(*args)
                        except BaseException:
                            state.set_exception(sys.exc_info())
                        else:
                            state.set_result(value)
                    elif step == "sleep":
                        await self.pause(state.delay)
                    else:
                        return step

            async def named(self, fn):
                outcome = self.begin()
                while await self.should_try(outcome):
                    try:
                        await fn()
                    except BaseException as exc:
                        outcome.set_exception(exc)

            async def logged_only(self, fn, log):
                outcome = self.begin()
                while True:
                    log.debug("attempt %s", outcome)
                    try:
                        await fn()
                    except BaseException:  # ACK601
                        outcome.set_exception(sys.exc_info())

            async def noted(self, fn, log):
                while True:
                    try:
                        await fn()
                    except BaseException:  # ACK601
                        log.warning("failed", exc_info=sys.exc_info())
    ''', ["ACK601"])


def test_a_psycopg2_connection_in_asynchronous_mode_does_not_wait():
    # the wrapper opens the connection in asynchronous mode (through the keyword, or a mapping it sets the keyword
    # in) and polls its socket from the loop: the cursor only sends the query and reads the buffered result
    check_marked('''
        import asyncio
        import psycopg2

        class Cursor:
            def __init__(self, conn, impl):
                self._conn = conn
                self._impl = impl

            async def execute(self, sql, params=None):
                waiter = self._conn.waiter()
                self._impl.execute(sql, params)
                await waiter
                return self._impl.fetchall()

        class Connection:
            def __init__(self, dsn, **kwargs):
                kwargs["async_"] = kwargs.pop("async", True)
                self._conn = psycopg2.connect(dsn, **kwargs)
                self._loop = asyncio.get_running_loop()
                self._loop.add_reader(self._conn.fileno(), self._ready)

            def _ready(self):
                self._conn.poll()

            async def cursor(self):
                return Cursor(self, self._conn.cursor())

        class Listener:
            def __init__(self, dsn):
                self._conn = psycopg2.connect(dsn, async_=1)

            async def listen(self, channel):
                cur = self._conn.cursor()
                cur.execute(f"LISTEN {channel}")

        class Plain:
            def __init__(self, dsn):
                self._conn = psycopg2.connect(dsn, async_=False)

            async def count(self):
                cur = self._conn.cursor()
                cur.execute("SELECT count(*) FROM jobs")  # ACK105
                return cur.fetchone()  # ACK105

        async def ping(dsn, **options):
            conn = psycopg2.connect(dsn, **options)  # ACK105
            conn.close()
    ''', ["ACK105"])


def _ack302_messages(source: str) -> Dict[int, str]:
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    assert not report.errors, report.errors
    return {f.line: f.message for f in report.findings if f.code == "ACK302"}


def test_a_dropped_gather_watched_by_a_done_callback_loses_the_reference_not_the_outcome():
    # the callback reads the gathered outcome (and re-raises it): only the weak hold is wrong; a callback that
    # ignores what it is given leaves the exception unseen, as before
    source = '''
        import asyncio
        import signal

        class Schedule:
            def fire(self, *args):
                asyncio.gather(self.job(*args), return_exceptions=True).add_done_callback(self._settle)  # ACK302

            def spawn(self, *args):
                asyncio.ensure_future(self.job(*args)).add_done_callback(self._settle)  # ACK302

            def spawn_and_stop(self):
                asyncio.ensure_future(self.job()).add_done_callback(lambda _: signal.raise_signal(signal.SIGTERM))  # ACK302

            def fire_and_stop(self):
                asyncio.gather(self.job()).add_done_callback(lambda _: signal.raise_signal(signal.SIGTERM))  # ACK302

            def _settle(self, fut):
                outcome = fut.result()
                if isinstance(outcome, Exception):
                    raise outcome

            async def job(self, *args):
                await asyncio.sleep(1)
    '''
    check_marked(source, ["ACK302"])
    messages = _ack302_messages(source)
    unseen = {line for line, text in messages.items() if "retrieves" in text}
    assert unseen == {13, 16}, messages
    assert all("garbage-collected" in text for text in messages.values()), messages


def test_a_prefetch_for_the_consumers_already_waiting_is_bounded_by_them():
    # the fill leaves when nobody waits and fetches as many rows as there are waiters; each consumer counts
    # itself while it waits on the queue. A count nobody waiting raises (requests served) bounds nothing.
    check_marked('''
        import asyncio

        class JobSource:
            def __init__(self, db):
                self._db = db
                self._waiting = 0
                self._ready = asyncio.Queue()

            async def next_job(self, timeout):
                self._waiting += 1
                try:
                    if self._ready.empty():
                        await self._fetch()
                    return await asyncio.wait_for(self._ready.get(), timeout)
                finally:
                    self._waiting -= 1

            async def keep_fetching(self, every):
                while True:
                    await self._fetch()
                    await asyncio.sleep(every)

            async def _fetch(self):
                if not self._waiting:
                    return
                rows = await self._db.fetch("SELECT job FROM jobs LIMIT $1", self._waiting)
                for row in rows:
                    self._ready.put_nowait(row)

        class Feed:
            def __init__(self, db):
                self._db = db
                self._served = 0
                self._items = asyncio.Queue()  # ACK501

            async def read(self):
                self._served += 1
                return self._served

            async def take(self):
                return await self._items.get()

            async def run(self):
                while True:
                    await self._pull()
                    await asyncio.sleep(1)

            async def _pull(self):
                if not self._served:
                    return
                for row in await self._db.fetch("SELECT item FROM feed"):
                    self._items.put_nowait(row)
    ''', ["ACK501"])


def test_a_cancel_swallowed_unless_the_owners_stop_flag_is_set_names_what_is_lost():
    # the owner sets the flag and then cancels: its cancel ends the loop; only other cancellations are lost,
    # and the message says so instead of claiming nothing can stop the task
    source = '''
        import asyncio

        class Worker:
            async def upkeep(self, func, every):
                while not self.stopping.is_set():
                    try:
                        await func()
                    except (Exception, asyncio.CancelledError):  # ACK601
                        if self.stopping.is_set():
                            return
                        self.log.exception("upkeep failed")
                    await asyncio.sleep(every)

            async def pump(self, source):
                while True:
                    try:
                        await source.pull()
                    except asyncio.CancelledError:  # ACK601
                        self.log.info("pull cancelled")
                    await asyncio.sleep(0)

            async def stop(self, tasks):
                self.stopping.set()
                for task in tasks:
                    task.cancel()
    '''
    check_marked(source, ["ACK601"])
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    messages = {f.line: f.message for f in report.findings if f.code == "ACK601"}
    assert "unless `self.stopping.is_set()`" in messages[9] and "can no longer be cancelled" not in messages[9]
    assert "can no longer be cancelled" in messages[19], messages
