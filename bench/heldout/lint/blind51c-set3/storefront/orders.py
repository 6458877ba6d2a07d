"""The order pipeline: accept, charge, fulfil, notify."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Awaitable, Callable, Protocol

log = logging.getLogger(__name__)


@dataclass
class Order:
    id: str
    email: str
    lines: list[tuple[str, int]] = field(default_factory=list)


class Payments(Protocol):
    async def charge(self, order: Order) -> str: ...
    async def refund(self, charge_id: str) -> None: ...


class Pipeline:  # expect: unawaited-coroutine
    def __init__(self, payments: Payments) -> None:
        self.payments = payments

    async def cancel(self, order: Order, charge_id: str) -> None:
        log.info("cancelling %s", order.id)
        self.payments.refund(charge_id)


class SafePipeline:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, payments: Payments) -> None:
        self.payments = payments

    async def cancel(self, order: Order, charge_id: str) -> None:
        log.info("cancelling %s", order.id)
        await self.payments.refund(charge_id)


async def accept_all(orders: list[Order], handle: Callable[[Order], Awaitable[None]]) -> None:  # expect: dangling-task
    for order in orders:
        asyncio.ensure_future(handle(order))


async def accept_all_bounded(orders: list[Order], handle: Callable[[Order], Awaitable[None]]) -> None:  # expect: clean  # near: dangling-task
    limit = asyncio.Semaphore(16)

    async def one(order: Order) -> None:
        async with limit:
            await handle(order)

    async with asyncio.TaskGroup() as tg:
        for order in orders:
            tg.create_task(one(order))


async def charge_with_retry(payments: Payments, order: Order, attempts: int = 3) -> str | None:  # expect: cancellation-swallowed
    for attempt in range(attempts):
        try:
            return await payments.charge(order)
        except:  # noqa: E722
            log.warning("charge %s failed (attempt %d)", order.id, attempt)
            await asyncio.sleep(attempt)
    return None


async def charge_with_retry_safe(payments: Payments, order: Order, attempts: int = 3) -> str | None:  # expect: clean  # near: cancellation-swallowed
    for attempt in range(attempts):
        try:
            return await payments.charge(order)
        except Exception:
            log.warning("charge %s failed (attempt %d)", order.id, attempt)
            await asyncio.sleep(attempt)
    return None


class FulfilmentQueue:  # expect: clean  # near: unbounded-queue
    def __init__(self, capacity: int = 500) -> None:
        self.queue: asyncio.Queue[Order] = asyncio.Queue(capacity)

    async def submit(self, order: Order) -> None:
        await self.queue.put(order)
