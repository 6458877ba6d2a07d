"""Shapes found missing on a thirteenth held-out set of realistic cases: each flagged shape beside the look-alikes
that must stay quiet."""
from __future__ import annotations

import textwrap

from asynccheck.lint import lint_source

from .helpers import ALL, check_marked
from .test_types_project import expected, found, write


def test_a_coroutine_in_a_branch_of_a_conditional_expression_whose_value_is_dropped():
    check_marked('''
        import asyncio

        async def publish(topic: str, body: bytes) -> None:
            await asyncio.sleep(0)

        def publish_now(topic: str, body: bytes) -> None:
            pass

        async def on_change(topic: str, body: bytes, live: bool) -> None:
            publish(topic, body) if live else None  # ACK301
            (publish(topic, body) if live else publish("dead", body)) if body else None  # ACK301 ACK301

        async def on_change_quiet(topic: str, body: bytes, live: bool) -> None:
            publish_now(topic, body) if live else None
            await (publish(topic, body) if live else publish("dead", body))
            pending = publish(topic, body) if live else asyncio.sleep(0)
            await pending
            asyncio.ensure_future(publish(topic, body) if live else publish("dead", body)).add_done_callback(print)
    ''', ["ACK301"])


def test_a_coroutine_returned_unawaited_from_a_coroutine_function():
    check_marked('''
        import asyncio
        from typing import Awaitable, Coroutine, Optional, TypeVar

        R = TypeVar("R")

        async def query(sql: str) -> list:
            await asyncio.sleep(0)
            return []

        def query_plan(sql: str) -> str:
            return sql

        async def rows(sql: str):
            return query(sql)  # ACK301

        async def rows_logged(sql: str) -> list:
            result = query(sql)  # ACK301
            print("queried", sql)
            return result

        async def pause() -> None:
            return asyncio.sleep(0.1)  # ACK301

        def rows_deferred(sql: str):
            return query(sql)

        async def rows_declared(sql: str) -> Awaitable[list]:
            return query(sql)

        async def rows_coroutine(sql: str) -> "Coroutine[None, None, list]":
            return query(sql)

        async def rows_generic(sql: str) -> R:
            return query(sql)

        async def rows_maybe(sql: str) -> Optional[Awaitable[list]]:
            return query(sql)

        async def rows_awaited(sql: str) -> list:
            result = query(sql)
            await result
            return result

        async def plan(sql: str) -> str:
            return query_plan(sql)

        async def later(sql: str):
            return asyncio.ensure_future(query(sql))

        async def factory(sql: str):
            return lambda: query(sql)
    ''', ["ACK301"])


def test_a_thread_lock_held_across_the_yield_of_an_async_generator():
    check_marked('''
        import asyncio
        import threading

        class Journal:
            def __init__(self) -> None:
                self._mu = threading.Lock()
                self._amu = asyncio.Lock()
                self.entries: list[str] = []

            async def tail(self):
                with self._mu:  # ACK201
                    for entry in self.entries:
                        yield entry

            async def tail_by_hand(self):
                self._mu.acquire()  # ACK201
                try:
                    for entry in self.entries:
                        yield entry
                finally:
                    self._mu.release()

            async def tail_copy(self):
                with self._mu:
                    entries = list(self.entries)
                for entry in entries:
                    yield entry

            async def tail_async_lock(self):
                async with self._amu:
                    for entry in self.entries:
                        yield entry

            def tail_sync(self):
                with self._mu:
                    yield from self.entries
    ''', ["ACK201"])


def test_a_context_manager_that_acquires_a_thread_lock_by_hand_around_its_yield():
    check_marked('''
        import contextlib
        import threading

        class Ledger:
            def __init__(self) -> None:
                self._guard = threading.RLock()
                self.balances: dict[str, int] = {}

            @contextlib.contextmanager
            def locked(self):
                self._guard.acquire()
                try:
                    yield self.balances
                finally:
                    self._guard.release()

            @contextlib.contextmanager
            def snapshot(self):
                self._guard.acquire()
                try:
                    copy = dict(self.balances)
                finally:
                    self._guard.release()
                yield copy

            async def settle(self, bank) -> None:
                with self.locked() as balances:  # ACK201
                    await bank.transfer(balances)

            async def settle_copy(self, bank) -> None:
                with self.snapshot() as balances:
                    await bank.transfer(balances)

            async def settle_after(self, bank) -> None:
                with self.locked() as balances:
                    total = sum(balances.values())
                await bank.report(total)
    ''', ["ACK201"])


def test_a_reraise_only_for_a_builtin_exception_class_compared_by_type():
    check_marked('''
        import asyncio
        import logging
        import sys

        log = logging.getLogger(__name__)

        async def pump(step) -> None:
            while True:
                try:
                    await step()
                except:  # ACK601
                    if sys.exc_info()[0] is KeyboardInterrupt:
                        raise
                    log.exception("step failed")

        async def pump_typed(step) -> None:
            while True:
                try:
                    await step()
                except BaseException as exc:  # ACK601
                    if type(exc) in (SystemExit, KeyboardInterrupt):
                        raise
                    log.exception("step failed")

        async def pump_class_attr(step) -> None:
            while True:
                try:
                    await step()
                except BaseException as err:  # ACK601
                    if err.__class__ == GeneratorExit:
                        raise
                    log.exception("step failed")

        async def pump_reraises_cancel(step) -> None:
            while True:
                try:
                    await step()
                except BaseException as exc:
                    if type(exc) is asyncio.CancelledError:
                        raise
                    log.exception("step failed")

        async def pump_reraises_others(step) -> None:
            while True:
                try:
                    await step()
                except:
                    if sys.exc_info()[0] is not KeyboardInterrupt:
                        raise
                    log.exception("interrupted")

        async def pump_not_exception(step) -> None:
            while True:
                try:
                    await step()
                except BaseException as exc:
                    if not isinstance(exc, Exception):
                        raise
                    log.exception("step failed")
    ''', ["ACK601"])


def test_a_partial_bound_to_a_local_and_handed_to_a_thread():
    check_marked('''
        import asyncio
        import functools

        def fill(rows: list, out: asyncio.Queue) -> None:
            for row in rows:
                out.put_nowait(row)  # ACK401

        def total(rows: list, scale: int) -> int:
            return sum(rows) * scale

        async def load(rows: list, out: asyncio.Queue) -> None:
            job = functools.partial(fill, rows, out)
            await asyncio.to_thread(job)

        async def load_total(rows: list) -> int:
            job = functools.partial(total, rows, 2)
            return await asyncio.get_running_loop().run_in_executor(None, job)
    ''', ["ACK401", "ACK402"])


def test_a_partial_bound_to_a_local_of_a_thread_safe_function_stays_quiet():
    check_marked('''
        import asyncio
        import functools

        def fill(loop: asyncio.AbstractEventLoop, rows: list, out: asyncio.Queue) -> None:
            for row in rows:
                loop.call_soon_threadsafe(out.put_nowait, row)

        async def load(rows: list, out: asyncio.Queue) -> None:
            job = functools.partial(fill, asyncio.get_running_loop(), rows, out)
            await asyncio.to_thread(job)

        async def load_on_loop(rows: list, out: asyncio.Queue) -> None:
            job = functools.partial(out.put_nowait, rows[0])
            asyncio.get_running_loop().call_soon(job)
    ''', ["ACK401", "ACK402"])


def test_a_task_making_function_given_to_the_loop_as_a_callback_drops_the_task():
    check_marked('''
        import asyncio
        import functools

        async def refresh(key: str) -> None:
            await asyncio.sleep(0)

        def keep(coro, tasks: set) -> None:
            task = asyncio.ensure_future(coro)
            tasks.add(task)
            task.add_done_callback(tasks.discard)

        def from_worker(loop: asyncio.AbstractEventLoop, key: str, tasks: set) -> None:
            loop.call_soon_threadsafe(asyncio.create_task, refresh(key))  # ACK302
            loop.call_soon_threadsafe(loop.create_task, refresh(key))  # ACK302
            loop.call_soon_threadsafe(keep, refresh(key), tasks)
            asyncio.run_coroutine_threadsafe(refresh(key), loop)

        async def delayed(key: str) -> None:
            loop = asyncio.get_running_loop()
            loop.call_later(5, functools.partial(asyncio.ensure_future, refresh(key)))  # ACK302
            loop.call_later(5, print, key)

        class Group:
            def create_task(self, coro):
                return coro

        def into_group(loop: asyncio.AbstractEventLoop, group: Group, key: str) -> None:
            loop.call_soon_threadsafe(group.create_task, refresh(key))
    ''', ["ACK302"])


def test_map_of_a_coroutine_function_collected_and_dropped():
    check_marked('''
        import asyncio

        async def index(doc: dict) -> None:
            await asyncio.sleep(0)

        def index_now(doc: dict) -> None:
            pass

        async def reindex(docs: list) -> None:
            list(map(index, docs))  # ACK301
            tuple(map(index, docs))  # ACK301

        async def reindex_quiet(docs: list) -> list:
            list(map(index_now, docs))
            await asyncio.gather(*map(index, docs))
            pending = list(map(index, docs))
            await asyncio.gather(*pending)
            return list(map(index, docs))
    ''', ["ACK301"])


def test_the_two_new_drops_get_no_autofix_that_would_await_a_list_or_keep_a_handle():
    source = textwrap.dedent("""
        import asyncio

        async def index(doc: dict) -> None:
            await asyncio.sleep(0)

        async def reindex(docs: list) -> None:
            list(map(index, docs))
            asyncio.get_running_loop().call_soon(asyncio.ensure_future, index(docs[0]))
    """)
    found = [f for f in lint_source(source, "example.py", ALL).findings if f.code in ("ACK301", "ACK302")]
    assert sorted(f.code for f in found) == ["ACK301", "ACK302"]
    assert not any(f.fixable for f in found)


def test_a_retry_loop_that_keeps_the_last_error_in_a_local_swallows_cancellation():
    check_marked('''
        import asyncio

        async def fetch_with_retries(fetch, attempts: int):
            last = None
            for _ in range(attempts):
                try:
                    return await fetch()
                except BaseException as exc:  # ACK601
                    last = exc
                    await asyncio.sleep(0.5)
            raise ConnectionError("no luck") from last

        async def read_until_error(stream):
            failure = None
            while True:
                try:
                    await stream.read()
                except BaseException as exc:
                    failure = exc
                    break
            if failure is not None:
                raise failure

        async def close_all(conns):
            first_cancel = None
            for conn in conns:
                try:
                    await conn.close()
                except asyncio.CancelledError as exc:
                    first_cancel = exc
            if first_cancel is not None:
                raise first_cancel

        async def fetch_once(fetch):
            problem = None
            try:
                await fetch()
            except BaseException as exc:
                problem = exc
            return problem

        async def fetch_with_retries_errors(fetch, attempts: int):
            last = None
            for _ in range(attempts):
                try:
                    return await fetch()
                except Exception as exc:
                    last = exc
                    await asyncio.sleep(0.5)
            raise ConnectionError("no luck") from last
    ''', ["ACK601", "ACK602"])


CROSS_MODULE = {
    "shop/__init__.py": "",
    "shop/store.py": '''
        import asyncio

        class Store:
            async def get(self, key: str):
                await asyncio.sleep(0)
                return key

            def cached(self, key: str):
                return key

        async def lookup(store: Store, key: str):
            return await store.get(key)
    ''',
    "shop/views.py": '''
        from shop.store import Store, lookup

        async def show(store: Store, key: str) -> str:
            item = store.get(key)  # ACK301
            if not item:
                return "missing"
            return "found"

        async def show_price(store: Store, key: str) -> int:
            found = lookup(store, key)  # ACK301
            return found["price"]

        async def show_cached(store: Store, key: str) -> str:
            item = store.cached(key)
            if not item:
                return "missing"
            return "found"

        async def show_awaited(store: Store, key: str) -> str:
            item = store.get(key)
            if not await item:
                return "missing"
            return "found"
    ''',
}


def test_a_coroutine_of_another_module_bound_to_a_local_only_used_as_its_result(tmp_path):
    write(tmp_path, CROSS_MODULE)
    assert found([tmp_path], tmp_path, use_cache=False) == expected(CROSS_MODULE)


def test_a_lambda_that_returns_a_coroutine_given_to_an_api_that_calls_plain_functions():
    check_marked('''
        import asyncio
        import threading

        async def remind(user: str) -> None:
            await asyncio.sleep(0)

        def remind_now(user: str) -> None:
            pass

        async def schedule(user: str, delay: float, keep: set) -> None:
            loop = asyncio.get_running_loop()
            loop.call_later(delay, lambda: remind(user))  # ACK301
            threading.Thread(target=lambda: remind(user)).start()  # ACK301
            loop.call_later(delay, lambda: remind_now(user))
            loop.call_later(delay, lambda: keep.add(asyncio.ensure_future(remind(user))))
            threading.Thread(target=lambda: asyncio.run(remind(user))).start()
            await asyncio.wait_for((lambda: remind(user))(), delay)
    ''', ["ACK301"])
