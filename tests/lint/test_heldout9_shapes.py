"""Shapes found missing on a ninth held-out set of realistic library code (SDK clients, ORM layers, pools, worker
frameworks, plugin hosts, caching and retry utilities): each flagged shape beside look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_hooks_reached_through_an_alias_of_an_awaitable_callable_and_a_mapping_of_lists():
    # `Hook = Callable[..., Awaitable[None]]` then `self._hooks: defaultdict[str, list[Hook]]`: each hook's call
    # makes a coroutine; a sync alias, or awaited hooks, stay quiet
    check_marked('''
        from collections import defaultdict
        from collections.abc import Awaitable, Callable
        from typing import Any, TypeAlias

        Hook = Callable[..., Awaitable[None]]
        SyncHook = Callable[..., None]
        ToolFn: TypeAlias = Callable[..., Awaitable[str]]

        class HookBus:
            def __init__(self) -> None:
                self._hooks: defaultdict[str, list[Hook]] = defaultdict(list)
                self._sync: dict[str, list[SyncHook]] = {}
                self._tools: list[ToolFn] = []

            async def fire(self, event: str, **payload: Any) -> None:
                for hook in self._hooks[event]:
                    hook(**payload)  # ACK301
                for hook in self._hooks.get(event, []):
                    hook(**payload)  # ACK301
                for sync_hook in self._sync[event]:
                    sync_hook(**payload)
                for tool in self._tools:
                    tool()  # ACK301

            async def fire_ok(self, event: str, **payload: Any) -> None:
                for hook in self._hooks[event]:
                    await hook(**payload)
                for tool in self._tools:
                    await tool()
    ''', ["ACK301"])


def test_reordering_builtins_keep_the_elements_of_a_typed_collection():
    # `for p in reversed(self.plugins)`: still plugins, whose `teardown()` is a coroutine function
    check_marked('''
        import threading

        class Plugin:
            async def teardown(self) -> None:
                return None

            def reset(self) -> None:
                return None

        class Host:
            def __init__(self, plugins: list[Plugin], locks: list[threading.Lock]) -> None:
                self.plugins = plugins
                self.locks = locks

            def stop(self) -> None:
                for p in reversed(self.plugins):
                    p.teardown()  # ACK301
                for p in sorted(self.plugins, key=id):
                    p.reset()

            async def stop_async(self) -> None:
                for p in reversed(self.plugins):
                    await p.teardown()
                for lock in list(self.locks):
                    with lock:  # ACK201
                        await self.stop_async()
    ''', ["ACK301", "ACK201"])


def test_calling_an_instance_whose_class_has_an_async_dunder_call():
    # a middleware typed by a Protocol (or a class) with `async def __call__`: calling it makes a coroutine
    check_marked('''
        from typing import Protocol

        class Middleware(Protocol):
            async def __call__(self, request: dict, call_next) -> dict: ...

        class SyncHook(Protocol):
            def __call__(self, request: dict) -> None: ...

        class Timing:
            async def __call__(self, request: dict, call_next) -> dict:
                return await call_next(request)

        async def warm(mws: list[Middleware], endpoint, hook: SyncHook, timing: Timing) -> None:
            for mw in mws:
                mw({}, endpoint)  # ACK301
            timing({}, endpoint)  # ACK301
            hook({})
            for mw in mws:
                await mw({}, endpoint)
            await timing({}, endpoint)
    ''', ["ACK301"])


def test_task_bound_to_a_local_and_only_added_to_a_weak_set():
    # `task = ensure_future(...)` then `self._closing.add(task)` on a WeakSet: held only weakly, like by the loop
    check_marked('''
        import asyncio
        import weakref

        class ConnCloser:
            def __init__(self) -> None:
                self._closing: weakref.WeakSet[asyncio.Task] = weakref.WeakSet()
                self._strong: set[asyncio.Task] = set()

            def discard(self, conn) -> None:
                task = asyncio.ensure_future(conn.close())  # ACK302
                self._closing.add(task)

            def discard_kept(self, conn) -> None:
                task = asyncio.ensure_future(conn.close())
                self._strong.add(task)
                task.add_done_callback(self._strong.discard)

            def discard_both(self, conn) -> None:
                task = asyncio.ensure_future(conn.close())
                self._closing.add(task)
                self._strong.add(task)
    ''', ["ACK302"])


def test_task_left_behind_by_an_early_return():
    # `task = create_task(...)`, then `if background: return None` on a branch that never mentions the task
    check_marked('''
        import asyncio

        async def dispatch(handler, background: bool):
            task = asyncio.create_task(handler())  # ACK302
            if background:
                return None
            return await task

        async def dispatch_kept(handler, background: bool, pending: set):
            task = asyncio.create_task(handler())
            if background:
                pending.add(task)
                return None
            return await task

        async def dispatch_cancelled(handler, closed: bool):
            task = asyncio.create_task(handler())
            if closed:
                task.cancel()
                return
            await task

        async def dispatch_finally(handler, closed: bool):
            task = asyncio.create_task(handler())
            try:
                if closed:
                    return
                await asyncio.sleep(1)
            finally:
                task.cancel()

        async def dispatch_kept_first(handler, closed: bool, pending: set):
            task = asyncio.create_task(handler())
            pending.add(task)
            if closed:
                return
            await task
    ''', ["ACK302"])


def test_coroutines_made_by_a_comprehension_returned_as_results():
    # `return [self.llm.complete(d) for d in docs]` in a function declared `-> list[str]`
    check_marked('''
        import asyncio
        from abc import ABC, abstractmethod

        class LLM(ABC):
            @abstractmethod
            async def complete(self, prompt: str) -> str: ...

            def complete_sync(self, prompt: str) -> str:
                return prompt

        class Summarizer:
            def __init__(self, llm: LLM) -> None:
                self.llm = llm

            async def summarize(self, docs: list[str]) -> list[str]:
                return [self.llm.complete(d) for d in docs]  # ACK301

            async def summarize_sync(self, docs: list[str]) -> list[str]:
                return [self.llm.complete_sync(d) for d in docs]

            def coroutines(self, docs: list[str]) -> list:
                return [self.llm.complete(d) for d in docs]

            async def gathered(self, docs: list[str]) -> list[str]:
                return list(await asyncio.gather(*[self.llm.complete(d) for d in docs]))
    ''', ["ACK301"])


def test_retry_loop_that_reraises_only_on_its_last_attempt():
    # `except BaseException: if attempt == n - 1: raise` swallows cancellation on every other round
    check_marked('''
        import asyncio

        async def retry(fn, attempts: int):
            for attempt in range(attempts):
                try:
                    return await fn()
                except BaseException:  # ACK601
                    if attempt == attempts - 1:
                        raise
                await asyncio.sleep(0.1 * 2**attempt)

        async def retry_narrow(fn, attempts: int):
            for attempt in range(attempts):
                try:
                    return await fn()
                except (ConnectionError, TimeoutError):
                    if attempt == attempts - 1:
                        raise
                await asyncio.sleep(0.1 * 2**attempt)

        async def retry_cancel_aware(fn, attempts: int):
            for attempt in range(attempts):
                try:
                    return await fn()
                except BaseException as exc:
                    if isinstance(exc, asyncio.CancelledError) or attempt == attempts - 1:
                        raise
                await asyncio.sleep(0.1 * 2**attempt)

        async def retry_guarded_by_kind(fn, attempts: int):
            for attempt in range(attempts):
                try:
                    return await fn()
                except BaseException as exc:
                    if not isinstance(exc, Exception):
                        raise
                await asyncio.sleep(0.1 * 2**attempt)
    ''', ["ACK601", "ACK602"])


def test_a_library_method_sharing_the_coroutines_name_does_not_make_it_a_task():
    # `self.writer.close()` (a StreamWriter's) is not a use of `Closer.close`: the swallowing `finally: return`
    # hands its caller a result, which is ACK601, not a task's own end (ACK602)
    check_marked('''
        import asyncio

        class Closer:
            def __init__(self, writer: asyncio.StreamWriter) -> None:
                self.writer = writer

            async def close(self, timeout: float = 5.0) -> bool:
                self.writer.close()
                try:
                    await asyncio.wait_for(self.writer.wait_closed(), timeout)
                finally:
                    return True  # ACK601

        class Spawned:
            async def drain(self) -> bool:
                try:
                    await asyncio.sleep(1)
                finally:
                    return True  # kept in a set no code awaits: no awaiter in sight

        _running = set()

        def start(s: Spawned) -> None:
            _running.add(asyncio.ensure_future(s.drain()))
    ''', ["ACK601", "ACK602"])


def test_context_manager_of_the_module_that_yields_with_a_thread_lock_held():
    # `with self._track(): await ...` where `_track` is a `@contextmanager` that yields inside `with lock:`
    check_marked('''
        import contextlib
        import threading
        from typing import Iterator

        _lock = threading.RLock()

        @contextlib.contextmanager
        def guarded() -> Iterator[None]:
            with _lock:
                yield

        class RequestContext:
            _inflight_lock = threading.Lock()
            inflight = 0

            @contextlib.contextmanager
            def _track(self) -> Iterator[None]:
                with self._inflight_lock:
                    RequestContext.inflight += 1
                    yield
                    RequestContext.inflight -= 1

            @contextlib.contextmanager
            def _track_released(self) -> Iterator[None]:
                with self._inflight_lock:
                    RequestContext.inflight += 1
                try:
                    yield
                finally:
                    with self._inflight_lock:
                        RequestContext.inflight -= 1

            async def send(self, do) -> bytes:
                with self._track():  # ACK201
                    return await do()

            async def send_released(self, do) -> bytes:
                with self._track_released():
                    return await do()

            async def send_then_await(self, do) -> bytes:
                with self._track():
                    data = b"x"
                return await do(data)

            def send_sync(self, do) -> bytes:
                with self._track():
                    return do()

        async def use(op) -> None:
            with guarded():  # ACK201
                await op()
    ''', ["ACK201"])


def test_awaiting_a_callable_declared_to_return_an_awaitable_of_a_type():
    # `connect: Callable[[str], Awaitable[AsyncConnection]]`, kept as `self._connect`: `await self._connect(dsn)`
    # is an AsyncConnection, whose `execute()` is a coroutine; a sqlite3 connection's blocks
    check_marked('''
        import sqlite3
        from collections.abc import Awaitable, Callable
        from typing import Any, Coroutine, Protocol

        class AsyncConnection(Protocol):
            async def execute(self, sql: str) -> list: ...
            def cursor(self) -> Any: ...

        class LazyEngine:
            def __init__(self, dsn: str, connect: Callable[[str], Awaitable[AsyncConnection]]) -> None:
                self.dsn = dsn
                self._connect = connect

            async def ping(self) -> bool:
                conn = await self._connect(self.dsn)
                conn.execute("SELECT 1")  # ACK301
                conn.cursor()
                await conn.execute("SELECT 2")
                return True

        class Rebound:
            def __init__(self, connect: Callable[[str], Awaitable[AsyncConnection]], wrap) -> None:
                self._connect = connect
                if wrap:
                    self._connect = wrap(connect)

            async def ping(self) -> None:
                conn = await self._connect("db")
                conn.execute("SELECT 1")

        async def direct(opener: Callable[[], Coroutine[Any, Any, sqlite3.Connection]]) -> None:
            db = await opener()
            db.execute("SELECT 1")  # ACK105
    ''', ["ACK301", "ACK105"])
