"""Handlers over many client libraries: the sync ones block, their async twins do not."""
from __future__ import annotations

import asyncio
import configparser
import tomllib

import clickhouse_driver
import diskcache
import dramatiq
import hvac
import httplib2
import magic
import mongoengine
import peewee
import pexpect
import portalocker
import pynamodb.models
import qrcode
import snowflake.connector
import torch
import xlsxwriter
import yaml
import zeep
from azure.storage.blob import BlobServiceClient
from azure.storage.blob.aio import BlobServiceClient as AsyncBlobServiceClient
from dotenv import load_dotenv
from minio import Minio
from redis import Redis
from rq import Queue as RqQueue
from sqlmodel import Session as SqlModelSession, select
from tinydb import TinyDB
from tortoise.models import Model as TortoiseModel

db = peewee.SqliteDatabase("app.db")


class Note(peewee.Model):  # expect: clean
    text = peewee.TextField()

    class Meta:
        database = db


class Profile(mongoengine.Document):  # expect: clean
    name = mongoengine.StringField()


class Event(pynamodb.models.Model):  # expect: clean
    class Meta:
        table_name = "events"


class Item(TortoiseModel):  # expect: clean
    pass


async def latest_note() -> str:  # expect: blocking-call
    return Note.select().order_by(Note.id.desc()).get().text


async def profile_name(pk: str) -> str:  # expect: blocking-call
    return Profile.objects(pk=pk).first().name


async def event(pk: str) -> dict:  # expect: blocking-call
    return Event.get(pk).attribute_values


async def item_count() -> int:  # expect: clean  # near: blocking-call
    return await Item.all().count()


async def put_blob(mc: Minio, name: str, path: str) -> None:  # expect: blocking-call
    mc.fput_object("bucket", name, path)


async def vault_secret(path: str) -> dict:  # expect: blocking-call
    client = hvac.Client(url="https://vault:8200")
    return client.secrets.kv.v2.read_secret_version(path=path)["data"]["data"]


async def ch_rows(sql: str) -> list:  # expect: blocking-call
    return clickhouse_driver.Client("ch").execute(sql)


async def warehouse(sql: str) -> list:  # expect: blocking-call
    conn = snowflake.connector.connect(user="u", account="a")
    return conn.cursor().execute(sql).fetchall()


async def legacy_get(url: str) -> bytes:  # expect: blocking-call
    _, body = httplib2.Http().request(url)
    return body


async def soap_call(wsdl: str) -> object:  # expect: blocking-call
    return zeep.Client(wsdl).service.GetStatus()


async def soap_call_async(wsdl: str) -> object:  # expect: clean  # near: blocking-call
    client = zeep.AsyncClient(wsdl)
    return await client.service.GetStatus()


async def read_yaml(path: str) -> dict:  # expect: blocking-call
    with open(path) as fh:
        return yaml.safe_load(fh)


async def read_toml(path: str) -> dict:  # expect: blocking-call
    with open(path, "rb") as fh:
        return tomllib.load(fh)


async def read_ini(path: str) -> configparser.ConfigParser:  # expect: blocking-call
    cp = configparser.ConfigParser()
    cp.read(path)
    return cp


async def parse_yaml_text(text: str) -> dict:  # expect: clean  # near: blocking-call
    return yaml.safe_load(text)


async def env_setup() -> None:  # expect: blocking-call
    load_dotenv(".env")


async def sniff(path: str) -> str:  # expect: blocking-call
    return magic.from_file(path, mime=True)


async def load_weights(path: str):  # expect: blocking-call
    return torch.load(path, map_location="cpu")


async def export_xlsx(rows: list, path: str) -> None:  # expect: blocking-call
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet()
    for i, row in enumerate(rows):
        ws.write_row(i, 0, row)
    wb.close()


async def qr_png(data: str, path: str) -> None:  # expect: blocking-call
    qrcode.make(data).save(path)


async def tiny_insert(doc: dict) -> int:  # expect: blocking-call
    return TinyDB("db.json").insert(doc)


async def cache_get(cache: diskcache.Cache, key: str) -> object:  # expect: blocking-call
    return cache.get(key)


async def locked_write(path: str, data: str) -> None:  # expect: blocking-call
    with portalocker.Lock(path, "a", timeout=10) as fh:
        fh.write(data)


async def ssh_expect(host: str) -> str:  # expect: blocking-call
    child = pexpect.spawn(f"ssh {host}")
    child.expect("password:")
    return child.before.decode()


async def enqueue_report(user_id: int) -> str:  # expect: blocking-call
    q = RqQueue("reports", connection=Redis())
    return q.enqueue("reports.build", user_id).id


@dramatiq.actor
def build_report(user_id: int) -> None:  # expect: clean
    pass


async def enqueue_dramatiq(user_id: int) -> None:  # expect: blocking-call
    build_report.send(user_id)


async def sqlmodel_rows(engine) -> list:  # expect: blocking-call
    with SqlModelSession(engine) as session:
        return list(session.exec(select(Note)))


async def azure_upload(conn_str: str, name: str, data: bytes) -> None:  # expect: blocking-call
    svc = BlobServiceClient.from_connection_string(conn_str)
    svc.get_blob_client("c", name).upload_blob(data, overwrite=True)


async def azure_upload_async(conn_str: str, name: str, data: bytes) -> None:  # expect: clean  # near: blocking-call
    async with AsyncBlobServiceClient.from_connection_string(conn_str) as svc:
        await svc.get_blob_client("c", name).upload_blob(data, overwrite=True)
