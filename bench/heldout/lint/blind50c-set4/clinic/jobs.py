"""Celery jobs, and the async helpers they reuse."""
from __future__ import annotations

import asyncio
import logging

import httpx
from asgiref.sync import async_to_sync, sync_to_async
from celery import shared_task

log = logging.getLogger(__name__)


async def push_sms(number: str, text: str) -> None:  # expect: clean
    async with httpx.AsyncClient(timeout=5) as client:
        await client.post("https://sms.example/send", json={"to": number, "text": text})


@shared_task
def send_reminder(booking_id: int) -> bool:  # expect: clean  # near: blocking-call
    async_to_sync(push_sms)("+100000000", f"Reminder for booking {booking_id}")
    return True


async def remind_now(booking_id: int) -> None:  # expect: blocking-call
    async_to_sync(push_sms)("+100000000", f"Reminder for booking {booking_id}")


async def remind_many(booking_ids: list[int]) -> None:  # expect: clean  # near: blocking-call
    await asyncio.gather(*(push_sms("+100000000", f"Reminder for {b}") for b in booking_ids))


def _mark_sent(booking_id: int) -> None:
    log.info("booking %s reminded", booking_id)


async def record_reminder(booking_id: int) -> None:  # expect: unawaited-coroutine
    sync_to_async(_mark_sent)(booking_id)


async def record_reminder_awaited(booking_id: int) -> None:  # expect: clean  # near: unawaited-coroutine
    await sync_to_async(_mark_sent)(booking_id)
