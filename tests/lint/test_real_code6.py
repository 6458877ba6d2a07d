"""False-alarm shapes found by linting more real asyncio code (psycopg, crewai, vllm, streamlit, ...): each
look-alike must stay clean, beside the close case it must still flag."""
from tests.lint.helpers import check_marked


def test_else_of_a_literal_true_test_never_runs():
    # psycopg's async twin is generated from the sync one: `if True:  # ASYNC` keeps the async line and leaves
    # the sync call in an `else:` that never runs. A test the linter cannot decide still has both branches live.
    check_marked(
        """
        import socket


        class Connection:
            async def set_autocommit(self, value):
                pass

            def _set_autocommit(self, value):
                if True:  # ASYNC
                    raise TypeError("use await set_autocommit()")
                else:
                    self.set_autocommit(value)

            def _set_autocommit_later(self, value):
                if False:
                    self.set_autocommit(value)

            def _set_autocommit_maybe(self, value, ready):
                if ready:
                    raise TypeError("use await set_autocommit()")
                else:
                    self.set_autocommit(value)  # ACK301


        async def resolve(host, port):
            if True:  # ASYNC
                return []
            else:
                return socket.getaddrinfo(host, port)


        async def resolve_live(host, port):
            if not False:
                return socket.getaddrinfo(host, port)  # ACK105
        """,
        ["ACK301", "ACK105"],
    )


def test_lock_built_on_a_condition_waits_like_a_lock():
    # crewai's event bus guards its handler tables with a reader/writer lock built on a threading.Condition:
    # a reader waits only while a writer holds the short registration section, as `Lock.acquire()` does, which
    # ACK106 leaves alone. A queue, an event or a semaphore built the same way waits for a producer or for
    # free units, for as long as they take: those waits stay reported, through the helper too.
    check_marked(
        """
        import collections
        import threading
        from contextlib import contextmanager


        class RWLock:
            def __init__(self):
                self._cond = threading.Condition()
                self._readers = 0
                self._writer = False

            def r_acquire(self):
                with self._cond:
                    while self._writer:
                        self._cond.wait()
                    self._readers += 1

            def r_release(self):
                with self._cond:
                    self._readers -= 1
                    if self._readers == 0:
                        self._cond.notify_all()

            @contextmanager
            def r_locked(self):
                self.r_acquire()
                try:
                    yield
                finally:
                    self.r_release()

            def w_acquire(self):
                with self._cond:
                    while self._writer or self._readers > 0:
                        self._cond.wait()
                    self._writer = True

            def w_release(self):
                with self._cond:
                    self._writer = False
                    self._cond.notify_all()


        class Items:
            def __init__(self):
                self._cond = threading.Condition()
                self._items = collections.deque()
                self._taken = 0

            def take(self):
                with self._cond:
                    while not self._items:
                        self._cond.wait()
                    self._taken += 1
                    return self._items.popleft()

            def give(self, item):
                with self._cond:
                    self._items.append(item)
                    self._taken -= 1
                    self._cond.notify()


        class Slots:
            def __init__(self, n):
                self._cond = threading.Condition()
                self._free = n

            def acquire(self):
                with self._cond:
                    while self._free == 0:
                        self._cond.wait()
                    self._free -= 1

            def release(self):
                with self._cond:
                    self._free += 1
                    self._cond.notify()


        class Flag:
            def __init__(self):
                self._cond = threading.Condition()
                self._set = False

            def wait(self):
                with self._cond:
                    while not self._set:
                        self._cond.wait()

            def set(self):
                with self._cond:
                    self._set = True
                    self._cond.notify_all()

            def clear(self):
                with self._cond:
                    self._set = False
                    self._cond.notify_all()


        lock = RWLock()
        items = Items()
        slots = Slots(4)
        flag = Flag()


        async def emit(event):
            with lock.r_locked():
                pass
            lock.w_acquire()
            lock.w_release()


        async def consume():
            return items.take()  # ACK106


        async def limited():
            slots.acquire()  # ACK106


        async def started():
            flag.wait()  # ACK106
        """,
        ["ACK106"],
    )


def test_task_cancelled_by_a_nested_shutdown_handler():
    # vllm's serve_http: a nested shutdown handler cancels the server task, and the function awaits that task
    # and catches its cancellation to shut down: the CancelledError is the server task's, as with `task.cancel()`
    # then `await task` in one function. A task the nested function makes and cancels itself, or a task nobody
    # here cancels, is not that: catching around its await swallows the caller's cancellation.
    check_marked(
        """
        import asyncio


        async def serve(server, stop):
            server_task = asyncio.create_task(server.serve())

            async def handle_shutdown():
                await stop.wait()
                server_task.cancel()

            shutdown_task = asyncio.create_task(handle_shutdown())
            try:
                await server_task
                return None
            except asyncio.CancelledError:
                return server.shutdown()
            finally:
                shutdown_task.cancel()


        async def serve_own_task(server, stop):
            server_task = asyncio.create_task(server.serve())

            async def handle_shutdown():
                server_task = asyncio.create_task(server.other())
                await stop.wait()
                server_task.cancel()

            asyncio.get_running_loop().call_soon(lambda: None)
            try:
                await server_task
                return None
            except asyncio.CancelledError:  # ACK601
                return server.shutdown()


        async def serve_uncancelled(server, stop):
            server_task = asyncio.create_task(server.serve())
            other_task = asyncio.create_task(server.other())

            def handle_shutdown():
                other_task.cancel()

            stop.add_done_callback(lambda _: handle_shutdown())
            try:
                await server_task
                return None
            except asyncio.CancelledError:  # ACK601
                return server.shutdown()
        """,
        ["ACK601"],
    )


def test_helper_that_waits_through_cancels_for_handlers_that_reraise():
    # streamlit's agent runtime: when the client leaves, the handler waits for a thread's future it cannot stop
    # (`_wait_ignoring_cancellation`, which swallows repeated cancels) and then re-raises the first one: the
    # cancel is deferred, not lost. The same helper awaited once outside such a handler, or by a handler
    # that returns instead of raising, loses it.
    check_marked(
        """
        import asyncio
        import contextlib


        async def _wait_through(future):
            while not future.done():
                with contextlib.suppress(asyncio.CancelledError):
                    await asyncio.wait({future})


        async def _wait_through_loosely(future):
            while not future.done():
                with contextlib.suppress(asyncio.CancelledError):  # ACK601
                    await asyncio.wait({future})


        async def _wait_through_for_returners(future):
            while not future.done():
                try:
                    await asyncio.wait({future})
                except asyncio.CancelledError:  # ACK601
                    pass


        async def validate(validation):
            try:
                return await asyncio.shield(validation)
            except asyncio.CancelledError:
                await _wait_through(validation)
                raise


        async def build(build_future):
            try:
                return await asyncio.shield(build_future)
            except asyncio.CancelledError:
                await _wait_through(build_future)
                await _wait_through_loosely(build_future)
                raise


        async def settle(build_future):
            await _wait_through_loosely(build_future)
            return build_future.result()


        async def quietly(build_future):
            try:
                return await asyncio.shield(build_future)
            except asyncio.CancelledError:  # ACK601
                await _wait_through_for_returners(build_future)
                return None
        """,
        ["ACK601"],
    )
