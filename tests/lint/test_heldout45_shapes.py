"""Shapes heldout45's library-flavoured measurement found the linter wrong on."""
from __future__ import annotations

from .helpers import check_marked


def test_a_coroutine_returned_unawaited_where_another_return_awaits_the_same_callee():
    # `-> Any` (or a TypeVar) leaves the declared result open; the function's other return, which awaits the same
    # callee, says what its callers expect
    check_marked('''
        from typing import Any, Optional, TypeVar

        T = TypeVar("T")

        class Pager:
            async def _page(self, n: int) -> list:
                return [n]

            async def first_or_retry(self, tries: int) -> Any:
                for _ in range(tries):
                    try:
                        return await self._page(0)
                    except OSError:
                        pass
                return self._page(0)  # ACK301

        async def fetch(key: str) -> bytes:
            return key.encode()

        async def cached(cache: dict, key: str) -> Optional[T]:
            if key in cache:
                return await fetch(key)
            return fetch(key)  # ACK301

        # look-alikes
        class Lazy:
            async def _page(self, n: int) -> list:
                return [n]

            async def all_awaited(self, tries: int) -> Any:
                if tries:
                    return await self._page(0)
                return await self._page(1)

            async def hands_back(self) -> Any:
                # never awaits `_page` on another return: the declared Any may be the coroutine on purpose
                return self._page(0)

            def sync_twin(self, ready: bool) -> Any:
                return self._page(0)

        async def other_callee(key: str) -> Any:
            if key:
                return await fetch(key)
            return other(key)

        async def other(key: str) -> bytes:
            return b""
    ''', ["ACK301"])


def test_callbacks_registered_on_an_untyped_object_that_starts_a_thread_by_name():
    # a native SDK nothing types: `start_network_thread()` says where what it was handed is called back
    check_marked('''
        import asyncio

        class Feed:
            def __init__(self, sdk, topic):
                self.inbox = asyncio.Queue(maxsize=10)
                sdk.subscribe(topic, callback=self._on_item)
                sdk.start_network_thread()

            def _on_item(self, item):
                self.inbox.put_nowait(item)  # ACK401

        class Watcher:
            def __init__(self, driver):
                self.changed = asyncio.Event()
                self.driver = driver
                self.driver.add_change_listener(self._changed)

            def _changed(self):
                self.changed.set()  # ACK401

            def start(self):
                self.driver.run_in_thread()

        # look-alikes
        class HandsOver:
            def __init__(self, sdk, topic, loop):
                self.loop = loop
                self.inbox = asyncio.Queue(maxsize=10)
                sdk.subscribe(topic, callback=self._on_item)
                sdk.start_network_thread()

            def _on_item(self, item):
                self.loop.call_soon_threadsafe(self.inbox.put_nowait, item)

        class LoopDriven:
            def __init__(self, sdk, topic):
                self.inbox = asyncio.Queue(maxsize=10)
                sdk.subscribe(topic, callback=self._on_item)
                sdk.start()  # nothing says which thread runs it

            def _on_item(self, item):
                self.inbox.put_nowait(item)

        class OtherObject:
            def __init__(self, sdk, poller, topic):
                self.inbox = asyncio.Queue(maxsize=10)
                sdk.subscribe(topic, callback=self._on_item)
                poller.start_io_thread()  # another object's thread

            def _on_item(self, item):
                self.inbox.put_nowait(item)

        class Scheduler:
            def start_thread(self):
                pass  # this project's method: read, not guessed from its name

            def subscribe(self, cb):
                cb()

        class Owned:
            def __init__(self):
                self.ready = asyncio.Event()
                self.sched = Scheduler()
                self.sched.subscribe(self._ready)
                self.sched.start_thread()

            def _ready(self):
                self.ready.set()
    ''', ["ACK401"])
