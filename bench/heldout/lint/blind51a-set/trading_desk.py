"""Trading desk backend: fills in Postgres (SQLAlchemy), ticks in Mongo, legacy orders in peewee, venues via ccxt."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
from datetime import datetime, timezone
from typing import Generic, Optional, Type, TypeVar

import ccxt
import ccxt.async_support as accxt
from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorDatabase
from peewee import CharField, DecimalField, Model, PostgresqlDatabase
from pymongo import AsyncMongoClient, MongoClient
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

log = logging.getLogger("desk")
DB_URL = os.environ.get("DESK_DB", "postgresql+psycopg://desk@db/desk")
MONGO_URL = os.environ.get("DESK_MONGO", "mongodb://mongo:27017")

engine = create_engine(DB_URL, pool_pre_ping=True)
SessionLocal = sessionmaker(engine)
async_engine = create_async_engine(DB_URL.replace("psycopg", "asyncpg"))
AsyncSessionLocal = async_sessionmaker(async_engine, expire_on_commit=False)
legacy_db = PostgresqlDatabase("legacy_orders", host="db", user="desk")


class Base(DeclarativeBase):  # expect: clean
    pass


class Fill(Base):  # expect: clean
    __tablename__ = "fills"
    id: Mapped[int] = mapped_column(primary_key=True)
    symbol: Mapped[str]
    qty: Mapped[float]
    price: Mapped[float]


class Position(Base):  # expect: clean
    __tablename__ = "positions"
    id: Mapped[int] = mapped_column(primary_key=True)
    symbol: Mapped[str]
    qty: Mapped[float]


class LegacyOrder(Model):  # expect: clean
    symbol = CharField()
    status = CharField(default="pending")
    limit = DecimalField()

    class Meta:
        database = legacy_db


def session_factory() -> Session:  # expect: clean
    return SessionLocal()


async def record_fill(fill: dict) -> None:  # expect: blocking-call
    with SessionLocal() as s:
        s.add(Fill(**fill))
        s.commit()


async def record_fill_async(fill: dict) -> None:  # expect: clean  # near: blocking-call
    async with AsyncSessionLocal() as s:
        s.add(Fill(**fill))
        await s.commit()


async def count_fills(symbol: str) -> int:  # expect: blocking-call
    s = session_factory()
    try:
        return s.scalar(select(func.count(Fill.id)).where(Fill.symbol == symbol)) or 0
    finally:
        s.close()


async def daily_pnl() -> list[tuple]:  # expect: blocking-call
    with engine.connect() as conn:
        return conn.execute(text("select symbol, sum(qty * price) from fills group by symbol")).all()


async def close_position(session: AsyncSession, pos_id: int) -> None:  # expect: unawaited-coroutine
    pos = await session.get(Position, pos_id)
    if pos is not None:
        session.delete(pos)
        await session.commit()


async def archive_positions(session: AsyncSession, positions: list[Position]) -> None:  # expect: clean  # near: unawaited-coroutine
    session.add_all([Position(symbol=p.symbol, qty=0) for p in positions])
    for p in positions:
        session.expunge(p)
    await session.flush()


async def reload_position(session: AsyncSession, pos: Position) -> Position:  # expect: unawaited-coroutine
    session.refresh(pos)
    return pos


ModelT = TypeVar("ModelT", bound=Base)


class Repository(Generic[ModelT]):  # expect: unawaited-coroutine
    def __init__(self, session: AsyncSession, model: Type[ModelT]) -> None:
        self.session = session
        self.model = model

    async def get(self, ident: int) -> Optional[ModelT]:
        return await self.session.get(self.model, ident)

    async def remove(self, obj: ModelT) -> None:
        self.session.delete(obj)
        await self.session.flush()


class RepositoryOk(Generic[ModelT]):  # expect: clean  # near: unawaited-coroutine
    def __init__(self, session: AsyncSession, model: Type[ModelT]) -> None:
        self.session = session
        self.model = model

    async def add(self, obj: ModelT) -> ModelT:
        self.session.add(obj)
        await self.session.flush()
        return obj

    async def remove(self, obj: ModelT) -> None:
        await self.session.delete(obj)
        await self.session.flush()


async def last_trades(symbol: str) -> list[dict]:  # expect: blocking-call
    mongo = MongoClient(MONGO_URL)
    return list(mongo.market.trades.find({"s": symbol}).sort("t", -1).limit(50))


async def last_trades_motor(db: AsyncIOMotorDatabase, symbol: str) -> list[dict]:  # expect: clean  # near: blocking-call
    cursor = db.trades.find({"s": symbol}).sort("t", -1).limit(50)
    return await cursor.to_list(length=50)


async def save_trade(trade: dict) -> None:  # expect: unawaited-coroutine
    client = AsyncMongoClient(MONGO_URL)
    client.market.trades.insert_one(trade)
    log.debug("trade %s queued", trade.get("id"))


async def stream_trades(symbol: str, send) -> None:  # expect: clean  # near: unawaited-coroutine
    client = AsyncMongoClient(MONGO_URL)
    async for doc in client.market.trades.find({"s": symbol}).sort("t", 1):
        await send(doc)
    await client.close()


class CandleStore:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.db = AsyncIOMotorClient(MONGO_URL).market

    async def upsert(self, candle: dict) -> None:
        self.db.candles.update_one({"s": candle["s"], "t": candle["t"]}, {"$set": candle}, upsert=True)


class CandleStoreOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self.db = AsyncIOMotorClient(MONGO_URL).market

    async def upsert(self, candle: dict) -> None:
        await self.db.candles.update_one({"s": candle["s"], "t": candle["t"]}, {"$set": candle}, upsert=True)


async def pending_legacy_orders() -> list[dict]:  # expect: blocking-call
    return [{"symbol": o.symbol, "limit": float(o.limit)} for o in LegacyOrder.select().where(LegacyOrder.status == "pending")]


def mark_filled_sync(order_id: int) -> int:  # expect: clean
    return LegacyOrder.update(status="filled").where(LegacyOrder.id == order_id).execute()


async def mark_filled(order_id: int) -> int:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, mark_filled_sync, order_id)


async def mark_cancelled(order_id: int) -> int:  # expect: blocking-call
    return LegacyOrder.update(status="cancelled").where(LegacyOrder.id == order_id).execute()


async def ticker(symbol: str) -> dict:  # expect: blocking-call
    exchange = ccxt.binance({"enableRateLimit": True})
    return exchange.fetch_ticker(symbol)


async def ticker_async(symbol: str) -> dict:  # expect: clean  # near: blocking-call
    exchange = accxt.binance({"enableRateLimit": True})
    try:
        return await exchange.fetch_ticker(symbol)
    finally:
        await exchange.close()


class Trader:  # expect: unawaited-coroutine
    exchange: accxt.Exchange

    def __init__(self, venue: str) -> None:
        self.exchange = getattr(accxt, venue)({"apiKey": os.environ["KEY"], "secret": os.environ["SECRET"]})
        self.placed: list[str] = []

    async def place(self, symbol: str, side: str, qty: float, price: float) -> str:
        order = await self.exchange.create_order(symbol, "limit", side, qty, price)
        self.placed.append(order["id"])
        return order["id"]

    async def shutdown(self) -> None:
        for oid in self.placed:
            self.exchange.cancel_order(oid)
        await self.exchange.close()


class Portfolio:  # expect: lock-across-await
    def __init__(self, exchange: accxt.Exchange) -> None:
        self.exchange = exchange
        self._lock = threading.Lock()
        self.balances: dict[str, float] = {}

    async def refresh(self) -> dict[str, float]:
        with self._lock:
            bal = await self.exchange.fetch_balance()
            self.balances = {k: v for k, v in bal["total"].items() if v}
        return dict(self.balances)


class PortfolioOk:  # expect: clean  # near: lock-across-await
    def __init__(self, exchange: accxt.Exchange) -> None:
        self.exchange = exchange
        self._lock = threading.Lock()
        self.balances: dict[str, float] = {}

    async def refresh(self) -> dict[str, float]:
        bal = await self.exchange.fetch_balance()
        with self._lock:
            self.balances = {k: v for k, v in bal["total"].items() if v}
            return dict(self.balances)


async def watch_book(exchange: accxt.Exchange, symbol: str, on_book) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            book = await exchange.fetch_order_book(symbol, limit=20)
            on_book(book)
            await asyncio.sleep(0.5)
        except (asyncio.CancelledError, accxt.NetworkError):
            log.warning("order book %s interrupted, retrying", symbol)
            await asyncio.sleep(1)


async def watch_book_ok(exchange: accxt.Exchange, symbol: str, on_book) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            book = await exchange.fetch_order_book(symbol, limit=20)
            on_book(book)
            await asyncio.sleep(0.5)
        except accxt.NetworkError:
            log.warning("order book %s interrupted, retrying", symbol)
            await asyncio.sleep(1)


async def settle_day(session: AsyncSession) -> None:  # expect: cancellation-swallowed
    for symbol in ("BTC/USDT", "ETH/USDT"):
        try:
            await session.execute(
                text("insert into settlements(symbol, day) values (:s, :d)"),
                {"s": symbol, "d": datetime.now(timezone.utc).date()},
            )
        finally:
            with contextlib.suppress(Exception):
                await session.commit()
            continue
