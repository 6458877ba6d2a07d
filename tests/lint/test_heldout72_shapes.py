"""Shapes found missing on the seventy-second held-out set (framework code written as whole modules: FastAPI,
aiohttp, Django, bots, Celery/RQ bridges, Textual, websockets, SQLAlchemy): each flagged shape beside the
look-alikes of the same shape that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_sync_function_declaring_a_scalar_result_returns_a_coroutine():
    # a Celery task or CLI helper `-> int` that returns `crawl(url)`: its caller takes the coroutine for the int
    check_marked('''
        import asyncio
        from typing import Awaitable, Coroutine, Optional

        async def crawl(url: str) -> int:
            await asyncio.sleep(0)
            return len(url)

        def crawl_size(url: str) -> int:
            size = crawl(url)  # ACK301
            return size

        def crawl_direct(url: str) -> Optional[int]:
            return crawl(url)  # ACK301

        def crawl_label(url: str) -> str | None:
            return crawl(url)  # ACK301

        def crawl_factory(url: str):
            return crawl(url)

        def crawl_awaitable(url: str) -> Awaitable[int]:
            return crawl(url)

        def crawl_coroutine(url: str) -> Coroutine[None, None, int]:
            job = crawl(url)
            return job

        def crawl_many(urls: list[str]) -> list:
            return [crawl(u) for u in urls]

        def crawl_run(url: str) -> int:
            return asyncio.run(crawl(url))

        def crawl_unknown(client, url: str) -> int:
            return client.crawl(url)
    ''', ["ACK301"])


def test_done_callback_on_a_future_taken_from_a_list_of_submitted_ones_runs_in_the_worker_thread():
    # `futures = [pool.submit(...) ...]` then `futures[-1].add_done_callback(...)` or `for f in futures: ...`
    check_marked('''
        import asyncio
        import concurrent.futures
        from dataclasses import dataclass, field

        @dataclass
        class Thumbnails:
            pool: concurrent.futures.ThreadPoolExecutor = field(default_factory=concurrent.futures.ThreadPoolExecutor)
            done: asyncio.Event = field(default_factory=asyncio.Event)

            async def last_one(self, paths):
                futures = [self.pool.submit(print, p) for p in paths]
                futures[-1].add_done_callback(lambda f: self.done.set())  # ACK401
                await self.done.wait()

            async def each(self, paths):
                futures = [self.pool.submit(print, p) for p in paths]
                for fut in futures:
                    fut.add_done_callback(lambda f: self.done.set())  # ACK401
                await self.done.wait()

            async def handed_over(self, paths):
                loop = asyncio.get_running_loop()
                futures = [self.pool.submit(print, p) for p in paths]
                for fut in futures:
                    fut.add_done_callback(lambda f: loop.call_soon_threadsafe(self.done.set))
                await self.done.wait()

            async def tasks(self, coros):
                tasks = [asyncio.create_task(c) for c in coros]
                tasks[-1].add_done_callback(lambda t: self.done.set())
                await self.done.wait()

            async def executor_futures(self, paths):
                loop = asyncio.get_running_loop()
                futures = [loop.run_in_executor(self.pool, print, p) for p in paths]
                futures[0].add_done_callback(lambda f: self.done.set())
                await self.done.wait()
    ''', ["ACK401"])


def test_callback_handed_on_by_a_function_that_runs_in_an_executor_runs_off_the_loop():
    # `run_in_executor(None, partial(subscribe_blocking, make, on_value))` where the thread function hands
    # `on_value` to a registration that calls it back from its own thread, or to a helper that calls it
    check_marked('''
        import asyncio
        import functools
        import threading
        from typing import Callable

        class Instrument:
            def subscribe(self, callback: Callable[[float], None]) -> None:
                threading.Thread(target=self._pump, args=(callback,), daemon=True).start()

            def _pump(self, callback: Callable[[float], None]) -> None:
                callback(42.0)

        def relay(cb, value):
            cb(value)

        def keep(registry: list, cb):
            registry.append(cb)

        def subscribe_blocking(inst: Instrument, cb):
            inst.subscribe(cb)

        def relay_blocking(cb):
            relay(cb, 1.0)

        def keep_blocking(registry: list, cb):
            keep(registry, cb)

        async def via_registration(inst: Instrument) -> float:
            loop = asyncio.get_running_loop()
            first = loop.create_future()

            def on_value(v):
                first.set_result(v)  # ACK401

            await loop.run_in_executor(None, functools.partial(subscribe_blocking, inst, on_value))
            return await first

        async def via_helper() -> float:
            loop = asyncio.get_running_loop()
            first = loop.create_future()

            def on_value(v):
                first.set_result(v)  # ACK401

            await asyncio.to_thread(relay_blocking, on_value)
            return await first

        async def kept_only(registry: list) -> None:
            loop = asyncio.get_running_loop()
            first = loop.create_future()

            def on_value(v):
                first.set_result(v)

            await asyncio.to_thread(keep_blocking, registry, on_value)

        async def handed_back(inst: Instrument) -> float:
            loop = asyncio.get_running_loop()
            first = loop.create_future()

            def on_value(v):
                loop.call_soon_threadsafe(first.set_result, v)

            await loop.run_in_executor(None, subscribe_blocking, inst, on_value)
            return await first
    ''', ["ACK401"])


def test_calling_a_parameter_declared_as_a_factory_gives_what_it_makes():
    # `make: Callable[[], Instrument]`, `session_factory: Callable[[], requests.Session]`: the call returns one
    check_marked('''
        import asyncio
        import threading
        from typing import Awaitable, Callable

        import httpx
        import requests

        class Instrument:
            def subscribe(self, callback: Callable[[float], None]) -> None:
                threading.Thread(target=self._pump, args=(callback,), daemon=True).start()

            def _pump(self, callback: Callable[[float], None]) -> None:
                callback(42.0)

        async def first_reading(make: Callable[[], Instrument]) -> float:
            loop = asyncio.get_running_loop()
            first = loop.create_future()

            def on_value(v):
                first.set_result(v)  # ACK401

            make().subscribe(on_value)
            return await first

        async def fetch(make_session: Callable[[], requests.Session], url: str) -> bytes:
            return make_session().get(url).content  # ACK102

        async def fetch_async(make_client: Callable[[], httpx.AsyncClient], url: str) -> bytes:
            return (await make_client().get(url)).content

        async def fetch_opened(opener: Callable[[], Awaitable[httpx.AsyncClient]], url: str) -> bytes:
            client = await opener()
            return (await client.get(url)).content

        def fetch_sync(make_session: Callable[[], requests.Session], url: str) -> bytes:
            return make_session().get(url).content
    ''', ["ACK401", "ACK102"])


def test_coroutine_bound_to_a_name_then_iterated_in_a_comprehension():
    # `rows = pool.fetch(q)` then `[r["id"] for r in rows]`: iterating a coroutine fails, its query never runs
    check_marked('''
        import asyncpg

        class Repo:
            async def rows(self) -> list:
                return []

            def cached(self) -> list:
                return []

        async def overdue(pool: asyncpg.Pool) -> list:
            rows = pool.fetch("SELECT id FROM tasks")  # ACK301
            return [r["id"] for r in rows]

        async def overdue_set(repo: Repo) -> set:
            rows = repo.rows()  # ACK301
            return {r for r in rows if r}

        async def awaited(pool: asyncpg.Pool) -> list:
            rows = await pool.fetch("SELECT id FROM tasks")
            return [r["id"] for r in rows]

        async def cached(repo: Repo) -> list:
            rows = repo.cached()
            return [r for r in rows]

        async def cursor(conn: asyncpg.Connection) -> list:
            rows = conn.cursor("SELECT id FROM tasks")
            return [r async for r in rows]
    ''', ["ACK301"])


def test_thread_lock_taken_by_a_polling_acquire_loop_and_held_across_an_await():
    # `while not lock.acquire(blocking=False): await asyncio.sleep(...)`: held from the loop's end on
    check_marked('''
        import asyncio
        import threading

        async def spin(lock: threading.Lock, job) -> None:
            while not lock.acquire(blocking=False):  # ACK201
                await asyncio.sleep(0.05)
            try:
                await job()
            finally:
                lock.release()

        async def spin_released(lock: threading.Lock, job, state: dict) -> None:
            while not lock.acquire(blocking=False):
                await asyncio.sleep(0.05)
            try:
                state["n"] = state.get("n", 0) + 1
            finally:
                lock.release()
            await job()

        async def spin_gives_up(lock: threading.Lock, job, deadline: float) -> None:
            loop = asyncio.get_running_loop()
            while not lock.acquire(blocking=False):
                if loop.time() > deadline:
                    break
                await asyncio.sleep(0.05)
            await job()

        async def spin_async_lock(lock: asyncio.Lock, job) -> None:
            while lock.locked():
                await asyncio.sleep(0.05)
            await job()
    ''', ["ACK201"])


def test_async_exit_stack_closed_without_await():
    check_marked('''
        import contextlib

        async def close_stack(stack: contextlib.AsyncExitStack) -> None:
            stack.aclose()  # ACK301

        async def enter(stack: contextlib.AsyncExitStack, cm) -> None:
            stack.enter_async_context(cm)  # ACK301

        async def close_stack_ok(stack: contextlib.AsyncExitStack) -> None:
            await stack.aclose()

        def close_sync(stack: contextlib.ExitStack) -> None:
            stack.close()
    ''', ["ACK301"])
