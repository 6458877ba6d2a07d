"""Back office of a billing SaaS: cloud storage, payments, spreadsheets, and the databases behind them."""
from __future__ import annotations

import asyncio
from typing import Union

import boto3
import gspread
import peewee
import pymongo
import stripe
from azure.storage.blob import BlobServiceClient
from azure.storage.blob.aio import BlobServiceClient as AsyncBlobServiceClient
from cassandra.cluster import Cluster
from django.contrib.auth.models import User
from elasticsearch import AsyncElasticsearch, Elasticsearch
from google.cloud import bigquery, storage
from motor.motor_asyncio import AsyncIOMotorClient
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from twilio.rest import Client as TwilioClient

from .models import Invoice

s3 = boto3.client("s3")


async def upload_invoice_pdf(key: str, data: bytes) -> None:  # expect: blocking-call
    s3.put_object(Bucket="invoices", Key=key, Body=data)


async def list_archive(prefix: str) -> list[str]:  # expect: blocking-call
    paginator = boto3.client("s3").get_paginator("list_objects_v2")
    keys = []
    for page in paginator.paginate(Bucket="archive", Prefix=prefix):
        keys.extend(o["Key"] for o in page.get("Contents", []))
    return keys


async def archive_offloaded(key: str, data: bytes) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(s3.put_object, Bucket="archive", Key=key, Body=data)


class Archive:  # expect: blocking-call
    def __init__(self) -> None:
        self.bucket = boto3.resource("s3").Bucket("archive")

    async def restore(self, key: str, dest: str) -> None:
        self.bucket.download_file(key, dest)


async def gcs_upload(path: str, name: str) -> None:  # expect: blocking-call
    bucket = storage.Client().bucket("reports")
    bucket.blob(name).upload_from_filename(path)


async def monthly_totals(month: str):  # expect: blocking-call
    client = bigquery.Client()
    rows = client.query(f"select sum(total) from billing where month = '{month}'").result()
    return list(rows)


async def append_to_sheet(row: list) -> None:  # expect: blocking-call
    gc = gspread.service_account()
    gc.open("billing").sheet1.append_row(row)


async def azure_put(conn_str: str, name: str, data: bytes) -> None:  # expect: blocking-call
    svc = BlobServiceClient.from_connection_string(conn_str)
    svc.get_blob_client("invoices", name).upload_blob(data)


async def azure_put_async(conn_str: str, name: str, data: bytes) -> None:  # expect: clean  # near: blocking-call
    async with AsyncBlobServiceClient.from_connection_string(conn_str) as svc:
        await svc.get_blob_client("invoices", name).upload_blob(data)


async def charge(customer: str, cents: int) -> str:  # expect: blocking-call
    intent = stripe.PaymentIntent.create(customer=customer, amount=cents, currency="eur")
    return intent.id


async def charge_async(customer: str, cents: int) -> str:  # expect: clean  # near: blocking-call
    intent = await stripe.PaymentIntent.create_async(customer=customer, amount=cents, currency="eur")
    return intent.id


class SmsSender:  # expect: blocking-call
    def __init__(self, sid: str, token: str) -> None:
        self.client = TwilioClient(sid, token)

    async def send(self, to: str, body: str) -> None:
        self.client.messages.create(to=to, from_="+10000000000", body=body)


async def invoices_for(session: Session, customer_id: int):  # expect: blocking-call
    return session.query(Invoice).filter_by(customer_id=customer_id).all()


async def invoices_for_async(session: AsyncSession, customer_id: int):  # expect: clean  # near: blocking-call
    from sqlalchemy import select
    result = await session.execute(select(Invoice).where(Invoice.customer_id == customer_id))
    return result.scalars().all()


async def mark_paid(session: Session, invoice: Invoice) -> None:  # expect: blocking-call
    invoice.paid = True
    session.add(invoice)
    session.commit()


async def staff_emails(request):  # expect: blocking-call
    return [u.email for u in User.objects.filter(is_staff=True)]


async def staff_emails_async(request):  # expect: clean  # near: blocking-call
    return [u.email async for u in User.objects.filter(is_staff=True)]


async def get_user(pk: int):  # expect: blocking-call
    return User.objects.get(pk=pk)


async def get_user_async(pk: int):  # expect: clean  # near: blocking-call
    return await User.objects.aget(pk=pk)


db = peewee.SqliteDatabase("billing.db")


class Customer(peewee.Model):  # expect: clean
    name = peewee.CharField()

    class Meta:
        database = db


async def customer_names() -> list[str]:  # expect: blocking-call
    return [c.name for c in Customer.select()]


class EventStore:  # expect: blocking-call
    def __init__(self, uri: str) -> None:
        self.coll = pymongo.MongoClient(uri)["billing"]["events"]

    async def record(self, event: dict) -> None:
        self.coll.insert_one(event)


class AsyncEventStore:  # expect: clean  # near: blocking-call
    def __init__(self, uri: str) -> None:
        self.coll = AsyncIOMotorClient(uri)["billing"]["events"]

    async def record(self, event: dict) -> None:
        await self.coll.insert_one(event)


async def ledger_rows(account: str):  # expect: blocking-call
    session = Cluster(["cass1"]).connect("ledger")
    return list(session.execute("select * from rows where account=%s", (account,)))


class SearchSettings(BaseModel):  # expect: clean
    url: str = "http://es:9200"


class SearchIndex:  # expect: blocking-call
    def __init__(self, es: Union[Elasticsearch, None] = None) -> None:
        self.es = es or Elasticsearch("http://es:9200")

    async def index(self, doc: dict) -> None:
        self.es.index(index="invoices", document=doc)


class AsyncSearchIndex:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.es = AsyncElasticsearch("http://es:9200")

    async def index(self, doc: dict) -> None:
        await self.es.index(index="invoices", document=doc)


def nightly_export() -> None:  # expect: clean  # near: blocking-call
    # runs under cron, never on the loop
    s3.upload_file("/tmp/export.csv", "exports", "latest.csv")


def _s3():  # expect: clean
    return boto3.client("s3", region_name="eu-west-1")


async def head_object(key: str) -> dict:  # expect: blocking-call
    return _s3().head_object(Bucket="invoices", Key=key)
