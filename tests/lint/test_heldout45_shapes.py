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
