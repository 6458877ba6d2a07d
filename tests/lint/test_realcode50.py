"""Shapes found wrong or overclaimed on real async applications and libraries that wrap sync and async side by
side (realcode50: a network emulator's server, a Lightning wallet server, a personal-AI server, a notebook app,
a system monitor, an LLM serving engine, an agent platform; a file-system layer, an ASGI/WSGI framework, an ASGI
adapter library, a graph database driver, three API SDKs): each beside the real anti-pattern of its kind, which
is still reported."""
from __future__ import annotations

from .helpers import check_marked


def test_aexit_that_lets_every_exception_go_before_its_final_return_true():
    # a test client's `__aexit__`: `if exc_type:` cleans up and returns False, so the final `return True` is
    # reached only when the block ended without an exception, where returning True suppresses nothing
    check_marked('''
        import asyncio


        class Conductor:
            async def __aexit__(self, ex_type, ex, tb):
                if ex_type:
                    await self._cancel_background()
                    return False
                await self._shutdown()
                return True


        class ConductorRaising:
            async def __aexit__(self, exc_type, exc, tb):
                if exc is not None:
                    await self._cancel_background()
                    raise exc
                await self._shutdown()
                return True


        class SwallowsAfterCleanup:
            async def __aexit__(self, exc_type, exc, tb):
                if exc_type:
                    await self._cancel_background()
                await self._shutdown()
                return True  # ACK601


        class SwallowsWhenStateSays:
            async def __aexit__(self, exc_type, exc, tb):
                if exc_type and self._strict:
                    return False
                return True  # ACK601


        class SwallowsOnNoneTest:
            async def __aexit__(self, exc_type, exc, tb):
                if exc_type is None:
                    return False
                return True  # ACK601
    ''', ["ACK601"])


def test_singleton_accessor_that_fills_a_class_attribute_on_its_first_call():
    # `Settings.instance()` reads the file once, when the class attribute is still unset (at start-up); every
    # later call in a handler hands the stored instance back. A per-key cache, an accessor that reloads on each
    # call, and a slot of another class still block.
    check_marked('''
        import json


        class Settings:
            def __init__(self):
                with open("/etc/app.json") as f:
                    self.data = json.load(f)

            @staticmethod
            def instance():
                if not hasattr(Settings, "_instance") or Settings._instance is None:
                    Settings._instance = Settings()
                return Settings._instance

            @classmethod
            def shared(cls):
                if cls._shared is not None:
                    return cls._shared
                cls._shared = cls()
                return cls._shared

            @classmethod
            def fresh(cls):
                cls._last = cls()
                return cls._last

            @classmethod
            def per_name(cls, name):
                if name not in cls._by_name:
                    cls._by_name[name] = cls()
                return cls._by_name[name]


        class Other:
            _settings = None

            @classmethod
            def settings(cls):
                if Settings._instance is None:
                    Settings._instance = Settings()
                return Settings._instance


        async def handler():
            a = Settings.instance().data
            b = Settings.shared().data
            c = Settings.fresh().data  # ACK103
            d = Settings.per_name("x").data  # ACK103
            e = Other.settings().data  # ACK103
            return a, b, c, d, e
    ''', ["ACK103"])


def test_asyncio_run_in_the_no_running_loop_handler_of_a_probe():
    # `fire(coro)` schedules on the running loop and falls back to `asyncio.run` only in `except RuntimeError:`
    # of a bare `get_running_loop()` probe: from a coroutine that arm is never taken. A try that also runs the
    # coroutine (run_until_complete raises RuntimeError on a running loop too), a handler of another error, and a
    # blocking call after the try still count.
    check_marked('''
        import asyncio
        import time


        def fire(coro):
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                asyncio.run(coro)
                return None
            return asyncio.ensure_future(coro)


        def fire_with_loop(coro):
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return asyncio.run(coro)
            return loop.create_task(coro)


        def drive(coro):
            try:
                loop = asyncio.get_event_loop()
                return loop.run_until_complete(coro)
            except RuntimeError:
                return asyncio.run(coro)


        def fire_on_lookup_error(coro):
            try:
                asyncio.get_running_loop()
            except LookupError:
                return asyncio.run(coro)
            return None


        def fire_then_wait(coro):
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                return asyncio.run(coro)
            time.sleep(1)


        async def work():
            return 1


        async def handler():
            fire(work())
            fire_with_loop(work())
            drive(work())  # ACK108
            fire_on_lookup_error(work())  # ACK108
            fire_then_wait(work())  # ACK101
    ''', ["ACK101", "ACK108"])


def test_project_manager_holding_a_reentrant_lock_says_what_an_rlock_does():
    # a kernel's `lock_globals()` holds a threading.RLock around its `yield` while a handler awaits: the loop's
    # other tasks re-enter it (it is owned by the thread), so the finding says so instead of claiming they block
    # the loop; a plain Lock keeps the blocking wording
    import textwrap
    from asynccheck.lint import lint_source
    from .helpers import ALL
    source = textwrap.dedent('''
        import contextlib
        import threading


        class Kernel:
            def __init__(self):
                self._rlock = threading.RLock()
                self._lock = threading.Lock()

            @contextlib.contextmanager
            def lock_globals(self):
                with self._rlock:
                    yield

            @contextlib.contextmanager
            def lock_plain(self):
                with self._lock:
                    yield

            async def handle(self, request):
                with self.lock_globals():  # ACK201
                    await self.dispatch(request)
                with self.lock_plain():  # ACK201
                    await self.dispatch(request)
    ''')
    check_marked(source, ["ACK201"])
    found = {f.line: f.message for f in lint_source(source, "example.py", ALL).findings if f.code == "ACK201"}
    rlock, plain = (found[n] for n in sorted(found))
    assert "re-entrant" in rlock and "block the event loop" not in rlock
    assert "block the event loop" in plain


def test_reader_callback_reading_through_a_wrapper_of_the_connection():
    # a distributor hands `_on_change` to `loop.add_reader(conn.fileno(), ...)`; it reads through the project's
    # typed wrapper of the connection (`recv()` -> `self._delegate.recv()`), ready as the descriptor is. The same
    # wrapper read from a coroutine, and a helper of another name the callback calls, still wait.
    check_marked('''
        import asyncio
        import multiprocessing.connection
        import time


        class TypedConnection:
            def __init__(self, delegate: multiprocessing.connection.Connection):
                self._delegate = delegate

            def fileno(self):
                return self._delegate.fileno()

            def recv(self):
                return self._delegate.recv()


        def settle(conn: TypedConnection):
            time.sleep(0.5)


        class Distributor:
            def __init__(self, conn: TypedConnection):
                self.conn = conn

            def _on_change(self):
                while self.conn._delegate.poll():
                    self.handle(self.conn.recv())
                settle(self.conn)

            def start(self):
                loop = asyncio.get_running_loop()
                loop.add_reader(self.conn.fileno(), self._on_change)  # ACK101

            async def pull(self):
                return self.conn.recv()  # ACK106
    ''', ["ACK101", "ACK106"])


def test_per_request_mailbox_in_a_dict_of_waiters():
    # a wallet waits for one payment's result: it puts a fresh queue under the payment id, an SDK listener puts
    # that payment's events there, the waiter takes one under a timeout and pops the entry. A waiter that reads
    # its entry in a loop, or never drops it, keeps an unbounded stream per id.
    check_marked('''
        import asyncio

        _waiting: dict = {}
        _streams: dict = {}
        _kept: dict = {}


        def on_event(event):
            if event.payment_id in _waiting:
                _waiting[event.payment_id].put_nowait(event)
            if event.payment_id in _streams:
                _streams[event.payment_id].put_nowait(event)
            if event.payment_id in _kept:
                _kept[event.payment_id].put_nowait(event)


        async def wait_for_payment(payment_id, timeout):
            try:
                _waiting[payment_id] = asyncio.Queue()
                return await asyncio.wait_for(_waiting[payment_id].get(), timeout)
            finally:
                _waiting.pop(payment_id, None)


        async def follow_payment(payment_id):
            _streams[payment_id] = asyncio.Queue()  # ACK501
            try:
                while True:
                    event = await _streams[payment_id].get()
                    if event.final:
                        return event
            finally:
                del _streams[payment_id]


        async def wait_and_keep(payment_id, timeout):
            _kept[payment_id] = asyncio.Queue()  # ACK501
            return await asyncio.wait_for(_kept[payment_id].get(), timeout)
    ''', ["ACK501"])
