"""A notification service: e-mail over SMTP, SMS over a REST gateway, and a digest that goes out every morning."""
from __future__ import annotations

import asyncio
import email.message
import logging
import logging.handlers
import smtplib
import ssl
import threading
import time
from typing import Callable, Optional

import httpx
import requests

log = logging.getLogger("notify")


class Mailer:  # expect: clean
    def __init__(self, host: str, port: int = 587) -> None:
        self.host = host
        self.port = port

    def send(self, to: str, subject: str, body: str) -> None:
        msg = email.message.EmailMessage()
        msg["To"], msg["Subject"] = to, subject
        msg.set_content(body)
        with smtplib.SMTP(self.host, self.port) as smtp:
            smtp.starttls(context=ssl.create_default_context())
            smtp.send_message(msg)


async def send_welcome(mailer: Mailer, to: str) -> None:  # expect: blocking-call
    mailer.send(to, "Welcome", "Glad to have you.")


async def send_welcome_offloaded(mailer: Mailer, to: str) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(mailer.send, to, "Welcome", "Glad to have you.")


def sms_client() -> requests.Session:  # expect: clean
    session = requests.Session()
    session.auth = ("api", "secret")
    return session


async def send_sms(number: str, text: str) -> int:  # expect: blocking-call
    client = sms_client()
    resp = client.post("https://sms.example/send", data={"to": number, "text": text}, timeout=10)
    return resp.status_code


async def send_sms_async(client: httpx.AsyncClient, number: str, text: str) -> int:  # expect: clean  # near: blocking-call
    resp = await client.post("https://sms.example/send", data={"to": number, "text": text})
    return resp.status_code


class Throttle:  # expect: lock-across-await
    """At most one message per recipient per minute."""

    def __init__(self) -> None:
        self._last: dict[str, float] = {}
        self._guard = threading.Lock()

    async def admit(self, recipient: str, send: Callable) -> bool:
        with self._guard:
            if time.monotonic() - self._last.get(recipient, 0) < 60:
                return False
            self._last[recipient] = time.monotonic()
            await send()
            return True


class FairThrottle:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._last: dict[str, float] = {}
        self._guard = threading.Lock()

    async def admit(self, recipient: str, send: Callable) -> bool:
        with self._guard:
            if time.monotonic() - self._last.get(recipient, 0) < 60:
                return False
            self._last[recipient] = time.monotonic()
        await send()
        return True


class AlertHandler(logging.Handler):  # expect: thread-unsafe-capture
    """Forwards ERROR records to the on-call channel; logging calls come from any thread."""

    def __init__(self, alerts: asyncio.Queue) -> None:
        super().__init__(level=logging.ERROR)
        self.alerts = alerts

    def emit(self, record: logging.LogRecord) -> None:
        self.alerts.put_nowait(self.format(record))


class LoopAlertHandler(logging.Handler):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, alerts: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(level=logging.ERROR)
        self.alerts = alerts
        self.loop = loop

    def emit(self, record: logging.LogRecord) -> None:
        self.loop.call_soon_threadsafe(self.alerts.put_nowait, self.format(record))


class Outbox:  # expect: unbounded-queue
    def __init__(self, maxsize: Optional[int] = None) -> None:
        self.items: asyncio.Queue[tuple[str, str]] = asyncio.Queue(maxsize or 0)

    async def add(self, to: str, body: str) -> None:
        await self.items.put((to, body))


class CappedOutbox:  # expect: clean  # near: unbounded-queue
    def __init__(self, maxsize: int = 1000) -> None:
        self.items: asyncio.Queue[tuple[str, str]] = asyncio.Queue(maxsize)

    async def add(self, to: str, body: str) -> None:
        await self.items.put((to, body))


async def morning_digest(build: Callable, send: Callable, hour: int = 7) -> None:  # expect: blocking-call
    while True:
        now = time.localtime()
        wait = ((hour - now.tm_hour) % 24) * 3600 - now.tm_min * 60 - now.tm_sec
        time.sleep(max(wait, 60))
        await send(await build())


async def morning_digest_async(build: Callable, send: Callable, hour: int = 7) -> None:  # expect: clean  # near: blocking-call
    while True:
        now = time.localtime()
        wait = ((hour - now.tm_hour) % 24) * 3600 - now.tm_min * 60 - now.tm_sec
        await asyncio.sleep(max(wait, 60))
        await send(await build())


async def deliver_all(outbox: CappedOutbox, mailer: Mailer) -> None:  # expect: cancellation-swallowed
    while True:
        to, body = await outbox.items.get()
        try:
            await asyncio.to_thread(mailer.send, to, "Notice", body)
        except (OSError, asyncio.CancelledError):
            log.warning("could not deliver to %s; will retry", to)
            await outbox.items.put((to, body))


async def deliver_all_shielded(outbox: CappedOutbox, mailer: Mailer) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        to, body = await outbox.items.get()
        try:
            await asyncio.to_thread(mailer.send, to, "Notice", body)
        except OSError:
            log.warning("could not deliver to %s; will retry", to)
            await outbox.items.put((to, body))


async def fan_out(recipients: list[str], client: httpx.AsyncClient) -> None:  # expect: dangling-task
    for number in recipients:
        _ = asyncio.ensure_future(send_sms_async(client, number, "Service restored"))


async def fan_out_gathered(recipients: list[str], client: httpx.AsyncClient) -> None:  # expect: clean  # near: dangling-task
    await asyncio.gather(*(send_sms_async(client, number, "Service restored") for number in recipients))


def schedule_reminder(loop: asyncio.AbstractEventLoop, client: httpx.AsyncClient, number: str) -> threading.Timer:  # expect: unawaited-coroutine
    timer = threading.Timer(3600, send_sms_async, args=(client, number, "Reminder"))
    timer.start()
    return timer


def schedule_reminder_safely(loop: asyncio.AbstractEventLoop, client: httpx.AsyncClient, number: str) -> asyncio.TimerHandle:  # expect: dangling-task  # near: unawaited-coroutine
    return loop.call_later(3600, lambda: asyncio.ensure_future(send_sms_async(client, number, "Reminder")))
