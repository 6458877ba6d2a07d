"""ACK201 for a thread lock a coroutine function is handed by an unannotated parameter: every call of the function
in the module says what the parameter holds."""
from __future__ import annotations

from .helpers import check_marked


def test_a_lock_every_caller_hands_is_held_across_the_await():
    check_marked('''
        import asyncio
        import threading

        REGISTRY_LOCK = threading.Lock()


        async def update(guard, key):
            with guard:  # ACK201
                await asyncio.sleep(1)


        async def flush(store, guard=None):
            guard.acquire()  # ACK201
            await store.save()
            guard.release()


        class Worker:
            def __init__(self):
                self._lock = threading.RLock()

            async def step(self, lock, item):
                with lock:  # ACK201
                    await item.process()

            async def run(self, items, store):
                for item in items:
                    await self.step(self._lock, item)
                await flush(store, guard=REGISTRY_LOCK)


        async def main():
            await update(REGISTRY_LOCK, "a")
            await update(threading.Lock(), "b")
    ''', ["ACK201"])


def test_a_parameter_the_callers_do_not_agree_on_or_do_not_say_is_left_alone():
    check_marked('''
        import asyncio
        import contextlib
        import threading

        LOCK = threading.Lock()


        async def mixed(guard):
            with guard:
                await asyncio.sleep(1)


        async def handed_on(guard):
            with guard:
                await asyncio.sleep(1)


        async def never_called(guard):
            with guard:
                await asyncio.sleep(1)


        async def starred(guard, key):
            with guard:
                await asyncio.sleep(1)


        def sync_helper(guard, items):
            with guard:
                return list(items)


        async def main(args):
            await mixed(LOCK)
            await mixed(contextlib.nullcontext())
            await handed_on(LOCK)
            callbacks = [handed_on]
            await starred(*args)
            await asyncio.to_thread(sync_helper, LOCK, [1])
            sync_helper(LOCK, [2])
            return callbacks
    ''', ["ACK201"])


def test_a_method_that_merely_shares_the_name_is_not_a_caller():
    check_marked('''
        import asyncio
        import threading


        class Other:
            async def guarded(self, guard):
                await asyncio.sleep(0)


        async def guarded(guard):
            with guard:
                await asyncio.sleep(1)


        async def main(other: Other):
            await other.guarded(threading.Lock())
    ''', ["ACK201"])


def test_a_coroutine_that_returns_holding_a_thread_lock_holds_it_in_its_caller():
    check_marked('''
        import asyncio
        import threading


        class Pool:
            def __init__(self):
                self._lock = threading.Lock()

            async def _claim(self):
                await asyncio.sleep(0)
                self._lock.acquire()

            async def _give_back(self):
                self._lock.release()

            async def borrow(self, work):
                await self._claim()  # ACK201
                await work()
                await self._give_back()

            async def borrow_briefly(self, items):
                await self._claim()
                items.sort()
                await self._give_back()
                await asyncio.sleep(0)
    ''', ["ACK201"])


def test_a_coroutine_that_releases_what_it_takes_is_left_alone():
    check_marked('''
        import asyncio
        import threading

        _lock = threading.Lock()


        async def counted(counter):
            _lock.acquire()
            try:
                counter.append(1)
            finally:
                _lock.release()


        async def with_block(counter):
            with _lock:
                counter.append(1)


        async def main(counter):
            await counted(counter)
            await asyncio.sleep(0)
            await with_block(counter)
            await asyncio.sleep(0)
    ''', ["ACK201"])
