"""Shapes found wrong on real async libraries (async utility libraries and async SDKs): each flagged shape beside
the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_a_pool_used_the_async_way_is_not_taken_for_a_thread_pool_by_its_name():
    # an untyped `pool` is guessed to be a concurrent.futures executor by its name; one whose results are awaited,
    # or that is entered with `async with`, is an async library's pool that runs coroutine functions
    check_marked('''
        from workers import make_pool, open_pool

        async def crunch(n):
            return n * 2

        async def awaited(values):
            pool = make_pool(4)
            return await pool.map(crunch, values)

        async def entered(values):
            async with open_pool(4) as pool:
                pending = pool.map(crunch, values)
                return [r async for r in pending]

        async def thread_pool(values):
            with open_pool(4) as pool:
                return list(pool.map(crunch, values))  # ACK301

        async def untyped(values):
            pool = make_pool(4)
            return list(pool.map(crunch, values))  # ACK301
    ''', ["ACK301"])


def test_a_blocking_wait_on_a_pool_entered_with_async_with_is_not_reported():
    check_marked('''
        from workers import open_pool

        def double(n):
            return n * 2

        async def entered(values):
            async with open_pool(4) as pool:
                pending = pool.map(double, values)
                return await pending

        async def thread_pool(values):
            with open_pool(4) as pool:
                pending = pool.map(double, values)  # ACK106
                return list(pending)
    ''', ["ACK106"])


def test_a_cancellation_kept_while_waiting_for_children_and_returned_to_the_caller_is_delivered():
    # the wait-for-children loop of a task group keeps the first cancel and hands it back once every child is
    # done; its caller raises it. One kept and never handed back, or dropped by a later successful round, is lost
    check_marked('''
        import asyncio

        async def wait_children(group):
            pending = None
            while group.children:
                try:
                    await group.changed()
                except asyncio.CancelledError as exc:
                    if pending is None:
                        pending = exc
                    group.cancel_all()
            return pending

        async def wait_children_forgetting(group):
            pending = None
            while group.children:
                try:
                    await group.changed()
                except asyncio.CancelledError as exc:  # ACK601
                    pending = exc
                    group.cancel_all()
            return len(group.done)

        async def retry_returning_the_last(op):
            last = None
            for _ in range(3):
                try:
                    return await op()
                except BaseException as exc:  # ACK601
                    last = exc
            return last
    ''', ["ACK601"])


def test_a_reader_callback_that_reaps_its_process_descriptor_or_receives_a_message_does_not_wait():
    # a pidfd turns readable once its process has exited, and a readable multiprocessing connection holds the
    # message its peer sent: the callback the loop runs then does not wait. The same calls in a coroutine, or a
    # wait for any child (not the descriptor's), still do
    check_marked('''
        import asyncio
        import os
        from multiprocessing.connection import Connection

        class Child:
            def __init__(self, pidfd, conn):
                self.pidfd = pidfd
                self.conn = conn
                loop = asyncio.get_running_loop()
                loop.add_reader(pidfd, self._reap)
                loop.add_reader(conn.fileno(), self._on_message)

            def _reap(self):
                self.status = os.waitid(os.P_PIDFD, self.pidfd, os.WEXITED)

            def _on_message(self):
                self.last = self.conn.recv_bytes(4)

        class Sloppy:
            def __init__(self, wakeup_fd):
                asyncio.get_running_loop().add_reader(wakeup_fd, self._reap_any)  # ACK104

            def _reap_any(self):
                self.status = os.waitid(os.P_ALL, 0, os.WEXITED)

        async def reap(pidfd):
            return os.waitid(os.P_PIDFD, pidfd, os.WEXITED)  # ACK104

        async def receive(conn: Connection):
            return conn.recv_bytes(4)  # ACK106
    ''', ["ACK104", "ACK106"])


def test_a_threading_lock_let_go_before_each_await_and_taken_again_after_it_is_not_held_across_it():
    # `lock.release(); await ...; lock.acquire()` inside the wait loop: the coroutine never suspends holding it.
    # An await before the release, or after the lock is taken again, still suspends with it held
    check_marked('''
        import threading

        class Group:
            def __init__(self):
                self._lock = threading.Lock()
                self.pending = 0

            async def wait_all(self, changed):
                lock = self._lock
                lock.acquire()
                taken = True
                try:
                    while self.pending:
                        taken = False
                        lock.release()
                        await changed()
                        lock.acquire()
                        taken = True
                finally:
                    if taken:
                        lock.release()

            async def wait_holding(self, changed):
                self._lock.acquire()  # ACK201
                while self.pending:
                    await changed()
                    self._lock.release()
                    self._lock.acquire()
                self._lock.release()

            async def wait_then_report(self, changed, report):
                self._lock.acquire()  # ACK201
                try:
                    while self.pending:
                        self._lock.release()
                        await changed()
                        self._lock.acquire()
                    await report(self.pending)
                finally:
                    self._lock.release()
    ''', ["ACK201"])


def test_the_end_of_stream_marker_put_when_a_stream_closes_is_not_an_open_ended_producer():
    # `put_nowait(None)` in `_close_stream()` tells the sender the stream is over, once per stream, however often
    # a reconnect loop reopens streams; a `None` put per event or per item, from a function that closes nothing, fills it
    check_marked('''
        import asyncio

        class Stream:
            def __init__(self, connect):
                self._connect = connect
                self._outgoing = asyncio.Queue()

            async def _sender(self, conn):
                while (item := await self._outgoing.get()) is not None:
                    await conn.send(item)

            async def _close_stream(self):
                self._outgoing.put_nowait(None)

            async def run(self):
                while True:
                    try:
                        conn = await self._connect()
                        await self._sender(conn)
                    except ConnectionError:
                        await self._close_stream()

        class Waker:
            def __init__(self):
                self._wake = asyncio.Queue()  # ACK501

            def on_data(self, data):
                self._wake.put_nowait(None)

        class Ticker:
            def __init__(self):
                self._ticks = asyncio.Queue()  # ACK501

            def _tick(self):
                self._ticks.put_nowait(None)

            async def run(self, source):
                async for _ in source:
                    self._tick()
    ''', ["ACK501"])


def test_tasks_that_each_take_a_semaphore_before_their_work_are_bounded():
    # the consumer starts a task per item, and each waits on the semaphore it is handed before doing anything:
    # how many run at once is bounded. A task that only passes the semaphore on, or takes none, is not
    check_marked('''
        import asyncio

        class Worker:
            async def _one(self, sem: asyncio.Semaphore, item):
                async with sem:
                    await item.process()

            async def _unguarded(self, sem, item):
                await item.process()
                await self.report(sem)

            async def consume(self, queue, sem):
                while True:
                    item = await queue.get()
                    asyncio.create_task(self._one(sem, item))

            async def consume_unbounded(self, queue, sem):
                while True:
                    item = await queue.get()
                    asyncio.create_task(self._unguarded(sem, item))  # ACK502
    ''', ["ACK502"])
