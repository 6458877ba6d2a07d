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
