"""The shop's HTTP API: checkout, refunds, shipping, the live feed and the search reindexer."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from contextlib import asynccontextmanager

from fastapi import APIRouter, BackgroundTasks, Depends, FastAPI, Request
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse

from . import notify
from .deps import current_user, get_session, pagination
from .feed import BoundedOrderFeed
from .models import Order
from .search import SearchIndex, warm_cache

log = logging.getLogger(__name__)
router = APIRouter()
feed = BoundedOrderFeed()
index = SearchIndex()


async def reindex_loop(app: FastAPI) -> None:  # expect: cancellation-swallowed
    while True:
        await app.state.reindex_requested.wait()
        app.state.reindex_requested.clear()
        try:
            await index.rebuild()
        except BaseException:
            log.exception("reindex failed; waiting for the next request")


async def reindex_loop_checked(app: FastAPI) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        await app.state.reindex_requested.wait()
        app.state.reindex_requested.clear()
        try:
            await index.rebuild()
        except Exception:
            log.exception("reindex failed; waiting for the next request")


async def audit_writer(app: FastAPI) -> None:  # expect: clean
    while True:
        kind, user_id, path = await app.state.audit.get()
        await index.record_access(kind, user_id, path)


@asynccontextmanager
async def lifespan(app: FastAPI):  # expect: clean
    app.state.reindex_requested = asyncio.Event()
    app.state.audit = asyncio.Queue(maxsize=10_000)
    app.state.workers = [asyncio.create_task(reindex_loop_checked(app)), asyncio.create_task(audit_writer(app))]
    yield
    for task in app.state.workers:
        task.cancel()
    await asyncio.gather(*app.state.workers, return_exceptions=True)
    await notify.drain_pending()


@asynccontextmanager
async def lifespan_with_warmup(app: FastAPI):  # expect: dangling-task
    app.state.reindex_requested = asyncio.Event()
    app.state.audit = asyncio.Queue(maxsize=10_000)
    warmers = [asyncio.create_task(warm_cache(name)) for name in ("prices", "stock", "categories")]
    app.state.reindexer = asyncio.create_task(reindex_loop_checked(app))
    yield
    app.state.reindexer.cancel()


@asynccontextmanager
async def lifespan_awaiting_warmup(app: FastAPI):  # expect: clean  # near: dangling-task
    app.state.reindex_requested = asyncio.Event()
    app.state.audit = asyncio.Queue(maxsize=10_000)
    warmers = [asyncio.create_task(warm_cache(name)) for name in ("prices", "stock", "categories")]
    app.state.reindexer = asyncio.create_task(reindex_loop_checked(app))
    yield
    app.state.reindexer.cancel()
    for warmer in warmers:
        warmer.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.gather(app.state.reindexer, *warmers)


@router.post("/orders/{order_id}/pay")
async def pay_order(order_id: str, session=Depends(get_session), user=Depends(current_user)):  # expect: dangling-task
    order = await session.get(Order, order_id)
    order.paid = True
    await session.flush()
    notify.spawn(notify.send_receipt(order.id, order.email))
    feed.publish({"id": order.id, "total": order.total})
    return {"ok": True}


@router.post("/orders/{order_id}/refund")
async def refund_order(order_id: str, session=Depends(get_session)):  # expect: clean  # near: dangling-task
    order = await session.get(Order, order_id)
    order.refunded = True
    await session.flush()
    notify.spawn_tracked(notify.post_webhook(order.webhook_url, {"refunded": order.id}))
    return {"ok": True}


@router.post("/orders/{order_id}/ship")
async def ship_order(order_id: str, background: BackgroundTasks, session=Depends(get_session)):  # expect: unawaited-coroutine
    order = await session.get(Order, order_id)
    order.shipped = True
    await session.flush()
    background.add_task(notify.send_receipt(order.id, order.email))
    return {"ok": True}


@router.post("/orders/{order_id}/deliver")
async def deliver_order(order_id: str, background: BackgroundTasks, session=Depends(get_session)):  # expect: clean  # near: unawaited-coroutine
    order = await session.get(Order, order_id)
    order.delivered = True
    await session.flush()
    background.add_task(notify.send_receipt, order.id, order.email)
    return {"ok": True}


@router.post("/orders/{order_id}/cancel")
async def cancel_order(order_id: str, session=Depends(get_session)):  # expect: unawaited-coroutine
    order = await session.get(Order, order_id)
    order.cancelled = True
    await session.flush()
    if order.webhook_url:
        notify.post_webhook(order.webhook_url, {"cancelled": order.id})
    return {"ok": True}


@router.post("/orders/{order_id}/hold")
async def hold_order(order_id: str, session=Depends(get_session)):  # expect: clean  # near: unawaited-coroutine
    order = await session.get(Order, order_id)
    order.on_hold = True
    await session.flush()
    if order.webhook_url:
        notify.queue_webhook(order.webhook_url, {"held": order.id})
    return {"ok": True}


@router.post("/admin/reindex")
def request_reindex(request: Request):  # expect: thread-unsafe-capture
    """A plain def: FastAPI calls it in its threadpool."""
    request.app.state.reindex_requested.set()
    return {"queued": True}


@router.post("/admin/reindex-now")
async def request_reindex_async(request: Request):  # expect: clean  # near: thread-unsafe-capture
    request.app.state.reindex_requested.set()
    return {"queued": True}


def _export_csv(rows: list, done: asyncio.Event) -> str:  # expect: thread-unsafe-capture
    body = "\n".join(",".join(map(str, r)) for r in rows)
    done.set()
    return body


@router.get("/admin/export")
async def export_orders(session=Depends(get_session), page=Depends(pagination)):  # expect: clean
    rows = (await session.execute(Order.select_page(**page))).all()
    done = asyncio.Event()
    body = await run_in_threadpool(_export_csv, rows, done)
    await done.wait()
    return JSONResponse({"csv": body})


def _mark_exported(app: FastAPI, count: int) -> None:  # expect: thread-unsafe-capture
    log.info("exported %d orders", count)
    app.state.reindex_requested.set()


@router.post("/admin/export-all")
async def export_all(request: Request, session=Depends(get_session)):  # expect: clean
    count = await session.scalar(Order.count())
    return JSONResponse({"count": count}, background=BackgroundTask(_mark_exported, request.app, count))


@router.get("/orders/live")
async def live_orders(request: Request):  # expect: clean
    inbox = feed.subscribe()

    async def events():
        try:
            while not await request.is_disconnected():
                order = await inbox.get()
                yield f"data: {json.dumps(order)}\n\n"
        finally:
            feed.unsubscribe(inbox)

    return StreamingResponse(events(), media_type="text/event-stream")


@router.get("/orders/live-keepalive")
async def live_orders_keepalive(request: Request):  # expect: cancellation-swallowed
    inbox = feed.subscribe()

    async def events():
        try:
            while True:
                try:
                    order = await asyncio.wait_for(inbox.get(), timeout=15)
                except (asyncio.TimeoutError, asyncio.CancelledError):
                    yield ": keepalive\n\n"
                    continue
                yield f"data: {json.dumps(order)}\n\n"
        finally:
            feed.unsubscribe(inbox)

    return StreamingResponse(events(), media_type="text/event-stream")


@router.get("/search")
async def search(q: str, user=Depends(current_user)):  # expect: dangling-task
    hits = await index.query(q)
    asyncio.create_task(index.record_query(q, len(hits))) if hits else None
    return {"hits": hits}


@router.get("/search-counted")
async def search_counted(q: str, background: BackgroundTasks):  # expect: clean  # near: dangling-task
    hits = await index.query(q)
    if hits:
        background.add_task(index.record_query, q, len(hits))
    return {"hits": hits}


def create_app() -> FastAPI:  # expect: clean
    app = FastAPI(lifespan=lifespan)
    app.include_router(router)
    return app
