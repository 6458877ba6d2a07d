"""Shapes found missing or over-reported on a twenty-second held-out set (flow through real handlers and
workers): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths

from .helpers import check_marked


def test_suppress_of_base_exception_around_an_await_swallows_cancellation():
    check_marked('''
        import asyncio
        import contextlib
        from contextlib import suppress

        RETRYABLE = (OSError, asyncio.CancelledError)

        async def keep_polling(source) -> None:
            while True:
                with contextlib.suppress(BaseException):  # ACK601
                    await source.poll()
                await asyncio.sleep(5)

        async def keep_polling_tuple(source) -> None:
            while True:
                with suppress(RETRYABLE):  # ACK601
                    await source.poll()
                await asyncio.sleep(5)

        async def keep_polling_errors(source) -> None:
            while True:
                with contextlib.suppress(Exception):
                    await source.poll()
                await asyncio.sleep(5)

        def close_quietly(handle) -> None:
            with contextlib.suppress(BaseException):
                handle.close()

        async def reap(task: asyncio.Task) -> None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    ''', ["ACK601"])


def test_a_helper_that_takes_a_thread_lock_and_another_that_releases_it_bracket_an_await():
    check_marked('''
        import asyncio
        import threading

        class Ledger:
            def __init__(self) -> None:
                self._mutex = threading.Lock()
                self._rows: list = []

            def _begin(self) -> None:
                self._mutex.acquire()

            def _end(self) -> None:
                self._mutex.release()

            def _begin_try(self) -> bool:
                return self._mutex.acquire(timeout=0.1)

            async def append(self, fetch) -> None:
                self._begin()  # ACK201
                try:
                    self._rows.append(await fetch())
                finally:
                    self._end()

            async def append_after(self, fetch) -> None:
                row = await fetch()
                self._begin()
                try:
                    self._rows.append(row)
                finally:
                    self._end()
                await asyncio.sleep(0)

            async def append_locked_inline(self, fetch) -> None:
                self._begin()
                self._rows.append(None)
                self._mutex.release()
                await fetch()

            async def maybe(self, fetch) -> None:
                if self._begin_try():
                    self._end()
                await fetch()

        class Counter:
            def __init__(self) -> None:
                self._mutex = threading.Lock()

            def bump(self) -> None:
                self._mutex.acquire()
                self._mutex.release()

            async def tick(self, fetch) -> None:
                self.bump()
                await fetch()

        class LoopLedger:
            def __init__(self) -> None:
                self._mutex = asyncio.Lock()

            def _begin(self) -> None:
                self._mutex.acquire()

            async def append(self, fetch) -> None:
                self._begin()
                await fetch()
    ''', ["ACK201"])


def test_lock_helpers_of_another_module_are_followed(tmp_path):
    files = {
        "svc/locking.py": '''
            import threading

            _GUARD = threading.RLock()

            def hold() -> None:
                _GUARD.acquire()

            def let_go() -> None:
                _GUARD.release()
        ''',
        "svc/work.py": '''
            import asyncio

            from .locking import hold, let_go

            async def flush(sink, rows) -> None:
                hold()
                try:
                    await sink.write(rows)
                finally:
                    let_go()

            async def flush_copy(sink, rows) -> None:
                hold()
                try:
                    batch = list(rows)
                finally:
                    let_go()
                await sink.write(batch)

            def flush_in_thread(sink, rows) -> None:
                hold()
                try:
                    sink.write_blocking(rows)
                finally:
                    let_go()
        ''',
    }
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "__init__.py").write_text("")
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    report = lint_paths([tmp_path], Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False)
    found = {(Path(f.path).name, f.line, f.code) for f in report.findings if f.code == "ACK201"}
    assert found == {("work.py", 7, "ACK201")}


def test_a_release_on_an_early_return_leaves_the_lock_held_on_the_way_on():
    check_marked('''
        import asyncio
        import threading

        async def claim(lock: threading.Lock, job) -> None:
            lock.acquire()  # ACK201
            if job.done:
                lock.release()
                return
            await job.run()
            lock.release()

        async def claim_elif(lock: threading.Lock, job) -> None:
            lock.acquire()  # ACK201
            if job.done:
                lock.release()
                return
            elif job.failed:
                lock.release()
                raise RuntimeError(job)
            await job.run()
            lock.release()

        async def claim_release_both_ways(lock: threading.Lock, job) -> None:
            lock.acquire()
            if job.done:
                lock.release()
                return
            lock.release()
            await job.run()

        async def claim_release_on_fallthrough(lock: threading.Lock, job) -> None:
            lock.acquire()
            if job.done:
                job.note()
            else:
                lock.release()
                return
            lock.release()
            await job.run()

        async def claim_release_in_branch(lock: threading.Lock, job) -> None:
            lock.acquire()
            if job.done:
                lock.release()
            else:
                lock.release()
            await job.run()
    ''', ["ACK201"])


def test_a_put_that_runs_only_while_a_count_is_under_a_fixed_cap_is_bounded():
    check_marked('''
        import asyncio

        MAX_PAGES = 1000

        async def crawl(start: str, links) -> set:
            seen = {start}
            frontier: asyncio.Queue = asyncio.Queue()
            frontier.put_nowait(start)
            while not frontier.empty():
                page = frontier.get_nowait()
                for link in await links(page):
                    if link not in seen and len(seen) < 500:
                        seen.add(link)
                        frontier.put_nowait(link)
            return seen

        async def crawl_constant(start: str, links) -> set:
            seen = {start}
            frontier: asyncio.Queue = asyncio.Queue()
            frontier.put_nowait(start)
            while not frontier.empty():
                page = frontier.get_nowait()
                for link in await links(page):
                    if MAX_PAGES > len(seen) and link not in seen:
                        seen.add(link)
                        frontier.put_nowait(link)
            return seen

        async def crawl_everything(start: str, links) -> set:
            seen = {start}
            frontier: asyncio.Queue = asyncio.Queue()  # ACK501
            frontier.put_nowait(start)
            while not frontier.empty():
                page = frontier.get_nowait()
                for link in await links(page):
                    if link not in seen and len(link) < 2000:
                        seen.add(link)
                        frontier.put_nowait(link)
            return seen

        async def crawl_nonempty(start: str, links) -> set:
            seen = {start}
            frontier: asyncio.Queue = asyncio.Queue()  # ACK501
            frontier.put_nowait(start)
            while not frontier.empty():
                page = frontier.get_nowait()
                for link in await links(page):
                    if len(seen) > 0 and link not in seen:
                        seen.add(link)
                        frontier.put_nowait(link)
            return seen
    ''', ["ACK501"])


def test_a_callable_handed_to_a_helper_that_starts_a_thread_with_it_runs_in_that_thread():
    check_marked('''
        import asyncio
        import concurrent.futures
        import threading

        _pool = concurrent.futures.ThreadPoolExecutor(2)

        def spawn_daemon(fn, *args) -> threading.Thread:
            worker = threading.Thread(target=fn, args=args, daemon=True)
            worker.start()
            return worker

        def submit_job(fn) -> concurrent.futures.Future:
            return _pool.submit(fn)

        def call_now(fn):
            return fn()

        class Runner:
            def in_background(self, fn) -> None:
                threading.Thread(target=fn).start()

        async def read_sensor(sensor, runner: Runner) -> object:
            loop = asyncio.get_running_loop()
            fut = loop.create_future()
            ready = asyncio.Event()
            seen = asyncio.Event()

            def sample() -> None:
                fut.set_result(sensor.read())  # ACK401

            def sample_safe() -> None:
                loop.call_soon_threadsafe(fut.set_result, sensor.read())

            def mark() -> None:
                ready.set()  # ACK401

            def mark_here() -> None:
                seen.set()

            def poke() -> None:
                seen.clear()  # ACK401

            spawn_daemon(sample)
            spawn_daemon(sample_safe)
            submit_job(mark)
            call_now(mark_here)
            runner.in_background(poke)
            await ready.wait()
            return await fut
    ''', ["ACK401", "ACK402"])


def test_a_thread_starting_helper_of_another_module_runs_the_closure_handed_to_it_in_that_thread(tmp_path):
    files = {
        "gw/spawn.py": '''
            import threading

            def in_thread(fn, *args) -> threading.Thread:
                worker = threading.Thread(target=fn, args=args, daemon=True)
                worker.start()
                return worker

            def right_now(fn):
                return fn()
        ''',
        "gw/device.py": '''
            import asyncio

            from .spawn import in_thread, right_now

            async def read(dev) -> object:
                loop = asyncio.get_running_loop()
                fut = loop.create_future()
                done = asyncio.Event()

                def pull() -> None:
                    fut.set_result(dev.read())

                def pull_safe() -> None:
                    loop.call_soon_threadsafe(fut.set_result, dev.read())

                def mark() -> None:
                    done.set()

                in_thread(pull)
                in_thread(pull_safe)
                right_now(mark)
                return await fut
        ''',
    }
    (tmp_path / "gw").mkdir()
    (tmp_path / "gw" / "__init__.py").write_text("")
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    for jobs in (1, 2):
        report = lint_paths([tmp_path], Config(root=tmp_path).override(select=["ALL"]), jobs=jobs, use_cache=False)
        found = {(Path(f.path).name, f.line, f.code) for f in report.findings if f.code.startswith("ACK4")}
        assert found == {("device.py", 12, "ACK401")}, jobs  # `fut.set_result(...)` in `pull`
