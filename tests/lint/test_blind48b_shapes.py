"""Shapes a blind probe (FastAPI and Django apps, Celery bridges, plugin hooks, telemetry, rate limits and caches,
terminal UIs, an MCP tool server) missed. Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked


def test_a_plain_fastapi_path_operation_and_a_plain_background_task_run_in_the_thread_pool():
    check_marked('''
        import asyncio
        from fastapi import APIRouter, BackgroundTasks, FastAPI
        from starlette.background import BackgroundTask

        app = FastAPI()
        router = APIRouter()
        reindex = asyncio.Event()

        @router.post("/reindex")
        def request_reindex():
            reindex.set()  # ACK401
            return {"queued": True}

        @app.get("/reindex-now")
        async def request_reindex_async():
            reindex.set()
            return {"queued": True}

        def not_a_route():
            reindex.set()

        def _mark_done(count):
            reindex.set()  # ACK401

        def _mark_done_later(count):
            reindex.set()  # ACK401

        async def _mark_done_async(count):
            reindex.set()

        @app.post("/export")
        async def export(background: BackgroundTasks):
            background.add_task(_mark_done, 3)
            background.add_task(_mark_done_async, 3)
            return BackgroundTask(_mark_done_later, 3)
    ''', ["ACK401"])


def test_a_coroutine_function_handed_to_a_background_task_is_awaited_not_dropped():
    check_marked('''
        from fastapi import BackgroundTasks
        from starlette.background import BackgroundTask

        async def send_receipt(order_id):
            ...

        async def ship(background: BackgroundTasks, order_id):
            background.add_task(send_receipt, order_id)
            return BackgroundTask(send_receipt, order_id)
    ''', ["ACK301"])


def test_sync_to_async_runs_the_function_it_wraps_in_a_worker_thread():
    check_marked('''
        import asyncio
        from asgiref.sync import sync_to_async
        from channels.db import database_sync_to_async

        async def import_ledger(body):
            parsed = asyncio.Event()
            rows = []

            def parse():
                rows.extend(body.splitlines())
                parsed.set()  # ACK401

            await sync_to_async(parse, thread_sensitive=False)()
            await parsed.wait()
            return rows

        async def import_ledger_db(body):
            parsed = asyncio.Event()

            def parse():
                parsed.set()  # ACK401

            await database_sync_to_async(parse)()

        async def import_ledger_safe(body):
            loop = asyncio.get_running_loop()
            parsed = asyncio.Event()

            def parse():
                loop.call_soon_threadsafe(parsed.set)

            await sync_to_async(parse)()
            await parsed.wait()
    ''', ["ACK401"])


def test_a_celery_task_and_a_celery_signal_handler_run_where_no_loop_runs():
    check_marked('''
        import asyncio
        import threading
        from celery import Celery, shared_task
        from celery.signals import task_failure

        from crm.sync import sync_account

        app = Celery("crm")
        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, daemon=True).start()
        failures = asyncio.Queue(maxsize=100)

        @app.task
        def sync_account_task(account_id):
            fut = loop.create_task(sync_account(account_id))  # ACK402
            return fut.get_name()

        @shared_task
        def sync_account_shared(account_id):
            asyncio.run_coroutine_threadsafe(sync_account(account_id), loop).result(timeout=60)

        @task_failure.connect
        def on_failure(sender=None, task_id=None, exception=None, **kwargs):
            failures.put_nowait((task_id, repr(exception)))  # ACK401

        @task_failure.connect
        def on_failure_bridged(sender=None, task_id=None, exception=None, **kwargs):
            loop.call_soon_threadsafe(failures.put_nowait, (task_id, repr(exception)))

        def plain_helper(account_id):
            failures.put_nowait(account_id)
    ''', ["ACK401", "ACK402"])


def test_a_rate_limiters_acquire_an_aiocache_operation_and_a_channel_layers_send_are_coroutines():
    check_marked('''
        import threading
        from aiocache import Cache, SimpleMemoryCache
        from aiolimiter import AsyncLimiter
        from asgiref.sync import async_to_sync
        from cachetools import TTLCache
        from channels.generic.websocket import AsyncWebsocketConsumer, WebsocketConsumer
        from channels.layers import get_channel_layer

        class PartnerClient:
            def __init__(self, client):
                self.client = client
                self.limiter = AsyncLimiter(10, 1)
                self.slots = threading.Semaphore(4)
                self.cache = Cache(Cache.REDIS, endpoint="redis")
                self.local = SimpleMemoryCache()
                self.memo = TTLCache(maxsize=100, ttl=60)

            async def get(self, key):
                self.limiter.acquire()  # ACK301
                if not self.limiter.has_capacity():
                    self.slots.acquire()
                async with self.limiter:
                    value = await self.client.get(key)
                self.cache.set(key, value, ttl=60)  # ACK301
                self.local.delete(key)  # ACK301
                await self.cache.set(key, value)
                self.memo.setdefault(key, value)
                return value

        def invoice_saved(instance):
            layer = get_channel_layer()
            layer.group_send("invoices", {"type": "invoice.saved"})  # ACK301
            async_to_sync(layer.group_send)("invoices", {"type": "invoice.saved"})

        class Chat(AsyncWebsocketConsumer):
            async def connect(self):
                self.channel_layer.group_add("chat", self.channel_name)  # ACK301
                await self.channel_layer.group_add("chat", self.channel_name)

        class SyncChat(WebsocketConsumer):
            def connect(self):
                self.channel_layer.group_add("chat", self.channel_name)  # ACK301
                async_to_sync(self.channel_layer.group_add)("chat", self.channel_name)
    ''', ["ACK301"])


def test_recording_the_exception_on_a_span_or_in_sentry_is_a_report_not_a_hand_over():
    check_marked('''
        import asyncio
        import sentry_sdk
        from opentelemetry import trace

        tracer = trace.get_tracer("ingest")

        async def ingest_batch(pipeline, records):
            for record in records:
                with tracer.start_as_current_span("ingest.record") as span:
                    try:
                        await pipeline.ingest(record)
                    except BaseException as exc:  # ACK601
                        span.record_exception(exc)

        async def ingest_batch_sentry(pipeline, records):
            for record in records:
                try:
                    await pipeline.ingest(record)
                except BaseException as exc:  # ACK601
                    sentry_sdk.capture_exception(exc)

        async def ingest_batch_reraised(pipeline, records):
            for record in records:
                with tracer.start_as_current_span("ingest.record") as span:
                    try:
                        await pipeline.ingest(record)
                    except BaseException as exc:
                        span.record_exception(exc)
                        raise

        async def ingest_batch_handed_on(pipeline, records, failed):
            for record in records:
                try:
                    await pipeline.ingest(record)
                except BaseException as exc:
                    failed.set_exception(exc)
                    return
    ''', ["ACK601", "ACK602"])


def test_a_parameter_named_like_a_method_is_no_use_of_that_method():
    check_marked('''
        import asyncio

        async def with_backoff(call, attempts=5):
            for attempt in range(attempts):
                try:
                    return await call()
                except ConnectionError:
                    await asyncio.sleep(2 ** attempt)

        class CircuitBreaker:
            async def call(self, fn):
                try:
                    result = await fn()
                except (Exception, asyncio.CancelledError):  # ACK601
                    self.failures += 1
                    return None
                return result

        class Scheduled:
            async def run(self, fn):
                try:
                    return await fn()
                except asyncio.CancelledError:
                    return None

            def start(self, fn):
                return asyncio.create_task(self.run(fn))
    ''', ["ACK601"])


def test_a_hooks_awaitable_result_wrapped_in_a_task_and_dropped_is_dangling():
    check_marked('''
        import asyncio
        import inspect

        class HookRegistry:
            def __init__(self):
                self._hooks = {}
                self._running = set()

            def fire(self, event, *args):
                for fn in self._hooks[event]:
                    result = fn(*args)
                    if inspect.isawaitable(result):
                        asyncio.ensure_future(result)  # ACK302

            def fire_kept(self, event, *args):
                for fn in self._hooks[event]:
                    result = fn(*args)
                    if inspect.isawaitable(result):
                        fut = asyncio.ensure_future(result)
                        self._running.add(fut)
                        fut.add_done_callback(self._running.discard)

            def fire_future_kept(self, event, *args):
                for fn in self._hooks[event]:
                    result = fn(*args)
                    if inspect.isawaitable(result):
                        asyncio.ensure_future(result)
                        self._running.add(result)

            def fire_coroutine_returned(self, fn):
                result = fn()
                if asyncio.iscoroutine(result):
                    asyncio.ensure_future(result)  # ACK302
                return result
    ''', ["ACK302"])


def test_an_opentelemetry_exporters_export_and_a_span_processors_on_end_run_off_the_loop():
    check_marked('''
        import asyncio
        from opentelemetry.sdk.trace import SpanProcessor
        from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult

        class QueueSpanExporter(SpanExporter):
            def __init__(self, outbox: asyncio.Queue):
                self.outbox = outbox

            def export(self, spans):
                self.outbox.put_nowait([s.to_json() for s in spans])  # ACK401
                return SpanExportResult.SUCCESS

            def shutdown(self):
                self.outbox.put_nowait(None)

        class LoopSpanExporter(SpanExporter):
            def __init__(self, outbox: asyncio.Queue, loop: asyncio.AbstractEventLoop):
                self.outbox = outbox
                self.loop = loop

            def export(self, spans):
                self.loop.call_soon_threadsafe(self.outbox.put_nowait, [s.to_json() for s in spans])
                return SpanExportResult.SUCCESS

        class SlowSpanAlerter(SpanProcessor):
            def __init__(self, slow: asyncio.Event):
                self.slow = slow

            def on_end(self, span):
                if span.end_time - span.start_time > 10**9:
                    self.slow.set()  # ACK401

            def force_flush(self, timeout_millis=30000):
                self.slow.clear()
                return True

        class SpanCounter:
            def __init__(self, seen: asyncio.Event):
                self.seen = seen

            def on_end(self, span):
                self.seen.set()
    ''', ["ACK401"])


def test_what_the_lifespan_stores_on_app_state_is_what_handlers_read_there():
    check_marked('''
        import asyncio
        import threading
        from contextlib import asynccontextmanager
        from fastapi import APIRouter, FastAPI, Request

        router = APIRouter()

        @asynccontextmanager
        async def lifespan(app: FastAPI):
            app.state.reindex = asyncio.Event()
            app.state.stop = threading.Event()
            app.state.cache_lock = threading.Lock()
            yield

        @router.post("/reindex")
        def request_reindex(request: Request):
            request.app.state.reindex.set()  # ACK401
            request.app.state.stop.set()

        @router.post("/reindex-now")
        async def request_reindex_async(request: Request):
            request.app.state.reindex.set()
            with request.app.state.cache_lock:  # ACK201
                await asyncio.sleep(0)

        @router.post("/per-request")
        def per_request(request: Request):
            request.state.reindex.set()
    ''', ["ACK401", "ACK201"])


def test_a_sync_django_view_runs_on_a_worker_thread():
    check_marked('''
        import asyncio
        from django.http import HttpResponse, JsonResponse
        from django.shortcuts import render
        from django.views import View

        invoice_events = asyncio.Queue(maxsize=500)

        def invoice_mark_paid(request, pk):
            invoice_events.put_nowait(("paid", pk))  # ACK401
            return JsonResponse({"ok": True})

        async def invoice_mark_paid_async(request, pk):
            invoice_events.put_nowait(("paid", pk))
            return JsonResponse({"ok": True})

        def _audit(request):
            invoice_events.put_nowait(("seen", request.path))

        def dashboard(request):
            return render(request, "dashboard.html", {"backlog": invoice_events.qsize()})

        class InvoiceHook(View):
            def post(self, request, pk):
                invoice_events.put_nowait(("hook", pk))  # ACK401
                return HttpResponse("ok")

            def describe(self, request, pk):
                invoice_events.put_nowait(("described", pk))
                return HttpResponse("ok")

        def not_a_view(request, pk):
            invoice_events.put_nowait(("other", pk))
            return {"ok": True}
    ''', ["ACK401"])
