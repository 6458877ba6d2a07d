"""An ingestion service whose clients arrive through helpers, annotations, factories and class hierarchies."""
from __future__ import annotations

import asyncio
import functools
import shutil
import smtplib
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

import boto3
import botocore.client
import pandas as pd
import pymongo
import requests
from elasticsearch import Elasticsearch
from pydantic import BaseModel, ConfigDict
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client
    from pymongo.collection import Collection

engine = create_engine("postgresql://db/app")
SessionLocal = sessionmaker(bind=engine)


def get_s3() -> "S3Client":  # expect: clean
    return boto3.client("s3")


async def put_report(key: str, body: bytes) -> None:  # expect: blocking-call
    get_s3().put_object(Bucket="reports", Key=key, Body=body)


class Deps(BaseModel):  # expect: blocking-call
    model_config = ConfigDict(arbitrary_types_allowed=True)
    mongo: pymongo.MongoClient

    async def count_events(self) -> int:
        return self.mongo["app"]["events"].count_documents({})


class Repo:  # expect: blocking-call
    def __init__(self, coll: "Collection") -> None:
        self.coll = coll

    async def find(self, q: dict) -> list:
        return list(self.coll.find(q))


async def count_rows(table: str) -> int:  # expect: blocking-call
    with SessionLocal() as session:
        return session.execute(text(f"select count(*) from {table}")).scalar_one()


async def count_rows_engine(table: str) -> int:  # expect: blocking-call
    with engine.connect() as conn:
        return conn.execute(text(f"select count(*) from {table}")).scalar_one()


class BaseStorage:  # expect: clean
    def __init__(self) -> None:
        self.s3 = boto3.client("s3")


class ReportStorage(BaseStorage):  # expect: blocking-call
    async def list_reports(self) -> list[str]:
        resp = self.s3.list_objects_v2(Bucket="reports")
        return [o["Key"] for o in resp.get("Contents", [])]


@dataclass
class Mailer:  # expect: blocking-call
    host: str
    smtp: Optional[smtplib.SMTP] = None

    async def send(self, frm: str, to: str, body: str) -> None:
        if self.smtp is None:
            self.smtp = smtplib.SMTP(self.host)
        self.smtp.sendmail(frm, [to], body)


async def search(es: Union[Elasticsearch, None], q: str):  # expect: blocking-call
    return es.search(index="docs", query={"match": {"body": q}})


async def export_frame(df: pd.DataFrame, path: Path) -> None:  # expect: blocking-call
    df.to_csv(path, index=False)


async def frame_to_text(df: pd.DataFrame) -> str:  # expect: clean  # near: blocking-call
    # no path given: to_csv returns the text
    return df.to_csv(index=False)


download = functools.partial(requests.get, timeout=30)


async def fetch_feed(url: str) -> bytes:  # expect: blocking-call
    return download(url).content


async def fetch_feed_offloaded(url: str) -> bytes:  # expect: clean  # near: blocking-call
    resp = await asyncio.to_thread(download, url)
    return resp.content


def _zip_dir(src: Path, dest: Path) -> None:  # expect: clean
    with zipfile.ZipFile(dest, "w") as zf:
        for p in src.rglob("*"):
            zf.write(p, p.relative_to(src))


async def bundle(src: Path, dest: Path) -> None:  # expect: blocking-call
    _zip_dir(src, dest)


async def bundle_offloaded(src: Path, dest: Path) -> None:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, _zip_dir, src, dest)


class Exporter:  # expect: blocking-call
    archive = staticmethod(shutil.make_archive)

    async def export(self, base: str, root: str) -> str:
        return self.archive(base, "zip", root)


async def render_pdf(html_path: str, out: str) -> None:  # expect: blocking-call
    subprocess.check_call(["wkhtmltopdf", html_path, out])


class Uploader:  # expect: blocking-call
    client: botocore.client.BaseClient

    def __init__(self) -> None:
        self.client = boto3.session.Session().client("s3")

    async def upload(self, path: str, key: str) -> None:
        self.client.upload_file(path, "bucket", key)


async def presign(key: str) -> str:  # expect: clean  # near: blocking-call
    # signs locally: no request
    return get_s3().generate_presigned_url("get_object", Params={"Bucket": "b", "Key": key})
