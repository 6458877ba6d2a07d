"""False-alarm shapes found by linting real asyncio frameworks and SDKs (an ASGI server, job queues, an ORM's
database backends, a WebRTC stack, API clients): each look-alike must stay quiet, beside the close case that
must still be flagged."""
from __future__ import annotations

from pathlib import Path

from tests.lint.helpers import check_marked
from tests.lint.test_types_project import expected, found, write

# A package that keeps a default client under the same name as one of its submodules: the
# package's `client` value is a sync HTTP client, the submodule `pkg/client.py` only holds plain helpers.
SHADOWED_SUBMODULE = {
    "pkg/__init__.py": '''
        import requests
        from .client import check_url


        class Session:
            """The package's default client: every method is a request."""

            def check_url(self, url: str) -> int:
                return requests.head(url).status_code


        client: Session | None = None
        session: Session = Session()
    ''',
    "pkg/client.py": '''
        class ClientError(Exception):
            pass

        def check_url(url: str) -> str:
            if not url.startswith("https://"):
                raise ClientError(url)
            return url
    ''',
    "pkg/auth.py": '''
        from importlib import import_module
        from typing import TYPE_CHECKING

        import pkg
        if TYPE_CHECKING:
            import pkg.client as client_module
        else:
            client_module = import_module(".client", "pkg")

        async def prepare(url: str) -> str:
            client_module.check_url(url)
            raise client_module.ClientError(url)

        async def fetch_default(url: str):
            return pkg.session.check_url(url)  # ACK102
    ''',
}


def test_a_submodule_imported_by_its_dotted_name_is_the_module_not_a_package_value_of_that_name(tmp_path: Path):
    # `import pkg.client as m` binds the module pkg/client.py, also when pkg/__init__.py has a value `client`
    # (a default session made on first use): `m.check_url()` is the module's helper, not a method of that session.
    # A package value that names no module (`pkg.session`) is still the session, and its request still blocks.
    write(tmp_path, SHADOWED_SUBMODULE)
    assert found([tmp_path], tmp_path, use_cache=False) == expected(SHADOWED_SUBMODULE)
    alone = found([tmp_path / "pkg" / "auth.py"], tmp_path, use_cache=False)
    assert alone == expected(SHADOWED_SUBMODULE)


def test_cancel_then_wait_under_a_deadline_imported_under_another_name_is_the_idiom():
    # `task.cancel()` then `await task` under `asyncio.timeout()` catches the task's own cancellation; the
    # deadline imported as `asyncio_timeout` (async_timeout's on older Pythons) is the same deadline. Anything
    # else awaited in the block, or a block whose context manager is not a deadline, can still be the caller's
    # cancellation, swallowed.
    check_marked(
        """
        import asyncio
        import sys

        if sys.version_info >= (3, 11):
            from asyncio import timeout as asyncio_timeout
        else:
            from async_timeout import timeout as asyncio_timeout
        from asyncio import Semaphore as Limiter

        limiter = Limiter(4)


        class Job:
            async def close(self, timeout):
                self._task.cancel()
                try:
                    async with asyncio_timeout(timeout):
                        await self._task
                except asyncio.CancelledError:
                    pass

            async def close_and_flush(self, timeout):
                self._task.cancel()
                try:
                    async with asyncio_timeout(timeout):
                        await self._task
                        await self._flush()
                except asyncio.CancelledError:  # ACK601
                    pass

            async def close_limited(self):
                self._task.cancel()
                try:
                    async with limiter:
                        await self._task
                except asyncio.CancelledError:  # ACK601
                    pass

            async def wait(self):
                try:
                    return await self._other
                except Exception:
                    await self.close(1.0)
                    await self.close_and_flush(1.0)
                    await self.close_limited()
                    raise
        """,
        {"ACK601"},
    )


def test_a_connection_entered_by_hand_and_returned_is_not_a_coroutine_returned_unawaited():
    # `aiosqlite.connect()` makes a connection object that is awaitable and an async context manager: a pool
    # enters it by hand (`await conn.__aenter__()`) to keep it open past one block and hands it out. Returned
    # without being entered or awaited, or read for a method before either, nothing ever started it.
    check_marked(
        """
        import aiosqlite


        class Pool:
            def __init__(self, path):
                self.path = path

            async def acquire(self) -> aiosqlite.Connection:
                conn = aiosqlite.connect(self.path, isolation_level=None)
                await conn.__aenter__()
                return conn

            async def release(self, conn: aiosqlite.Connection) -> None:
                await conn.__aexit__(None, None, None)

            async def acquire_unstarted(self) -> aiosqlite.Connection:
                conn = aiosqlite.connect(self.path)  # ACK301
                return conn

            async def query_unstarted(self, sql):
                conn = aiosqlite.connect(self.path)  # ACK301
                return conn.execute(sql)
        """,
        {"ACK301"},
    )


def test_a_put_under_a_flag_its_block_sets_is_a_one_shot_report_not_a_stream():
    # A state machine checked on every packet reports its final state once: the put sits under
    # `if not self.finished:` and the same block sets `self.finished = True`, so however often the check runs
    # the queue gets one item. A guard whose block does not set its own flag lets every packet through.
    check_marked(
        """
        import asyncio


        class Checker(asyncio.DatagramProtocol):
            def __init__(self):
                self.finished = False
                self.paused = False
                self.states = asyncio.Queue()
                self.packets = asyncio.Queue()  # ACK501

            def datagram_received(self, data, addr):
                if data == b"ok" and not self.finished:
                    self._report("done")
                if not self.paused:
                    self.packets.put_nowait(data)
                    self.finished = False

            def _report(self, state):
                if not self.finished:
                    self.states.put_nowait(state)
                    self.finished = True

            async def wait_finished(self):
                return await self.states.get()

            async def next_packet(self):
                return await self.packets.get()
        """,
        {"ACK501"},
    )


def test_a_run_sync_helper_that_expects_a_running_loop_blocks_by_its_fallback_not_by_a_nested_loop():
    # `try: return asyncio.run(coro)` / `except RuntimeError:` then a worker thread that runs it: called from a
    # coroutine, `asyncio.run` refuses at once and the helper waits for the thread, which is what blocks the loop
    # (ACK106), not a nested loop. Without the fallback for RuntimeError it is the nested loop.
    check_marked(
        """
        import asyncio
        from concurrent.futures import ThreadPoolExecutor


        def run_sync(coroutine):
            try:
                return asyncio.run(coroutine)
            except RuntimeError:
                with ThreadPoolExecutor(max_workers=1) as executor:
                    return executor.submit(asyncio.run, coroutine).result()


        def run_or_none(coroutine):
            try:
                return asyncio.run(coroutine)
            except ValueError:
                return None


        async def handler(db):
            run_sync(db.ping())  # ACK106
            run_or_none(db.ping())  # ACK108
        """,
        {"ACK106", "ACK108"},
    )


def test_a_connect_and_retry_loop_starts_one_reader_per_attempt_it_stops():
    # `while True: try: connect; reader = create_task(self.read()) ... else: break`: the loop ends at the first
    # attempt that succeeds, and each failed one awaits `self.stop()` (which ends the reader) before trying
    # again. A failure that only waits and retries leaves every failed attempt's reader running.
    check_marked(
        """
        import asyncio


        class Session:
            async def start(self):
                while True:
                    try:
                        await self.connect()
                        self.reader = asyncio.create_task(self.read())
                        await self.handshake()
                    except OSError:
                        await self.stop()
                    except Exception:
                        await self.stop()
                        raise
                    else:
                        break

            async def start_leaky(self):
                while True:
                    try:
                        await self.connect()
                        self.reader = asyncio.create_task(self.read())  # ACK502
                        await self.handshake()
                    except OSError:
                        await asyncio.sleep(1)
                    else:
                        break

            async def stop(self):
                self.reader.cancel()

            async def connect(self): ...
            async def handshake(self): ...
            async def read(self): ...
        """,
        {"ACK502"},
    )
