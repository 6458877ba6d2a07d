"""Outbound notifications for the shop: receipts by e-mail, partner webhooks, a tracked set of background sends."""
from __future__ import annotations

import asyncio
import logging

import aiosmtplib
import httpx

log = logging.getLogger(__name__)

_pending: set[asyncio.Task] = set()
_outbox: list[tuple[str, dict]] = []


async def send_receipt(order_id: str, email: str) -> None:  # expect: clean
    message = f"Subject: Your order {order_id}\n\nThank you for shopping with us."
    await aiosmtplib.send(message, sender="shop@example.com", recipients=[email], hostname="smtp.internal")


async def post_webhook(url: str, payload: dict) -> int:  # expect: clean
    async with httpx.AsyncClient(timeout=5) as client:
        response = await client.post(url, json=payload)
        return response.status_code


def queue_webhook(url: str, payload: dict) -> None:  # expect: clean
    """Kept for the nightly batch: the partner asked for one call a day."""
    _outbox.append((url, payload))


def spawn(coro) -> asyncio.Task:  # expect: clean
    return asyncio.get_running_loop().create_task(coro)


def spawn_tracked(coro) -> asyncio.Task:  # expect: clean
    task = asyncio.get_running_loop().create_task(coro)
    _pending.add(task)
    task.add_done_callback(_pending.discard)
    return task


async def flush_outbox() -> int:  # expect: clean
    sent = 0
    while _outbox:
        url, payload = _outbox.pop()
        if await post_webhook(url, payload) < 300:
            sent += 1
    return sent


async def drain_pending(timeout: float = 5.0) -> None:  # expect: clean
    if _pending:
        done, still_running = await asyncio.wait(set(_pending), timeout=timeout)
        for task in still_running:
            task.cancel()
