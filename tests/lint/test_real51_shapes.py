"""Shapes from the ninth round on real projects (bench/real/real51-labels.tsv): each overclaimed shape beside the
true case next to it, which must still be found."""
from __future__ import annotations

from .helpers import check_marked


def test_instance_lock_that_every_taker_polls_is_not_said_to_block_the_loop():
    # a threading lock shared across loops and threads, taken by polling: a task waiting for it sleeps on the loop
    check_marked('''
        import asyncio
        import threading
        from contextlib import asynccontextmanager

        class Store:
            def __init__(self) -> None:
                self._lock = threading.Lock()
                self._init_lock = threading.Lock()

            @asynccontextmanager
            async def guard(self):
                lock = self._lock
                while not lock.acquire(blocking=False):
                    await asyncio.sleep(0.01)
                try:
                    yield
                finally:
                    lock.release()

            async def ensure_tables(self, create) -> None:
                while not self._init_lock.acquire(False):
                    await asyncio.sleep(0.01)
                try:
                    await create()
                finally:
                    self._init_lock.release()
    ''', ["ACK201"])


def test_polled_lock_that_another_method_takes_with_a_blocking_acquire_is_still_found():
    check_marked('''
        import asyncio
        import threading

        class Store:
            def __init__(self) -> None:
                self._lock = threading.Lock()
                self._other = threading.Lock()

            async def flush(self, sink) -> None:
                while not self._lock.acquire(blocking=False):  # ACK201
                    await asyncio.sleep(0.01)
                try:
                    await sink()
                finally:
                    self._lock.release()

            def snapshot(self) -> None:
                with self._lock:
                    pass

            async def drain(self, sink) -> None:
                while not self._other.acquire(blocking=False):  # ACK201
                    await asyncio.sleep(0.01)
                try:
                    await sink()
                finally:
                    self._other.release()

            def reset(self) -> None:
                self._other.acquire()
                self._other.release()

        async def spin(lock: threading.Lock, job) -> None:
            while not lock.acquire(blocking=False):  # ACK201
                await asyncio.sleep(0.05)
            try:
                await job()
            finally:
                lock.release()
    ''', ["ACK201"])
