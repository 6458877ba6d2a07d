"""Small async helpers of an SDK client."""
from __future__ import annotations

import asyncio
import contextlib
import logging

log = logging.getLogger("sdk")


async def quietly(aw, default=None):  # expect: cancellation-swallowed
    try:
        return await aw
    except asyncio.CancelledError:
        log.debug("call interrupted")
        return default


async def cancel_and_wait(task: asyncio.Task) -> None:  # expect: clean, ?cancellation-swallowed  # near: cancellation-swallowed
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def with_logging(aw):  # expect: clean  # near: cancellation-swallowed
    try:
        return await aw
    except asyncio.CancelledError:
        log.debug("call interrupted")
        raise
