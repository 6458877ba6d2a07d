"""The checkout service: runs on the web framework's event loop."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import httpx

from . import clients
from .clients import Locks, make_async_http

from shop import PaymentClient, make_cache, make_http

log = logging.getLogger("shop.checkout")


@dataclass
class Order:  # expect: clean
    order_id: str
    cents: int
    token: str


async def stock_ok(order: Order) -> bool:  # expect: blocking-call
    http = make_http("https://stock.example")
    return http.get(f"/reserve/{order.order_id}").status_code == 200


async def stock_ok_async(order: Order) -> bool:  # expect: clean  # near: blocking-call
    async with make_async_http("https://stock.example") as http:
        return (await http.get(f"/reserve/{order.order_id}")).status_code == 200


async def cached_price(sku: str) -> int:  # expect: blocking-call
    cache = make_cache("redis://cache")
    raw = cache.get(f"price:{sku}")
    return int(raw or 0)


async def pay(order: Order, payments: PaymentClient) -> dict:  # expect: blocking-call
    return payments.charge(order.cents, order.token)


async def pay_offloaded(order: Order, payments: PaymentClient) -> dict:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(payments.charge, order.cents, order.token)


async def place(order: Order, payments: PaymentClient, notify) -> None:  # expect: lock-across-await
    with Locks.for_order(order.order_id):
        receipt = await pay_offloaded(order, payments)
        await notify(receipt)


async def place_async_locked(order: Order, payments: PaymentClient, notify) -> None:  # expect: clean  # near: lock-across-await
    async with Locks.async_for_order(order.order_id):
        receipt = await pay_offloaded(order, payments)
        await notify(receipt)


class Mailer:  # expect: unbounded-queue
    def __init__(self) -> None:
        self.outbox = clients.inbox()

    async def queue(self, to: str, body: str) -> None:
        await self.outbox.put((to, body))


class BoundedMailer:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self.outbox = clients.bounded_inbox()

    async def queue(self, to: str, body: str) -> None:
        await self.outbox.put((to, body))


async def confirm(order: Order, client: httpx.AsyncClient) -> None:  # expect: dangling-task
    asyncio.create_task(client.post("/confirmations", json={"order": order.order_id})).add_done_callback(
        lambda t: log.info("confirmation sent for %s", order.order_id))


async def finish(order: Order, payments: PaymentClient, notify) -> None:  # expect: unawaited-coroutine
    if not await stock_ok_async(order):
        return
    place_async_locked(order, payments, notify)
