"""A helpdesk mailer: outgoing notices over SMTP, an IMAP poller turning replies into ticket comments."""
from __future__ import annotations

import asyncio
import contextlib
import email
import imaplib
import logging
import smtplib
import ssl
import threading
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Optional, Union

import aioimaplib
import aiosmtplib

log = logging.getLogger("helpdesk.mail")
SMTP_HOST = "smtp.example.org"
IMAP_HOST = "imap.example.org"
TLS = ssl.create_default_context()


def build_notice(to: str, subject: str, body: str) -> EmailMessage:  # expect: clean
    msg = EmailMessage()
    msg["From"] = "helpdesk@example.org"
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    return msg


def smtp_session(user: str, password: str) -> smtplib.SMTP_SSL:  # expect: clean
    conn = smtplib.SMTP_SSL(SMTP_HOST, 465, timeout=20)
    conn.login(user, password)
    return conn


async def send_notice(to: str, subject: str, body: str) -> None:  # expect: unawaited-coroutine
    msg = build_notice(to, subject, body)
    aiosmtplib.send(msg, hostname=SMTP_HOST, port=465, use_tls=True)
    log.info("notice to %s queued", to)


async def send_notice_ok(to: str, subject: str, body: str) -> None:  # expect: clean  # near: unawaited-coroutine
    msg = build_notice(to, subject, body)
    await aiosmtplib.send(msg, hostname=SMTP_HOST, port=465, use_tls=True)


class LegacyRelay:  # expect: blocking-call
    """The on-prem relay only speaks to smtplib; one connection kept between sends."""

    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user, password
        self.conn: Optional[smtplib.SMTP_SSL] = None

    def connect(self) -> None:
        self.conn = smtp_session(self.user, self.password)

    async def deliver(self, msg: EmailMessage) -> None:
        if self.conn is None:
            self.connect()
        self.conn.send_message(msg)


class LegacyRelayOk:  # expect: clean  # near: blocking-call
    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user, password
        self.conn: Optional[smtplib.SMTP_SSL] = None

    def _deliver_sync(self, msg: EmailMessage) -> None:
        if self.conn is None:
            self.conn = smtp_session(self.user, self.password)
        self.conn.send_message(msg)

    async def deliver(self, msg: EmailMessage) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self._deliver_sync, msg)


async def digest(relay: smtplib.SMTP, recipients: list[str], body: str) -> None:  # expect: blocking-call
    for rcpt in recipients:
        relay.sendmail("helpdesk@example.org", [rcpt], body)
        await asyncio.sleep(0)


class Outbox:  # expect: lock-across-await
    """One aiosmtplib connection shared by the web handlers and a sync bounce thread."""

    def __init__(self) -> None:
        self.smtp = aiosmtplib.SMTP(hostname=SMTP_HOST, port=465, use_tls=True)
        self._conn_lock = threading.Lock()
        self.sent = 0

    async def send(self, msg: EmailMessage) -> None:
        with self._conn_lock:
            if not self.smtp.is_connected:
                await self.smtp.connect()
            await self.smtp.send_message(msg)
            self.sent += 1


class OutboxOk:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self.smtp = aiosmtplib.SMTP(hostname=SMTP_HOST, port=465, use_tls=True)
        self._conn_lock = asyncio.Lock()
        self._count_lock = threading.Lock()
        self.sent = 0

    async def send(self, msg: EmailMessage) -> None:
        async with self._conn_lock:
            if not self.smtp.is_connected:
                await self.smtp.connect()
            await self.smtp.send_message(msg)
        with self._count_lock:
            self.sent += 1


class Outbox2:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.smtp: aiosmtplib.SMTP = aiosmtplib.SMTP(hostname=SMTP_HOST, port=587, start_tls=True)

    async def close(self) -> None:
        if self.smtp.is_connected:
            self.smtp.quit()


async def unseen_uids(imap: imaplib.IMAP4_SSL) -> list[bytes]:  # expect: blocking-call
    imap.select("INBOX")
    _typ, data = imap.uid("search", None, "UNSEEN")
    return data[0].split()


def fetch_unseen_sync(user: str, password: str) -> list[bytes]:  # expect: clean  # near: blocking-call
    with imaplib.IMAP4_SSL(IMAP_HOST) as imap:
        imap.login(user, password)
        imap.select("INBOX")
        _typ, data = imap.uid("search", None, "UNSEEN")
        return [imap.uid("fetch", uid, "(RFC822)")[1][0][1] for uid in data[0].split()]


async def poll_once(user: str, password: str) -> list[bytes]:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(fetch_unseen_sync, user, password)


MailClient = Union[aioimaplib.IMAP4_SSL, aioimaplib.IMAP4]


async def open_mailbox(user: str, password: str) -> MailClient:  # expect: clean
    client = aioimaplib.IMAP4_SSL(host=IMAP_HOST, ssl_context=TLS)
    await client.wait_hello_from_server()
    await client.login(user, password)
    await client.select("INBOX")
    return client


async def mark_seen(client: MailClient, uid: str) -> None:  # expect: unawaited-coroutine
    client.uid("store", uid, "+FLAGS", r"(\Seen)")


async def idle_loop(user: str, password: str, on_mail) -> None:  # expect: clean  # near: unawaited-coroutine
    client = await open_mailbox(user, password)
    while True:
        idle = await client.idle_start(timeout=300)
        push = await client.wait_server_push()
        client.idle_done()
        await asyncio.wait_for(idle, 30)
        if any(b"EXISTS" in line for line in push if isinstance(line, bytes)):
            await on_mail()


async def idle_forever(user: str, password: str, on_mail) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await idle_loop(user, password, on_mail)
        except:  # noqa: E722
            log.exception("IMAP idle failed, retrying in 30 s")
        await asyncio.sleep(30)


async def idle_forever_ok(user: str, password: str, on_mail) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await idle_loop(user, password, on_mail)
        except (aioimaplib.CommandTimeout, OSError, asyncio.TimeoutError):
            log.exception("IMAP idle failed, retrying in 30 s")
        await asyncio.sleep(30)


async def to_comment(raw: bytes, post_comment) -> None:  # expect: clean  # near: blocking-call
    msg = email.message_from_bytes(raw, policy=default_policy)
    part = msg.get_body(preferencelist=("plain",))
    await post_comment(msg["Message-ID"], part.get_content() if part else "")


async def close_mailbox(client: MailClient) -> None:  # expect: cancellation-swallowed
    with contextlib.suppress(BaseException):
        await client.logout()
    log.info("mailbox closed")
