"""ACK401 for a Lock (or Semaphore) whose loop is not the one it was made in: bound to another thread's loop by its
first wait, then released on the loop it was made in, is foreign use; made in one loop and taken over by another
thread's loop, reused in a later `asyncio.run`, made at module level, it is not. (Kept as look-alikes for any
cheaper way of telling a lock's owner on release.)"""
from __future__ import annotations

import asyncio
import sys
import threading

import pytest

import asynccheck
from asynccheck.config import Config

pytestmark = pytest.mark.skipif(sys.version_info < (3, 10), reason="3.9 binds a lock to a loop when it is made")


def codes(session):
    return sorted(finding.code for finding in session.findings)


class LoopThread:
    """A loop running in a thread of its own, for as long as the test needs it."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(10)

    def call(self, function):
        done = threading.Event()
        result = []

        def call():
            try:
                result.append(function())
            except Exception as exc:  # (asyncio's own refusals: not what these tests look at)
                result.append(exc)
            done.set()

        self.loop.call_soon_threadsafe(call)
        assert done.wait(10)
        return result[0]

    def close(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


def watching():
    return asynccheck.watch(Config().override(select=["ACK401"]))


async def make(kind=asyncio.Lock):
    return kind()


async def contend(lock):
    """Bind ``lock`` to the running loop (a task waits for it), and leave it held."""
    await lock.acquire()
    waiter = asyncio.ensure_future(lock.acquire())
    await asyncio.sleep(0)
    waiter.cancel()
    await asyncio.sleep(0)


@pytest.mark.parametrize("kind", [asyncio.Lock, asyncio.Semaphore])
def test_a_lock_bound_to_another_threads_loop_released_on_the_loop_it_was_made_in_is_reported(kind):
    with watching() as session:
        first, second = LoopThread(), LoopThread()
        try:
            lock = first.run(make(kind))
            second.run(contend(lock))  # bound to the second loop now, held there
            first.call(lock.release)  # from the loop it was made in: not its loop any more
        finally:
            first.close()
            second.close()
    assert codes(session) == ["ACK401"]


def test_a_lock_made_in_a_loop_released_from_a_worker_thread_is_reported():
    async def main():
        lock = asyncio.Lock()
        await lock.acquire()
        await asyncio.get_running_loop().run_in_executor(None, lock.release)

    with watching() as session:
        asyncio.run(main())
    assert codes(session) == ["ACK401"]


def test_locks_used_on_their_own_loop_are_not_reported():
    module_level = asyncio.Lock()

    async def main():
        lock, semaphore = asyncio.Lock(), asyncio.Semaphore(2)
        for _ in range(3):
            async with lock, semaphore, module_level:
                await asyncio.sleep(0)
        await contend(lock)
        lock.release()
        return lock

    with watching() as session:
        lock = asyncio.run(main())
        # the same lock in a later loop of the same thread, as asyncio lets it be once the first loop is gone
        made_before = asyncio.run(make())

        async def again():
            async with made_before:
                await asyncio.sleep(0)

        asyncio.run(again())
    assert lock.locked() is False and codes(session) == []


def test_a_lock_taken_over_by_another_threads_loop_is_not_reported():
    with watching() as session:
        first, second = LoopThread(), LoopThread()
        try:
            lock = first.run(make())

            async def use():
                for _ in range(3):
                    async with lock:
                        await asyncio.sleep(0)
                await contend(lock)
                lock.release()

            second.run(use())
        finally:
            first.close()
            second.close()
    assert codes(session) == []


@pytest.mark.parametrize("made", ["in a loop closed since", "at module level"])
def test_a_free_lock_is_checked_again_once_a_wait_binds_it(made):
    """A lock no running loop owns is released freely (on any loop, as asyncio allows) until a wait binds it:
    from then on its release is checked against the loop it is bound to."""
    with watching() as session:
        lock = asyncio.run(make()) if made == "in a loop closed since" else asyncio.Lock()

        async def main():
            async with lock:  # free: no report
                await asyncio.sleep(0)
            await contend(lock)  # bound to this loop now, and held
            await asyncio.get_running_loop().run_in_executor(None, lock.release)  # from a worker thread

        asyncio.run(main())
    assert codes(session) == ["ACK401"]


def test_a_lock_made_in_an_earlier_run_of_a_uvloop_loop_is_checked_in_the_next():
    """uvloop's loop gets a new RLock at each run: a lock made in an earlier run is not mistaken for another
    thread's, and a worker thread's release is still seen."""
    uvloop = pytest.importorskip("uvloop")

    async def use(lock):
        for _ in range(3):
            async with lock:
                await asyncio.sleep(0)
        await lock.acquire()
        await asyncio.get_running_loop().run_in_executor(None, lock.release)

    with watching() as session:
        loop = uvloop.new_event_loop()
        try:
            lock = loop.run_until_complete(make())
            loop.run_until_complete(use(lock))
        finally:
            loop.close()
    assert codes(session) == ["ACK401"]
