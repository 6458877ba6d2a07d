"""False-alarm shapes found by linting real asyncio libraries (database drivers with lock emulations, a TaskGroup
backport, a client that drives its coroutines without a loop, ...): each look-alike must stay quiet, beside the
close case that must still be flagged."""
from __future__ import annotations

from tests.lint.helpers import check_marked


def test_a_handler_that_cancels_its_own_task_again_does_not_swallow_the_cancellation():
    # Emulating a non-blocking step: one loop cycle must pass whatever happens, so the handler asks for the
    # cancellation again and the next await raises it.
    check_marked(
        """
        import asyncio


        async def try_acquire(lock):
            attempt = asyncio.ensure_future(lock.acquire())
            try:
                await asyncio.sleep(0)
            except asyncio.CancelledError:
                asyncio.current_task().cancel()
            if attempt.done():
                return True
            attempt.cancel()
            return False


        async def try_io(op, timeout):
            pending = asyncio.ensure_future(op())
            try:
                await asyncio.sleep(0)
            except asyncio.CancelledError:
                me = asyncio.current_task()
                if me is not None:
                    me.cancel()
            return await asyncio.wait_for(pending, timeout)
        """,
        ["ACK601", "ACK602"],
    )


def test_a_handler_that_cancels_another_task_still_swallows_its_own_cancellation():
    check_marked(
        """
        import asyncio


        async def try_acquire(lock):
            attempt = asyncio.ensure_future(lock.acquire())
            try:
                await asyncio.sleep(0)
            except asyncio.CancelledError:  # ACK601
                attempt.cancel()
            await asyncio.sleep(1)
            return attempt.done()


        async def try_io(op, timeout, tasks):
            pending = asyncio.ensure_future(op())
            try:
                await asyncio.sleep(0)
            except asyncio.CancelledError:  # ACK601
                other = tasks.pop()
                other.cancel()
            return await asyncio.wait_for(pending, timeout)
        """,
        ["ACK601", "ACK602"],
    )


def test_a_cancellation_flag_set_under_an_if_and_raised_after_the_loop_is_not_swallowed():
    # A task-group's exit: the parent's cancellation is noted while the children wind down, then raised.
    check_marked(
        """
        import asyncio


        class Group:
            async def wait_all(self):
                propagate = False
                while self._pending:
                    self._done = asyncio.get_running_loop().create_future()
                    try:
                        await self._done
                    except asyncio.CancelledError:
                        if not self._aborting:
                            propagate = True
                            self._abort()
                if propagate:
                    raise asyncio.CancelledError()
        """,
        ["ACK601", "ACK602"],
    )


def test_a_flag_set_under_an_if_that_nothing_raises_from_still_swallows_the_cancellation():
    check_marked(
        """
        import asyncio


        class Group:
            async def wait_all(self):
                noted = False
                while self._pending:
                    self._done = asyncio.get_running_loop().create_future()
                    try:
                        await self._done
                    except asyncio.CancelledError:  # ACK601
                        if not self._aborting:
                            noted = True
                            self._abort()
                if noted:
                    self.log("was cancelled")
        """,
        ["ACK601", "ACK602"],
    )


def test_a_call_made_only_where_its_callee_tested_not_to_be_a_coroutine_function_is_quiet():
    # One source shared by a sync and an async twin: the finaliser closes only where `close` is a plain method;
    # a hook that may be either is awaited in one branch and called in the other.
    check_marked(
        """
        import asyncio
        import inspect


        class Connection:
            def __del__(self):
                if not inspect.iscoroutinefunction(self.close):
                    self.close()

            async def close(self):
                await asyncio.sleep(0)


        async def on_close():
            await asyncio.sleep(0)


        async def fire(ready):
            if asyncio.iscoroutinefunction(on_close):
                await on_close()
            elif ready and not inspect.iscoroutinefunction(on_close):
                on_close()
            if ready and not inspect.iscoroutinefunction(on_close):
                on_close()
        """,
        ["ACK301"],
    )


def test_a_call_under_a_test_of_another_callable_or_of_being_a_coroutine_function_is_still_flagged():
    check_marked(
        """
        import asyncio
        import inspect


        class Connection:
            def __del__(self):
                if not inspect.iscoroutinefunction(self.reset):
                    self.close()  # ACK301
                if inspect.iscoroutinefunction(self.close):
                    self.close()  # ACK301
                if not (inspect.iscoroutinefunction(self.close) and self.ready):
                    self.close()  # ACK301

            def reset(self):
                pass

            async def close(self):
                await asyncio.sleep(0)
        """,
        ["ACK301"],
    )


def test_an_attribute_narrowed_by_isinstance_to_classes_with_a_plain_acquire_is_not_an_unawaited_coroutine():
    # The condition takes any lock: an asyncio one by default, or a cooperative one whose acquire is a plain
    # method, and it calls each as that kind of lock wants.
    check_marked(
        """
        import asyncio


        class CooperativeLock:
            def acquire(self):
                return True


        class CooperativeRLock:
            def acquire(self):
                return True


        class AsyncLock:
            async def acquire(self):
                await asyncio.sleep(0)


        class Condition:
            def __init__(self, lock=None):
                if lock is None:
                    lock = AsyncLock()
                self._lock = lock

            async def __aenter__(self):
                if isinstance(self._lock, (CooperativeLock, CooperativeRLock)):
                    self._lock.acquire()
                else:
                    await self._lock.acquire()

            async def relock(self):
                if isinstance(self._lock, CooperativeLock):
                    self._lock.acquire()
        """,
        ["ACK301"],
    )


def test_an_attribute_narrowed_to_the_async_lock_or_rebound_after_the_test_is_still_flagged():
    check_marked(
        """
        import asyncio


        class CooperativeLock:
            def acquire(self):
                return True


        class AsyncLock:
            async def acquire(self):
                await asyncio.sleep(0)


        class Condition:
            def __init__(self, lock=None):
                if lock is None:
                    lock = AsyncLock()
                self._lock = lock

            async def __aenter__(self):
                if isinstance(self._lock, AsyncLock):
                    self._lock.acquire()  # ACK301
                self._lock.acquire()  # ACK301

            async def relock(self):
                if isinstance(self._lock, CooperativeLock):
                    self._lock = AsyncLock()
                    self._lock.acquire()  # ACK301
        """,
        ["ACK301"],
    )


def test_coroutines_of_a_module_that_steps_them_itself_without_a_loop_may_block():
    # A blocking client reusing async code: its own driver runs each coroutine to the end in one `send`, so its
    # coroutines' waits are the blocking API's waits, not stalls of a loop (there is none).
    check_marked(
        """
        import queue
        import socket
        import threading
        import time


        class BlockingConnection:
            async def connect(self, host, port):
                return socket.getaddrinfo(host, port)

            async def sleep(self, seconds):
                time.sleep(seconds)


        class Pool:
            def __init__(self):
                self._queue = queue.LifoQueue()
                self._first = threading.Lock()

            async def first(self, make):
                with self._first:
                    return await make()

            async def acquire(self, timeout=None):
                return self._queue.get(timeout=timeout)


        class Client:
            def _run(self, coro):
                try:
                    coro.send(None)
                except StopIteration as ex:
                    return ex.value
                finally:
                    coro.close()

            def acquire(self):
                return self._run(Pool().acquire())

            def connect(self, host, port):
                return self._run(BlockingConnection().connect(host, port))
        """,
        ["ACK101", "ACK105", "ACK106", "ACK201"],
    )


def test_a_module_with_such_a_driver_that_imports_asyncio_or_one_without_a_driver_is_still_checked():
    source_with_asyncio = """
        import asyncio
        import time


        class BlockingConnection:
            async def sleep(self, seconds):
                time.sleep(seconds)  # ACK101


        def run(coro):
            try:
                coro.send(None)
            except StopIteration as ex:
                return ex.value


        def sleep_now(seconds):
            return run(BlockingConnection().sleep(seconds))


        def nap():
            return run(BlockingConnection().sleep(0.1))
        """
    source_sending_elsewhere = """
        import time


        class BlockingConnection:
            async def sleep(self, seconds):
                time.sleep(seconds)  # ACK101


        def prime(gen, first):
            gen.send(None)
            try:
                gen.send(first)
            except StopIteration:
                pass


        def run(coro):
            try:
                coro.send(1)
            except StopIteration as ex:
                return ex.value


        def sleep_now(seconds):
            return run(BlockingConnection().sleep(seconds))


        def nap():
            return prime(BlockingConnection().sleep(0.1), None)
        """
    # One step in one place: the result of a coroutine that happens not to suspend, beside coroutines that do
    # run on a loop.
    source_fast_path = """
        import time


        class Router:
            async def refresh(self):
                time.sleep(1)  # ACK101

            async def pick(self, name):
                return name

            def pick_now(self, name):
                return _ready(self.pick(name))


        def _ready(step):
            try:
                step.send(None)
            except StopIteration as done:
                return done.value
            step.close()
            raise RuntimeError("suspended")
        """
    check_marked(source_with_asyncio, ["ACK101"])
    check_marked(source_sending_elsewhere, ["ACK101"])
    check_marked(source_fast_path, ["ACK101"])


def test_a_task_kept_in_an_attribute_and_awaited_before_the_next_is_started_is_one_at_a_time():
    # A pacer: each pass waits for the previous pause task before starting the next, so at most one runs.
    check_marked(
        """
        import asyncio


        class Sender:
            async def run(self, queue):
                while True:
                    item = await queue.get()
                    if self._pacer is not None:
                        await self._pacer
                    self._pacer = asyncio.create_task(asyncio.sleep(1 / self.rate))
                    await self.send(item)
        """,
        ["ACK502"],
    )


def test_a_task_kept_in_an_attribute_that_the_loop_never_awaits_is_still_unbounded():
    check_marked(
        """
        import asyncio


        class Sender:
            async def run(self, queue):
                while True:
                    item = await queue.get()
                    if self._pacer is not None:
                        await self._other
                    self._pacer = asyncio.create_task(self.send(item))  # ACK502
        """,
        ["ACK502"],
    )
