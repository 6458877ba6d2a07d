"""The recommendations worker: the graph in neo4j, orders in Postgres through SQLAlchemy, jobs on APScheduler."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from typing import AsyncIterator, Awaitable, Callable, Optional, TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.background import BackgroundScheduler
from neo4j import AsyncDriver, AsyncGraphDatabase, Driver, GraphDatabase
from sqlalchemy import create_engine, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

from recs.models import Click

log = logging.getLogger("recs")
engine = create_engine("postgresql+psycopg2://recs@db/recs", pool_pre_ping=True)
SyncSession = sessionmaker(engine)
async_engine = create_async_engine("postgresql+asyncpg://recs@db/recs")
AsyncSessionMaker = async_sessionmaker(async_engine, expire_on_commit=False)
NEO4J = "neo4j://graph:7687"
AUTH = ("recs", "secret")
S = TypeVar("S", bound=Session)
RECENT = text("SELECT product_id FROM orders WHERE customer_id = :c ORDER BY id DESC LIMIT 50")
NAMES = text("SELECT id, name FROM products WHERE id = ANY(:ids)")
ALSO_BOUGHT = "MATCH (p:Product {id: $id})<-[:BOUGHT]-(:Customer)-[:BOUGHT]->(o) RETURN o.id AS id LIMIT 20"


async def recent_orders(session: Session, customer: int) -> list[int]:  # expect: blocking-call
    rows = session.execute(RECENT, {"c": customer})
    return [r.product_id for r in rows]


async def recent_orders_ok(session: AsyncSession, customer: int) -> list[int]:  # expect: clean  # near: blocking-call
    rows = await session.execute(RECENT, {"c": customer})
    return [r.product_id for r in rows]


async def bump_views(session: S, product: int) -> S:  # expect: blocking-call
    session.execute(text("UPDATE products SET views = views + 1 WHERE id = :p"), {"p": product})
    session.commit()
    return session


async def product_names(ids: list[int]) -> dict[int, str]:  # expect: blocking-call
    with SyncSession() as session:
        rows = session.execute(NAMES, {"ids": ids}).all()
    return dict(rows)


async def product_names_ok(ids: list[int]) -> dict[int, str]:  # expect: clean  # near: blocking-call
    async with AsyncSessionMaker() as session:
        rows = (await session.execute(NAMES, {"ids": ids})).all()
    return dict(rows)


def _reindex(session: Session) -> int:  # expect: clean
    return session.execute(text("REINDEX TABLE products")).rowcount


async def reindex(session: AsyncSession) -> int:  # expect: clean  # near: blocking-call
    return await session.run_sync(_reindex)


@contextlib.asynccontextmanager
async def unit_of_work() -> AsyncIterator[AsyncSession]:  # expect: clean
    async with AsyncSessionMaker() as session:
        async with session.begin():
            yield session


async def record_click(customer: int, product: int) -> None:  # expect: unawaited-coroutine
    async with unit_of_work() as session:
        session.execute(
            text("INSERT INTO clicks (customer_id, product_id) VALUES (:c, :p)"), {"c": customer, "p": product}
        )


async def record_click_ok(customer: int, product: int) -> None:  # expect: clean  # near: unawaited-coroutine
    async with unit_of_work() as session:
        session.add(Click(customer_id=customer, product_id=product))


def graph() -> Driver:  # expect: clean
    return GraphDatabase.driver(NEO4J, auth=AUTH)


async def also_bought(product: int) -> list[int]:  # expect: blocking-call
    with graph().session(database="recs") as s:
        result = s.run(ALSO_BOUGHT, id=product)
        return [r["id"] for r in result]


class GraphStore:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.driver: AsyncDriver = AsyncGraphDatabase.driver(NEO4J, auth=AUTH)

    async def also_bought(self, product: int) -> list[int]:
        async with self.driver.session(database="recs") as s:
            result = await s.run(ALSO_BOUGHT, id=product)
            return [r["id"] async for r in result]

    async def close(self) -> None:
        await self.driver.close()


class GraphStoreBoot:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.driver = AsyncGraphDatabase.driver(NEO4J, auth=AUTH)

    async def start(self) -> None:
        self.driver.verify_connectivity()
        log.info("graph up")


async def link_similar(driver: Optional[AsyncDriver], a: int, b: int) -> None:  # expect: unawaited-coroutine
    if driver is None:
        return
    driver.execute_query(
        "MATCH (a:Product {id: $a}), (b:Product {id: $b}) MERGE (a)-[:SIMILAR]->(b)", a=a, b=b, database_="recs"
    )


class SimilarityIndex:  # expect: blocking-call
    def __init__(self, driver: Driver) -> None:
        self._driver = driver

    async def refresh(self) -> None:
        records, _, _ = self._driver.execute_query("CALL gds.nodeSimilarity.write('products', {})", database_="recs")
        log.info("similarity refreshed: %s", records)


async def nightly_rollup() -> None:  # expect: clean
    async with AsyncSessionMaker() as session:
        await session.execute(text("REFRESH MATERIALIZED VIEW CONCURRENTLY product_stats"))
        await session.commit()


def start_jobs_async() -> AsyncIOScheduler:  # expect: clean  # near: unawaited-coroutine
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(nightly_rollup, "cron", hour=3)
    scheduler.start()
    return scheduler


def start_jobs_background() -> BackgroundScheduler:  # expect: unawaited-coroutine
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(nightly_rollup, "cron", hour=3)
    scheduler.start()
    return scheduler


class StatsPublisher:  # expect: thread-unsafe-capture
    """A BackgroundScheduler job pushes a stats snapshot to the websocket fan-out every minute."""

    def __init__(self, outbox: asyncio.Queue) -> None:
        self.outbox = outbox
        self.scheduler = BackgroundScheduler()
        self.scheduler.add_job(self.snapshot, "interval", minutes=1)

    def snapshot(self) -> None:
        with SyncSession() as session:
            stats = session.execute(text("SELECT * FROM product_stats")).all()
        self.outbox.put_nowait(stats)


class StatsPublisherOk:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, outbox: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        self.outbox = outbox
        self.loop = loop
        self.scheduler = BackgroundScheduler()
        self.scheduler.add_job(self.snapshot, "interval", minutes=1)

    def snapshot(self) -> None:
        with SyncSession() as session:
            stats = session.execute(text("SELECT * FROM product_stats")).all()
        self.loop.call_soon_threadsafe(self.outbox.put_nowait, stats)


class CacheWarmer:  # expect: lock-across-await
    """Warms the product-name cache; a BackgroundScheduler job clears it."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self.cache: dict[int, str] = {}

    def _held(self) -> threading.Lock:
        return self._mutex

    async def warm(self, ids: list[int]) -> None:
        lock = self._held()
        lock.acquire()
        try:
            async with AsyncSessionMaker() as session:
                rows = (await session.execute(NAMES, {"ids": ids})).all()
            self.cache.update(dict(rows))
        finally:
            lock.release()


class CacheWarmerOk:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self.cache: dict[int, str] = {}

    def _held(self) -> threading.Lock:
        return self._mutex

    async def warm(self, ids: list[int]) -> None:
        async with AsyncSessionMaker() as session:
            rows = (await session.execute(NAMES, {"ids": ids})).all()
        with self._held():
            self.cache.update(dict(rows))


async def refresh_loop(store: GraphStore, every: float) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await asyncio.sleep(every)
            await store.also_bought(0)
        except:  # noqa: E722
            log.exception("refresh failed")


def _report(exc: BaseException) -> bool:  # expect: clean
    log.error("job failed: %r", exc)
    return not isinstance(exc, (KeyboardInterrupt, SystemExit))


async def run_job(job: Callable[[], Awaitable[None]]) -> None:  # expect: cancellation-swallowed
    try:
        await job()
    except BaseException as exc:
        if not _report(exc):
            raise


async def run_job_ok(job: Callable[[], Awaitable[None]]) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        await job()
    except BaseException as exc:
        _report(exc)
        raise


async def sync_stats_legacy(every: float) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await nightly_rollup()
        except (asyncio.CancelledError, Exception) as exc:
            log.warning("stats sync: %r", exc)
        await asyncio.sleep(every)
