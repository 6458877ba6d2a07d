"""Background workers of the relay bot: delivery retries and the history writer."""
from __future__ import annotations

import asyncio
import logging

from ..core.clients import RETRYABLE, History, is_fatal

log = logging.getLogger("relay.workers")


async def deliver(send, message) -> bool:  # expect: cancellation-swallowed
    for attempt in range(5):
        try:
            await send(message)
            return True
        except RETRYABLE:
            await asyncio.sleep(2**attempt)
    return False


async def deliver_ok(send, message) -> bool:  # expect: clean  # near: cancellation-swallowed
    for attempt in range(5):
        try:
            await send(message)
            return True
        except (ConnectionError, TimeoutError):
            await asyncio.sleep(2**attempt)
    return False


async def write_history(history: History, queue: asyncio.Queue) -> None:  # expect: cancellation-swallowed
    while True:
        room, text = await queue.get()
        try:
            await history.append(room, text)
        except BaseException as exc:
            if is_fatal(exc):
                raise
            log.warning("history write failed: %r", exc)


async def write_history_ok(history: History, queue: asyncio.Queue) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        room, text = await queue.get()
        try:
            await history.append(room, text)
        except Exception as exc:
            if is_fatal(exc):
                raise
            log.warning("history write failed: %r", exc)
