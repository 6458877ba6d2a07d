"""A Django 5 project served by uvicorn: async views, ASGI middleware, Channels consumers, signal receivers."""
from __future__ import annotations

import asyncio
import csv
import io
import logging
import time

from asgiref.sync import async_to_sync, sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.decorators import sync_and_async_middleware

from billing.models import AuditLog, Invoice, Report
from billing.metrics import record_latency
from billing.pdf import render_invoice_pdf

log = logging.getLogger(__name__)
OUTGOING_BACKLOG = 100
invoice_events: asyncio.Queue = asyncio.Queue(maxsize=500)


async def invoice_detail(request, pk: int):  # expect: unawaited-coroutine, blocking-call
    invoice = await Invoice.objects.aget(pk=pk)
    sync_to_async(AuditLog.objects.create)(user_id=request.user.pk, action="view", target=invoice.pk)
    return JsonResponse({"id": invoice.pk, "total": str(invoice.total)})


async def invoice_detail_audited(request, pk: int):  # expect: blocking-call  # near: unawaited-coroutine
    invoice = await Invoice.objects.aget(pk=pk)
    await AuditLog.objects.acreate(user_id=request.user.pk, action="view", target=invoice.pk)
    return JsonResponse({"id": invoice.pk, "total": str(invoice.total)})


async def invoice_pdf(request, pk: int):  # expect: clean
    invoice = await Invoice.objects.aget(pk=pk)
    pdf = await sync_to_async(render_invoice_pdf, thread_sensitive=False)(invoice)
    return HttpResponse(pdf, content_type="application/pdf")


def invoice_mark_paid(request, pk: int):  # expect: thread-unsafe-capture
    """A sync view: under ASGI Django runs it in a worker thread."""
    invoice = Invoice.objects.get(pk=pk)
    invoice.paid = True
    invoice.save(update_fields=["paid"])
    invoice_events.put_nowait(("paid", invoice.pk))
    return JsonResponse({"ok": True})


def invoice_mark_void(request, pk: int):  # expect: clean  # near: thread-unsafe-capture
    invoice = Invoice.objects.get(pk=pk)
    invoice.void = True
    invoice.save(update_fields=["void"])
    async_to_sync(get_channel_layer().group_send)("invoices", {"type": "invoice.void", "id": invoice.pk})
    return JsonResponse({"ok": True})


async def import_ledger(request):  # expect: thread-unsafe-capture
    parsed = asyncio.Event()
    rows: list = []

    def parse() -> None:
        rows.extend(csv.DictReader(io.StringIO(request.body.decode())))
        parsed.set()

    await sync_to_async(parse, thread_sensitive=False)()
    await parsed.wait()
    return JsonResponse({"rows": len(rows)})


async def import_ledger_safe(request):  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    parsed = asyncio.Event()
    rows: list = []

    def parse() -> None:
        rows.extend(csv.DictReader(io.StringIO(request.body.decode())))
        loop.call_soon_threadsafe(parsed.set)

    await sync_to_async(parse, thread_sensitive=False)()
    await parsed.wait()
    return JsonResponse({"rows": len(rows)})


async def refresh_report(request, pk: int):  # expect: blocking-call
    report = await Report.objects.aget(pk=pk)
    async_to_sync(report.recompute)()
    return JsonResponse({"ok": True})


async def refresh_report_async(request, pk: int):  # expect: clean  # near: blocking-call
    report = await Report.objects.aget(pk=pk)
    await report.recompute()
    return JsonResponse({"ok": True})


async def invoice_stream(request):  # expect: cancellation-swallowed
    async def stream():
        while True:
            try:
                kind, pk = await invoice_events.get()
            except asyncio.CancelledError:
                log.info("client went away")
                continue
            yield f"event: {kind}\ndata: {pk}\n\n"

    return StreamingHttpResponse(stream(), content_type="text/event-stream")


class TimingMiddleware:  # expect: dangling-task
    """Pure ASGI middleware in front of Django's handler."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.monotonic()
        await self.app(scope, receive, send)
        asyncio.ensure_future(record_latency(scope["path"], time.monotonic() - started))


class TimingMiddlewareTracked:  # expect: clean  # near: dangling-task
    def __init__(self, app):
        self.app = app
        self._writes: set[asyncio.Future] = set()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.monotonic()
        await self.app(scope, receive, send)
        write = asyncio.ensure_future(record_latency(scope["path"], time.monotonic() - started))
        self._writes.add(write)
        write.add_done_callback(self._writes.discard)


@sync_and_async_middleware
def request_logger(get_response):  # expect: dangling-task
    if asyncio.iscoroutinefunction(get_response):
        async def middleware(request):
            response = await get_response(request)
            asyncio.create_task(record_latency(request.path, 0.0)) if settings.LOG_REQUESTS else None
            return response
    else:
        def middleware(request):
            return get_response(request)
    return middleware


class ChatConsumer(AsyncWebsocketConsumer):  # expect: unbounded-queue
    async def connect(self):
        self.outgoing = asyncio.Queue()
        self.sender = asyncio.create_task(self._send_loop())
        await self.channel_layer.group_add("chat", self.channel_name)
        await self.accept()

    async def receive(self, text_data=None, bytes_data=None):
        await self.channel_layer.group_send("chat", {"type": "chat.message", "text": text_data})

    async def chat_message(self, event):
        self.outgoing.put_nowait(event["text"])

    async def disconnect(self, code):
        self.sender.cancel()
        await self.channel_layer.group_discard("chat", self.channel_name)

    async def _send_loop(self):
        while True:
            text = await self.outgoing.get()
            await self.send(text_data=text)


class ChatConsumerBounded(AsyncWebsocketConsumer):  # expect: clean  # near: unbounded-queue
    async def connect(self):
        self.outgoing = asyncio.Queue(maxsize=OUTGOING_BACKLOG)
        self.sender = asyncio.create_task(self._send_loop())
        await self.channel_layer.group_add("chat", self.channel_name)
        await self.accept()

    async def chat_message(self, event):
        await self.outgoing.put(event["text"])

    async def disconnect(self, code):
        self.sender.cancel()
        await self.channel_layer.group_discard("chat", self.channel_name)

    async def _send_loop(self):
        while True:
            await self.send(text_data=await self.outgoing.get())


@receiver(post_save, sender=Invoice)
def invoice_saved(sender, instance, created, **kwargs):  # expect: unawaited-coroutine
    layer = get_channel_layer()
    layer.group_send("invoices", {"type": "invoice.saved", "id": instance.pk, "created": created})


@receiver(post_save, sender=Report)
def report_saved(sender, instance, created, **kwargs):  # expect: clean  # near: unawaited-coroutine
    layer = get_channel_layer()
    async_to_sync(layer.group_send)("reports", {"type": "report.saved", "id": instance.pk})


class ReportConsumer(AsyncWebsocketConsumer):  # expect: clean
    async def connect(self):
        await self.channel_layer.group_add("reports", self.channel_name)
        await self.accept()

    async def report_saved(self, event):
        await self.send(text_data=str(event["id"]))

    async def disconnect(self, code):
        await self.channel_layer.group_discard("reports", self.channel_name)
