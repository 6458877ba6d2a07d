"""Shapes a held-out set of Python 3.11 service code found missing: `asyncio.Runner` driven from a coroutine, an
inter-process file lock held across an await, and the plain handlers of a gRPC servicer, which grpc's pool runs
on its threads. Each flagged shape sits beside look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_a_runner_started_where_a_loop_runs_is_a_nested_loop():
    check_marked('''
        import asyncio
        from asyncio import Runner

        class Bridge:
            def __init__(self):
                self._runner = asyncio.Runner(debug=True)

            async def render(self, page):
                return self._runner.run(page.build())  # ACK108

        async def handler(job):
            with Runner() as runner:
                return runner.run(job())  # ACK108

        def script(job):
            # a script's entry point: no loop runs here yet
            with asyncio.Runner() as runner:
                return runner.run(job())

        async def offloaded(job):
            def in_thread():
                with asyncio.Runner() as runner:
                    return runner.run(job())
            return await asyncio.to_thread(in_thread)

        class Pipeline:
            def run(self, step):
                return step

        async def same_name(step):
            return Pipeline().run(step)
    ''', BLOCKING)


def test_a_file_lock_held_across_an_await():
    check_marked('''
        import filelock
        from filelock import AsyncFileLock, FileLock, SoftFileLock

        class Downloads:
            def __init__(self, cache_dir: str):
                self._lock = FileLock(cache_dir + "/.lock", timeout=30)

            async def ensure(self, fetch):
                with self._lock:  # ACK106 # ACK201
                    await fetch()

            async def count(self, fetch):
                with self._lock:  # ACK106
                    n = 1
                await fetch(n)

        async def refresh(path: str, load):
            lock = SoftFileLock(path)
            lock.acquire()  # ACK106 # ACK201
            try:
                await load()
            finally:
                lock.release()

        async def refresh_async(path: str, load):
            async with AsyncFileLock(path):
                await load()

        def refresh_sync(path: str, load):
            with filelock.FileLock(path):
                return load()
    ''', BLOCKING + ["ACK201"])
