"""Completion hooks and a retry decorator shared by the job modules."""
from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any, Awaitable, Callable, TypeVar

log = logging.getLogger("clipshop.hooks")
R = TypeVar("R")


def retry_async(times: int = 3) -> Callable[[Callable[..., Awaitable[R]]], Callable[..., Awaitable[R]]]:  # expect: clean
    def decorate(fn: Callable[..., Awaitable[R]]) -> Callable[..., Awaitable[R]]:
        @functools.wraps(fn)
        async def wrapper(*args: Any, **kwargs: Any) -> R:
            for attempt in range(times - 1):
                try:
                    return await fn(*args, **kwargs)
                except (OSError, asyncio.TimeoutError):
                    await asyncio.sleep(2**attempt)
            return await fn(*args, **kwargs)

        return wrapper

    return decorate


async def on_completed(job_id: str, url: str) -> None:  # expect: clean
    await asyncio.sleep(0)
    log.info("job %s done: %s", job_id, url)
