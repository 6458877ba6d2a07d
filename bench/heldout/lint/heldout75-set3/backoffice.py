"""Back-office API: reports queued to workers, rows in a peewee database, warehouse queries."""
from __future__ import annotations

import asyncio
import datetime

import clickhouse_driver
import dramatiq
import peewee
import snowflake.connector
from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model
from redis import Redis
from rq import Queue
from rq.job import Job
from sqlmodel import Field, Session, SQLModel, create_engine, select

db = peewee.SqliteDatabase("backoffice.db")
engine = create_engine("sqlite:///backoffice.db")
jobs = Queue("reports", connection=Redis())


class Invoice(peewee.Model):  # expect: clean
    number = peewee.CharField()
    total = peewee.DecimalField()

    class Meta:
        database = db


class Customer(SQLModel, table=True):  # expect: clean
    id: int | None = Field(default=None, primary_key=True)
    name: str


class Counter(Model):  # expect: clean
    class Meta:
        table_name = "counters"

    name = UnicodeAttribute(hash_key=True)
    value = NumberAttribute(default=0)


@dramatiq.actor(max_retries=3)
def render_pdf(invoice_id: int) -> None:  # expect: clean
    Invoice.get_by_id(invoice_id)


async def invoice_total(number: str) -> float:  # expect: blocking-call
    inv = Invoice.get(Invoice.number == number)
    return float(inv.total)


async def recent_invoices(limit: int) -> list[str]:  # expect: blocking-call
    query = Invoice.select().order_by(Invoice.id.desc()).limit(limit)
    return [i.number for i in query]


async def invoice_query(limit: int) -> str:  # expect: clean  # near: blocking-call
    return str(Invoice.select().limit(limit).sql())


async def customers() -> list[Customer]:  # expect: blocking-call
    with Session(engine) as session:
        return session.exec(select(Customer)).all()


def customers_sync() -> list[Customer]:  # expect: clean  # near: blocking-call
    with Session(engine) as session:
        return session.exec(select(Customer)).all()


async def customers_offloaded() -> list[Customer]:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(customers_sync)


async def bump(name: str) -> None:  # expect: blocking-call
    Counter(name).update(actions=[Counter.value.add(1)])


async def queue_pdf(invoice_id: int) -> None:  # expect: blocking-call
    render_pdf.send(invoice_id)


async def queue_pdf_later(invoice_id: int) -> None:  # expect: blocking-call
    jobs.enqueue_in(datetime.timedelta(minutes=5), render_pdf, invoice_id)


async def job_state(job_id: str) -> str:  # expect: blocking-call
    return Job.fetch(job_id, connection=Redis()).get_status()


async def queue_pdf_offloaded(invoice_id: int) -> None:  # expect: clean  # near: blocking-call
    await asyncio.get_running_loop().run_in_executor(None, render_pdf.send, invoice_id)


class Warehouse:  # expect: blocking-call
    def __init__(self) -> None:
        self.ch = clickhouse_driver.Client(host="ch")

    async def daily(self) -> list:
        return self.ch.execute("SELECT day, count() FROM events GROUP BY day")


class SnowflakeReports:  # expect: blocking-call
    def __init__(self, conn: snowflake.connector.SnowflakeConnection) -> None:
        self.conn = conn

    async def revenue(self) -> list:
        cur = self.conn.cursor()
        cur.execute("SELECT SUM(amount) FROM sales")
        return cur.fetchall()


class NotAModel:  # expect: clean  # near: blocking-call
    """A cache whose `get`/`create` only touch a dict."""

    def __init__(self) -> None:
        self.items: dict = {}

    def get(self, key: str) -> object:
        return self.items.get(key)

    def create(self, key: str, value: object) -> None:
        self.items[key] = value

    async def warm(self, keys: list[str], load) -> None:
        for key in keys:
            if self.get(key) is None:
                self.create(key, await load(key))
