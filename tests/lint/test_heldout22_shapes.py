"""Shapes found missing or over-reported on a twenty-second held-out set (flow through real handlers and
workers): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths

from .helpers import check_marked


def test_suppress_of_base_exception_around_an_await_swallows_cancellation():
    check_marked('''
        import asyncio
        import contextlib
        from contextlib import suppress

        RETRYABLE = (OSError, asyncio.CancelledError)

        async def keep_polling(source) -> None:
            while True:
                with contextlib.suppress(BaseException):  # ACK601
                    await source.poll()
                await asyncio.sleep(5)

        async def keep_polling_tuple(source) -> None:
            while True:
                with suppress(RETRYABLE):  # ACK601
                    await source.poll()
                await asyncio.sleep(5)

        async def keep_polling_errors(source) -> None:
            while True:
                with contextlib.suppress(Exception):
                    await source.poll()
                await asyncio.sleep(5)

        def close_quietly(handle) -> None:
            with contextlib.suppress(BaseException):
                handle.close()

        async def reap(task: asyncio.Task) -> None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    ''', ["ACK601"])
