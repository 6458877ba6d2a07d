"""A market-data gateway: ZeroMQ tick feeds, a gRPC order entry, a Flask admin panel and SQLAlchemy audit hooks
around one asyncio loop."""
from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass

import grpc
import zmq
import zmq.asyncio
from flask import Flask, jsonify, request
from sqlalchemy import create_engine, event
from sqlalchemy.ext.asyncio import create_async_engine

import orders_pb2
import orders_pb2_grpc

log = logging.getLogger("gateway")

admin = Flask(__name__)


@dataclass
class GatewayState:  # expect: clean
    loop: asyncio.AbstractEventLoop
    halted: asyncio.Event
    fills: asyncio.Queue
    book: object


state: GatewayState | None = None
audit_events: asyncio.Queue = asyncio.Queue(maxsize=5_000)
sync_engine = create_engine("postgresql+psycopg2://gateway@db/audit", pool_size=5)
async_engine = create_async_engine("postgresql+asyncpg://gateway@db/market")
db_ready = asyncio.Event()


class TickPump:  # expect: thread-unsafe-capture
    """Reads the exchange's PUB feed with a blocking socket on a thread of its own."""

    def __init__(self, endpoint: str, ticks: asyncio.Queue) -> None:
        self.ticks = ticks
        self.sock = zmq.Context.instance().socket(zmq.SUB)
        self.sock.connect(endpoint)
        self.sock.setsockopt(zmq.SUBSCRIBE, b"")
        self.thread = threading.Thread(target=self._pump, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _pump(self) -> None:
        while True:
            topic, payload = self.sock.recv_multipart()
            if not self.ticks.full():
                self.ticks.put_nowait((topic, payload))


class TickPumpThreadsafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, endpoint: str, ticks: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.ticks = ticks
        self.loop = loop
        self.sock = zmq.Context.instance().socket(zmq.SUB)
        self.sock.connect(endpoint)
        self.sock.setsockopt(zmq.SUBSCRIBE, b"")
        self.thread = threading.Thread(target=self._pump, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _pump(self) -> None:
        while True:
            frames = self.sock.recv_multipart()
            asyncio.run_coroutine_threadsafe(self.ticks.put(tuple(frames)), self.loop).result()


class AsyncTickPump:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, endpoint: str, ticks: asyncio.Queue) -> None:
        self.ticks = ticks
        self.sock = zmq.asyncio.Context.instance().socket(zmq.SUB)
        self.sock.connect(endpoint)
        self.sock.setsockopt(zmq.SUBSCRIBE, b"")

    async def run(self) -> None:
        while True:
            topic, payload = await self.sock.recv_multipart()
            await self.ticks.put((topic, payload))


class DropCopyForwarder:  # expect: thread-unsafe-capture
    """Forwards drop copies to the risk engine from a worker thread."""

    def __init__(self, endpoint: str, copies) -> None:
        self.copies = copies
        self.ctx = zmq.asyncio.Context()
        self.push = self.ctx.socket(zmq.PUSH)
        self.push.connect(endpoint)

    def start(self) -> None:
        threading.Thread(target=self._forward, name="drop-copy", daemon=True).start()

    def _forward(self) -> None:
        for copy in self.copies:
            self.push.send_json(copy)


class DropCopyForwarderSync:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, endpoint: str, copies, async_ctx: zmq.asyncio.Context) -> None:
        self.copies = copies
        self.push = zmq.Context(async_ctx).socket(zmq.PUSH)
        self.push.connect(endpoint)

    def start(self) -> None:
        threading.Thread(target=self._forward, name="drop-copy", daemon=True).start()

    def _forward(self) -> None:
        for copy in self.copies:
            self.push.send_json(copy)


class OrderEntry(orders_pb2_grpc.OrderEntryServicer):  # expect: thread-unsafe-capture
    """Sync gRPC: each call runs on the server's thread pool."""

    def __init__(self, loop: asyncio.AbstractEventLoop, orders: asyncio.Queue) -> None:
        self.loop = loop
        self.orders = orders

    def PlaceOrder(self, req, context):
        ack = self.loop.create_future()
        self.orders.put_nowait((req, ack))
        return orders_pb2.Ack(accepted=True)


class OrderEntryBridged(orders_pb2_grpc.OrderEntryServicer):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, router) -> None:
        self.loop = loop
        self.router = router

    def PlaceOrder(self, req, context):
        fut = asyncio.run_coroutine_threadsafe(self.router.route(req), self.loop)
        try:
            order_id = fut.result(timeout=2)
        except TimeoutError:
            fut.cancel()
            context.abort(grpc.StatusCode.DEADLINE_EXCEEDED, "router busy")
        return orders_pb2.Ack(accepted=True, order_id=order_id)


class OrderEntryAio(orders_pb2_grpc.OrderEntryServicer):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, orders: asyncio.Queue) -> None:
        self.orders = orders

    async def PlaceOrder(self, req, context):
        ack = asyncio.get_running_loop().create_future()
        await self.orders.put((req, ack))
        return orders_pb2.Ack(accepted=await ack)


@admin.post("/halt")
def halt_trading():  # expect: thread-unsafe-capture
    state.halted.set()
    log.warning("trading halted by %s", request.remote_addr)
    return jsonify(halted=True)


@admin.post("/resume")
def resume_trading():  # expect: clean  # near: thread-unsafe-capture
    state.loop.call_soon_threadsafe(state.halted.clear)
    return jsonify(halted=False)


@admin.get("/positions")
def positions():  # expect: clean  # near: thread-unsafe-capture
    fut = asyncio.run_coroutine_threadsafe(state.book.snapshot(), state.loop)
    return jsonify(fut.result(timeout=2))


@admin.post("/fills/replay")
def replay_fills():  # expect: thread-unsafe-capture
    for fill in request.get_json()["fills"]:
        state.fills.put_nowait(fill)
    return jsonify(queued=state.fills.qsize())


def start_admin(port: int = 8081) -> threading.Thread:  # expect: clean
    thread = threading.Thread(target=admin.run, kwargs={"port": port, "use_reloader": False}, daemon=True)
    thread.start()
    return thread


@event.listens_for(sync_engine, "after_cursor_execute")
def audit_statement(conn, cursor, statement, parameters, context, executemany):  # expect: thread-unsafe-capture
    if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
        audit_events.put_nowait(statement)


@event.listens_for(async_engine.sync_engine, "connect")
def on_market_connect(dbapi_connection, connection_record):  # expect: clean  # near: thread-unsafe-capture
    db_ready.set()


def write_audit_row(row: dict) -> None:  # expect: clean
    with sync_engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO audit (payload) VALUES (%(payload)s)", {"payload": str(row)})


class FillRouter:  # expect: dangling-task
    def __init__(self, risk, ledger) -> None:
        self.risk = risk
        self.ledger = ledger

    async def on_fill(self, fill: dict) -> None:
        asyncio.ensure_future(self.risk.update(fill))
        await asyncio.to_thread(write_audit_row, fill)
        await self.ledger.book(fill)


class FillRouterKept:  # expect: clean  # near: dangling-task
    def __init__(self, risk, ledger) -> None:
        self.risk = risk
        self.ledger = ledger
        self.background: set[asyncio.Task] = set()

    async def on_fill(self, fill: dict) -> None:
        task = asyncio.ensure_future(self.risk.update(fill))
        self.background.add(task)
        task.add_done_callback(self.background.discard)
        await asyncio.to_thread(write_audit_row, fill)
        await self.ledger.book(fill)


async def route_orders(orders: asyncio.Queue, exchange) -> None:  # expect: clean
    while True:
        req, ack = await orders.get()
        try:
            ack.set_result(await exchange.place(req))
        except Exception as exc:
            ack.set_exception(exc)
