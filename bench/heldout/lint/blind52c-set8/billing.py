"""A billing service: invoices rendered and mailed, payments reconciled, webhooks from the payment provider."""
from __future__ import annotations

import asyncio
import csv
import hashlib
import hmac
import io
import json
import logging
import smtplib
import ssl
from decimal import Decimal
from email.message import EmailMessage
from typing import Any, Awaitable, Callable, Iterable

import httpx

log = logging.getLogger("billing")


class Mailer:  # expect: blocking-call
    def __init__(self, host: str, port: int = 587) -> None:
        self.host = host
        self.port = port

    def _send(self, msg: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
            smtp.starttls(context=ssl.create_default_context())
            smtp.send_message(msg)

    async def send_invoice(self, to: str, pdf: bytes) -> None:
        msg = EmailMessage()
        msg["To"] = to
        msg["Subject"] = "Your invoice"
        msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="invoice.pdf")
        self._send(msg)


class QueuedMailer:  # expect: clean  # near: blocking-call
    def __init__(self, host: str, port: int = 587) -> None:
        self.host = host
        self.port = port

    def _send(self, msg: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
            smtp.send_message(msg)

    async def send_invoice(self, to: str, pdf: bytes) -> None:
        msg = EmailMessage()
        msg["To"] = to
        msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="invoice.pdf")
        await asyncio.to_thread(self._send, msg)


def verify_signature(secret: bytes, body: bytes, signature: str) -> bool:  # expect: clean
    digest = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(digest, signature)


class WebhookReceiver:  # expect: dangling-task, unawaited-coroutine
    def __init__(self, secret: bytes, reconcile: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
        self.secret = secret
        self.reconcile = reconcile

    async def audit(self, event: dict[str, Any]) -> None:
        await asyncio.sleep(0)
        log.info("event %s", event.get("id"))

    async def receive(self, body: bytes, signature: str) -> int:
        if not verify_signature(self.secret, body, signature):
            return 401
        event = json.loads(body)
        self.audit(event)
        asyncio.create_task(self.reconcile(event))
        return 200


class CarefulWebhookReceiver:  # expect: clean  # near: dangling-task
    def __init__(self, secret: bytes, reconcile: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
        self.secret = secret
        self.reconcile = reconcile
        self._pending: set[asyncio.Task[None]] = set()

    async def receive(self, body: bytes, signature: str) -> int:
        if not verify_signature(self.secret, body, signature):
            return 401
        task = asyncio.create_task(self.reconcile(json.loads(body)))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)
        return 200


def totals(rows: Iterable[dict[str, str]]) -> dict[str, Decimal]:  # expect: clean
    out: dict[str, Decimal] = {}
    for row in rows:
        out[row["account"]] = out.get(row["account"], Decimal(0)) + Decimal(row["amount"])
    return out


async def reconcile_export(client: httpx.AsyncClient, url: str) -> dict[str, Decimal]:  # expect: clean  # near: blocking-call
    resp = await client.get(url)
    resp.raise_for_status()
    return totals(csv.DictReader(io.StringIO(resp.text)))


async def reconcile_file(path: str) -> dict[str, Decimal]:  # expect: blocking-call
    with open(path, newline="") as fh:
        return totals(csv.DictReader(fh))


def fetch_rates_sync(base: str) -> dict[str, float]:  # expect: clean
    async def fetch() -> dict[str, float]:
        async with httpx.AsyncClient() as client:
            resp = await client.get(f"https://rates.example/{base}")
            return resp.json()

    return asyncio.run(fetch())


async def convert(amount: Decimal, currency: str) -> Decimal:  # expect: blocking-call
    rates = fetch_rates_sync("EUR")
    return amount * Decimal(str(rates[currency]))


async def convert_offloaded(amount: Decimal, currency: str) -> Decimal:  # expect: clean  # near: blocking-call
    rates = await asyncio.to_thread(fetch_rates_sync, "EUR")
    return amount * Decimal(str(rates[currency]))


class Ledger:  # expect: unawaited-coroutine
    def __init__(self, db) -> None:
        self.db = db

    async def post(self, account: str, amount: Decimal) -> None:
        await self.db.execute("INSERT INTO ledger VALUES ($1, $2)", account, amount)

    async def transfer(self, src: str, dst: str, amount: Decimal) -> None:
        await self.post(src, -amount)
        self.post(dst, amount)


async def charge_all(accounts: list[str], charge: Callable[[str], Awaitable[bool]]) -> list[bool]:  # expect: clean  # near: unawaited-coroutine
    return await asyncio.gather(*map(charge, accounts))
