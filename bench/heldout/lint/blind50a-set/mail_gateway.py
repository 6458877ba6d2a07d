"""Support inbox gateway: fetches tickets over IMAP/POP3, answers over SMTP, with the asyncio clients where ported."""
from __future__ import annotations

import asyncio
import email
import functools
import imaplib
import logging
import poplib
import smtplib
import ssl
from email.message import EmailMessage
from typing import Awaitable, Callable, Optional, Protocol, Union

import aioimaplib
import aiosmtplib

log = logging.getLogger("mail")
IMAP_HOST = "imap.example.org"
SMTP_HOST = "smtp.example.org"
SmtpLike = Union[smtplib.SMTP, smtplib.SMTP_SSL]


class Mailer(Protocol):  # expect: clean
    async def send(self, msg: EmailMessage) -> None: ...


def build_reply(original: email.message.Message, body: str) -> EmailMessage:  # expect: clean
    reply = EmailMessage()
    reply["To"] = original.get("Reply-To", original["From"])
    reply["Subject"] = "Re: " + original.get("Subject", "")
    reply["In-Reply-To"] = original.get("Message-ID", "")
    reply.set_content(body)
    return reply


def open_imap(user: str, password: str) -> imaplib.IMAP4_SSL:  # expect: clean
    conn = imaplib.IMAP4_SSL(IMAP_HOST, ssl_context=ssl.create_default_context())
    conn.login(user, password)
    return conn


def smtp_factory(port: int = 465) -> SmtpLike:  # expect: clean
    if port == 465:
        return smtplib.SMTP_SSL(SMTP_HOST, port, timeout=20)
    return smtplib.SMTP(SMTP_HOST, port, timeout=20)


async def fetch_unseen(user: str, password: str) -> list[bytes]:  # expect: blocking-call
    conn = open_imap(user, password)
    conn.select("INBOX")
    _, data = conn.search(None, "UNSEEN")
    return data[0].split()


async def fetch_unseen_offloaded(user: str, password: str) -> list[bytes]:  # expect: clean  # near: blocking-call
    def _search() -> list[bytes]:
        conn = open_imap(user, password)
        try:
            conn.select("INBOX")
            _, data = conn.search(None, "UNSEEN")
            return data[0].split()
        finally:
            conn.logout()

    return await asyncio.to_thread(_search)


async def fetch_message(conn: imaplib.IMAP4, uid: bytes) -> email.message.Message:  # expect: blocking-call
    _, parts = conn.fetch(uid, "(RFC822)")
    return email.message_from_bytes(parts[0][1])


async def parse_message(raw: bytes) -> email.message.Message:  # expect: clean  # near: blocking-call
    return email.message_from_bytes(raw)


class PopArchiver:  # expect: blocking-call
    def __init__(self, host: str) -> None:
        self.host = host
        self.conn: Optional[poplib.POP3_SSL] = None

    def connect(self, user: str, password: str) -> None:
        self.conn = poplib.POP3_SSL(self.host, timeout=30)
        self.conn.user(user)
        self.conn.pass_(password)

    async def archive_all(self) -> int:
        assert self.conn is not None
        count, _ = self.conn.stat()
        for i in range(1, count + 1):
            _, lines, _ = self.conn.retr(i)
            log.debug("archived %d lines", len(lines))
        return count


async def send_blocking(msg: EmailMessage) -> None:  # expect: blocking-call
    with smtp_factory() as smtp:
        smtp.login("support", "secret")
        smtp.send_message(msg)


async def send_async(msg: EmailMessage) -> None:  # expect: clean  # near: blocking-call
    await aiosmtplib.send(msg, hostname=SMTP_HOST, port=465, use_tls=True, username="support", password="secret")


class AsyncMailer:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.smtp = aiosmtplib.SMTP(hostname=SMTP_HOST, port=465, use_tls=True)

    async def start(self) -> None:
        await self.smtp.connect()
        await self.smtp.login("support", "secret")

    async def send(self, msg: EmailMessage) -> None:
        await self.smtp.send_message(msg)

    async def close(self) -> None:
        self.smtp.quit()


class AsyncMailerOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self.smtp = aiosmtplib.SMTP(hostname=SMTP_HOST, port=465, use_tls=True)

    async def start(self) -> None:
        await self.smtp.connect()
        await self.smtp.login("support", "secret")

    async def send(self, msg: EmailMessage) -> None:
        await self.smtp.send_message(msg)

    async def close(self) -> None:
        await self.smtp.quit()


async def answer_ticket(mailer: Mailer, original: email.message.Message, body: str) -> None:  # expect: unawaited-coroutine
    reply = build_reply(original, body)
    mailer.send(reply)
    log.info("answered %s", original.get("Message-ID"))


async def answer_ticket_ok(mailer: Mailer, original: email.message.Message, body: str) -> None:  # expect: clean  # near: unawaited-coroutine
    reply = build_reply(original, body)
    await mailer.send(reply)
    log.info("answered %s", original.get("Message-ID"))


class ImapWatcher:  # expect: unawaited-coroutine
    def __init__(self, user: str, password: str) -> None:
        self.client = aioimaplib.IMAP4_SSL(host=IMAP_HOST)
        self.user = user
        self.password = password

    async def open(self) -> None:
        await self.client.wait_hello_from_server()
        await self.client.login(self.user, self.password)
        await self.client.select("INBOX")

    async def idle_once(self) -> list[str]:
        idle = await self.client.idle_start(timeout=60)
        lines = await self.client.wait_server_push()
        self.client.idle_done()
        await asyncio.wait_for(idle, 5)
        return [str(x) for x in lines]

    async def close(self) -> None:
        self.client.logout()


class ImapWatcherOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, user: str, password: str) -> None:
        self.client = aioimaplib.IMAP4_SSL(host=IMAP_HOST)
        self.user = user
        self.password = password

    async def open(self) -> None:
        await self.client.wait_hello_from_server()
        await self.client.login(self.user, self.password)
        await self.client.select("INBOX")

    async def idle_once(self) -> list[str]:
        idle = await self.client.idle_start(timeout=60)
        lines = await self.client.wait_server_push()
        self.client.idle_done()
        await asyncio.wait_for(idle, 5)
        return [str(x) for x in lines]

    async def close(self) -> None:
        await self.client.logout()


def with_mail_retries(fn: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:  # expect: cancellation-swallowed
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs) -> None:
        while True:
            try:
                await fn(*args, **kwargs)
                return
            except (aiosmtplib.SMTPException, OSError):
                await asyncio.sleep(30)
            except:  # noqa: E722  a bad message must not stop the queue
                log.exception("giving up on %s", fn.__name__)
                return

    return wrapper


@with_mail_retries
async def deliver(mailer: Mailer, msg: EmailMessage) -> None:  # expect: clean
    await mailer.send(msg)


class OutboxPump:  # expect: unawaited-coroutine
    """Sends what piles up in the outbox; the partial keeps the mailer bound for the scheduler."""

    def __init__(self, mailer: Mailer) -> None:
        self.mailer = mailer
        self.outbox: list[EmailMessage] = []

    async def pump(self) -> int:
        send = functools.partial(deliver, self.mailer)
        sent = 0
        while self.outbox:
            send(self.outbox.pop(0))
            sent += 1
        return sent


class OutboxPumpOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, mailer: Mailer) -> None:
        self.mailer = mailer
        self.outbox: list[EmailMessage] = []

    async def pump(self) -> int:
        send = functools.partial(deliver, self.mailer)
        sent = 0
        while self.outbox:
            await send(self.outbox.pop(0))
            sent += 1
        return sent


async def legacy_poll(mailer: Mailer, inbox: "asyncio.Queue[EmailMessage]") -> None:  # expect: ?cancellation-swallowed
    # this module still runs on the 3.7 appliance image, where CancelledError is an Exception
    while True:
        try:
            msg = await inbox.get()
            await mailer.send(msg)
        except Exception:
            log.exception("send failed")
