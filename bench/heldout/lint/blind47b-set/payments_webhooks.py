"""Payment service: provider webhooks in, merchant webhooks out, a ledger and the settlement listener."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import threading

import httpx
import pika
import stripe
from aiohttp import web

log = logging.getLogger("payments")

HANDLED = {"payment_intent.succeeded", "charge.refunded", "charge.dispute.created"}
MAX_OUTBOUND = 10_000


async def process_event(app: web.Application, event: dict) -> None:  # expect: clean
    await app["ledger"].apply(event)


async def stripe_webhook(request: web.Request) -> web.Response:  # expect: dangling-task
    payload = await request.read()
    try:
        event = stripe.Webhook.construct_event(payload, request.headers["Stripe-Signature"], request.app["secret"])
    except (ValueError, stripe.error.SignatureVerificationError):
        return web.Response(status=400)
    if event["type"] in HANDLED:
        asyncio.ensure_future(process_event(request.app, event))
    return web.Response(status=200)


async def stripe_webhook_tracked(request: web.Request) -> web.Response:  # expect: clean  # near: dangling-task
    payload = await request.read()
    try:
        event = stripe.Webhook.construct_event(payload, request.headers["Stripe-Signature"], request.app["secret"])
    except (ValueError, stripe.error.SignatureVerificationError):
        return web.Response(status=400)
    if event["type"] in HANDLED:
        background: set = request.app["background"]
        task = asyncio.ensure_future(process_event(request.app, event))
        background.add(task)
        task.add_done_callback(background.discard)
    return web.Response(status=200)


async def capture_payment(order) -> str:  # expect: blocking-call
    intent = stripe.PaymentIntent.capture(order.intent_id, amount_to_capture=order.amount)
    order.status = intent.status
    return intent.status


async def capture_payment_async(order) -> str:  # expect: clean  # near: blocking-call
    intent = await stripe.PaymentIntent.capture_async(order.intent_id, amount_to_capture=order.amount)
    order.status = intent.status
    return intent.status


class Ledger:  # expect: unawaited-coroutine
    def __init__(self, db) -> None:
        self.db = db

    async def record(self, entry: dict) -> None:
        await self.db.execute("INSERT INTO ledger (account, amount, ref) VALUES ($1, $2, $3)",
                              entry["account"], entry["amount"], entry["ref"])

    async def settle(self, payout) -> None:
        for entry in payout.entries:
            self.record(entry)
        await self.db.execute("UPDATE payouts SET settled = true WHERE id = $1", payout.id)


class LedgerBatch:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, db) -> None:
        self.db = db
        self._rows: list[tuple] = []

    def record(self, entry: dict) -> None:
        self._rows.append((entry["account"], entry["amount"], entry["ref"]))

    async def settle(self, payout) -> None:
        for entry in payout.entries:
            self.record(entry)
        await self.db.executemany("INSERT INTO ledger (account, amount, ref) VALUES ($1, $2, $3)", self._rows)
        self._rows.clear()


async def deliver(client: httpx.AsyncClient, url: str, payload: dict, attempts: int = 5) -> bool:  # expect: cancellation-swallowed
    for attempt in range(attempts):
        try:
            r = await client.post(url, json=payload, timeout=10)
            if r.status_code < 500:
                return True
        except:
            log.warning("delivery to %s failed (attempt %d)", url, attempt)
        await asyncio.sleep(2**attempt)
    return False


async def deliver_errors_only(client: httpx.AsyncClient, url: str, payload: dict, attempts: int = 5) -> bool:  # expect: clean  # near: cancellation-swallowed
    for attempt in range(attempts):
        try:
            r = await client.post(url, json=payload, timeout=10)
            if r.status_code < 500:
                return True
        except (httpx.HTTPError, OSError):
            log.warning("delivery to %s failed (attempt %d)", url, attempt)
        await asyncio.sleep(2**attempt)
    return False


class OutboundWebhooks:  # expect: unbounded-queue
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.pending: asyncio.Queue[tuple[str, dict]] = asyncio.Queue()

    def enqueue(self, url: str, payload: dict) -> None:
        self.pending.put_nowait((url, payload))

    async def run(self) -> None:
        while True:
            url, payload = await self.pending.get()
            await deliver_errors_only(self.client, url, payload)


class Overloaded(Exception):  # expect: clean
    pass


class OutboundWebhooksShedding:  # expect: clean  # near: unbounded-queue
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.pending: asyncio.Queue[tuple[str, dict]] = asyncio.Queue()

    def enqueue(self, url: str, payload: dict) -> None:
        if self.pending.qsize() >= MAX_OUTBOUND:
            raise Overloaded(url)
        self.pending.put_nowait((url, payload))

    async def run(self) -> None:
        while True:
            url, payload = await self.pending.get()
            await deliver_errors_only(self.client, url, payload)


class IdempotencyStore:  # expect: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._seen: dict[str, object] = {}

    async def once(self, key: str, charge):
        self._lock.acquire()
        try:
            if key in self._seen:
                return self._seen[key]
            result = await charge()
            self._seen[key] = result
            return result
        finally:
            self._lock.release()


class IdempotencyStoreShort:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._seen: dict[str, asyncio.Future] = {}

    async def once(self, key: str, charge):
        with self._lock:
            fut = self._seen.get(key)
            owner = fut is None
            if owner:
                fut = self._seen[key] = asyncio.get_running_loop().create_future()
        if owner:
            fut.set_result(await charge())
        return await fut


def _log_refund(task: asyncio.Task) -> None:  # expect: clean
    if not task.cancelled() and task.exception():
        log.error("refund failed", exc_info=task.exception())


async def _refund_after(order, delay: float) -> None:  # expect: clean
    await asyncio.sleep(delay)
    await stripe.Refund.create_async(payment_intent=order.intent_id)


async def refund_later(order, delay: float) -> None:  # expect: dangling-task
    asyncio.create_task(_refund_after(order, delay)).add_done_callback(_log_refund)


class KeyRing:  # expect: clean
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def verify(self, body: bytes, signature: str) -> bool:
        keys = (await self.client.get("https://provider.example/keys")).json()
        return any(hmac.compare_digest(hmac.new(k.encode(), body, hashlib.sha256).hexdigest(), signature)
                   for k in keys)


async def provider_webhook(request: web.Request) -> web.Response:  # expect: unawaited-coroutine
    body = await request.read()
    keyring: KeyRing = request.app["keyring"]
    if not keyring.verify(body, request.headers.get("X-Signature", "")):
        return web.Response(status=401)
    await process_event(request.app, json.loads(body))
    return web.Response(status=204)


class StaticSecret:  # expect: clean
    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    def verify(self, body: bytes, signature: str) -> bool:
        return hmac.compare_digest(hmac.new(self.secret, body, hashlib.sha256).hexdigest(), signature)


async def partner_webhook(request: web.Request) -> web.Response:  # expect: clean  # near: unawaited-coroutine
    body = await request.read()
    checker = StaticSecret(request.app["partner_secret"])
    if not checker.verify(body, request.headers.get("X-Signature", "")):
        return web.Response(status=401)
    await process_event(request.app, json.loads(body))
    return web.Response(status=204)


class SettlementListener:  # expect: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, amqp_url: str) -> None:
        self.loop = loop
        self.amqp_url = amqp_url
        self.waiters: dict[str, asyncio.Future] = {}

    def _consume(self) -> None:
        conn = pika.BlockingConnection(pika.URLParameters(self.amqp_url))
        channel = conn.channel()
        for method, _props, body in channel.consume("settlements"):
            msg = json.loads(body)
            fut = self.waiters.pop(msg["payment_id"], None)
            if fut is not None:
                fut.set_result(msg)
            channel.basic_ack(method.delivery_tag)

    def start(self) -> None:
        threading.Thread(target=self._consume, name="settlements", daemon=True).start()

    async def wait_settled(self, payment_id: str) -> dict:
        fut = self.loop.create_future()
        self.waiters[payment_id] = fut
        return await fut


class SettlementListenerSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, amqp_url: str) -> None:
        self.loop = loop
        self.amqp_url = amqp_url
        self.waiters: dict[str, asyncio.Future] = {}

    def _consume(self) -> None:
        conn = pika.BlockingConnection(pika.URLParameters(self.amqp_url))
        channel = conn.channel()
        for method, _props, body in channel.consume("settlements"):
            msg = json.loads(body)
            self.loop.call_soon_threadsafe(self._resolve, msg)
            channel.basic_ack(method.delivery_tag)

    def _resolve(self, msg: dict) -> None:
        fut = self.waiters.pop(msg["payment_id"], None)
        if fut is not None and not fut.done():
            fut.set_result(msg)

    def start(self) -> None:
        threading.Thread(target=self._consume, name="settlements", daemon=True).start()

    async def wait_settled(self, payment_id: str) -> dict:
        fut = self.loop.create_future()
        self.waiters[payment_id] = fut
        return await fut


async def reconcile_forever(db) -> None:  # expect: clean
    while True:
        await db.execute("CALL reconcile_open_payments()")
        await asyncio.sleep(300)


async def start_reconciler(app: web.Application) -> None:  # expect: dangling-task
    asyncio.get_running_loop().create_task(reconcile_forever(app["db"]))


async def start_reconciler_kept(app: web.Application) -> None:  # expect: clean  # near: dangling-task
    app["reconciler"] = asyncio.create_task(reconcile_forever(app["db"]))


async def finalize_order(order, db) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        await capture_payment_async(order)
    finally:
        await asyncio.shield(db.execute("UPDATE orders SET status = $1 WHERE id = $2", order.status, order.id))
