"""Rider and driver notifications: push, SMS and the webhook to partners."""
from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage
from typing import Iterable, Protocol

import aiosmtplib

log = logging.getLogger(__name__)


class Pusher(Protocol):
    async def push(self, device: str, title: str, body: str) -> None: ...


class Notifier:  # expect: unawaited-coroutine
    def __init__(self, pusher: Pusher) -> None:
        self.pusher = pusher

    async def driver_arriving(self, device: str, minutes: float) -> None:
        self.pusher.push(device, "Your driver is on the way", f"Arriving in {minutes:.0f} min")


class NotifierAwaited:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, pusher: Pusher) -> None:
        self.pusher = pusher

    async def driver_arriving(self, device: str, minutes: float) -> None:
        await self.pusher.push(device, "Your driver is on the way", f"Arriving in {minutes:.0f} min")


class Broadcaster:  # expect: dangling-task, ?unbounded-spawn
    def __init__(self, pusher: Pusher) -> None:
        self.pusher = pusher

    async def to_all(self, devices: Iterable[str], title: str, body: str) -> None:
        for device in devices:
            task = asyncio.create_task(self.pusher.push(device, title, body))
            task.set_name(f"push:{device}")


class TrackedBroadcaster:  # expect: clean, ?unbounded-spawn  # near: dangling-task
    def __init__(self, pusher: Pusher) -> None:
        self.pusher = pusher
        self._tasks: set[asyncio.Task] = set()

    async def to_all(self, devices: Iterable[str], title: str, body: str) -> None:
        for device in devices:
            task = asyncio.create_task(self.pusher.push(device, title, body))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)


async def email_receipt(to: str, body: str, host: str = "smtp.internal") -> None:  # expect: blocking-call
    msg = EmailMessage()
    msg["To"], msg["Subject"] = to, "Your ride receipt"
    msg.set_content(body)
    with smtplib.SMTP(host, 587, timeout=10) as smtp:
        smtp.starttls()
        smtp.send_message(msg)


async def email_receipt_async(to: str, body: str, host: str = "smtp.internal") -> None:  # expect: clean  # near: blocking-call
    msg = EmailMessage()
    msg["To"], msg["Subject"] = to, "Your ride receipt"
    msg.set_content(body)
    await aiosmtplib.send(msg, hostname=host, port=587, start_tls=True, timeout=10)


async def notify_partners(client, urls: list[str], event: dict) -> int:  # expect: cancellation-swallowed
    sent = 0
    for url in urls:
        try:
            await client.post(url, json=event, timeout=5)
            sent += 1
        except:  # noqa: E722
            log.warning("partner %s unreachable", url)
    return sent


async def notify_partners_bounded(client, urls: list[str], event: dict) -> int:  # expect: clean  # near: cancellation-swallowed
    sent = 0
    for url in urls:
        try:
            await client.post(url, json=event, timeout=5)
            sent += 1
        except Exception:
            log.warning("partner %s unreachable", url)
    return sent


async def send_later(notifier: NotifierAwaited, device: str, delay: float) -> None:  # expect: unawaited-coroutine
    loop = asyncio.get_running_loop()
    loop.call_later(delay, notifier.driver_arriving, device, 2)


async def send_later_scheduled(notifier: NotifierAwaited, device: str, delay: float) -> asyncio.TimerHandle:  # expect: dangling-task  # near: unawaited-coroutine
    loop = asyncio.get_running_loop()
    return loop.call_later(delay, lambda: loop.create_task(notifier.driver_arriving(device, 2)))
