"""More of the data platform: model artefacts, object stores, payments and ORMs used from async handlers."""
from __future__ import annotations

import asyncio
import hashlib
import json
import os
import pickle
import tarfile
from pathlib import Path

import boto3
import numpy as np
import pandas as pd
import stripe
import torch
from cassandra.cluster import Session as CassandraSession
from django.db import models
from elasticsearch import Elasticsearch, helpers
from google.cloud import bigquery, storage
from PIL import Image
from tokenizers import Tokenizer
import onnxruntime as ort


class Order(models.Model):  # expect: clean
    total = models.IntegerField()


async def create_order(total: int) -> int:  # expect: blocking-call
    order = Order.objects.create(total=total)
    return order.pk


async def order_count() -> int:  # expect: blocking-call
    return Order.objects.filter(total__gt=0).count()


async def order_count_async() -> int:  # expect: clean  # near: blocking-call
    return await Order.objects.filter(total__gt=0).acount()


async def touch(order: Order) -> None:  # expect: blocking-call
    order.total += 1
    order.save()


async def touch_async(order: Order) -> None:  # expect: clean  # near: blocking-call
    order.total += 1
    await order.asave()


async def load_tokenizer(path: str) -> Tokenizer:  # expect: blocking-call
    return Tokenizer.from_file(path)


async def encode(tok: Tokenizer, text: str) -> list[int]:  # expect: clean  # near: blocking-call
    return tok.encode(text).ids


async def onnx_session(path: str):  # expect: blocking-call
    return ort.InferenceSession(path)


async def save_embeddings(vecs, path: str) -> None:  # expect: blocking-call
    np.save(path, vecs)


async def to_excel(df: pd.DataFrame, path: str) -> None:  # expect: blocking-call
    df.to_excel(path)


async def read_excel(path: str) -> pd.DataFrame:  # expect: blocking-call
    return pd.read_excel(path)


async def load_pickle(path: Path):  # expect: blocking-call
    with path.open("rb") as fh:
        return pickle.load(fh)


async def load_state(path: str):  # expect: blocking-call
    return json.load(open(path))


async def hub_model(name: str):  # expect: blocking-call
    return torch.hub.load("pytorch/vision", name)


async def torch_jit(path: str):  # expect: blocking-call
    return torch.jit.load(path)


async def s3_body(bucket: str, key: str) -> bytes:  # expect: blocking-call
    obj = boto3.resource("s3").Object(bucket, key)
    return obj.get()["Body"].read()


async def s3_download(key: str, fh) -> None:  # expect: blocking-call
    boto3.client("s3").download_fileobj("bucket", key, fh)


async def s3_wait(key: str) -> None:  # expect: blocking-call
    boto3.client("s3").get_waiter("object_exists").wait(Bucket="b", Key=key)


async def gcs_bytes(name: str) -> bytes:  # expect: blocking-call
    return storage.Client().bucket("b").blob(name).download_as_bytes()


async def bq_frame(sql: str) -> pd.DataFrame:  # expect: blocking-call
    return bigquery.Client().query(sql).to_dataframe()


async def customers() -> list:  # expect: blocking-call
    return [c for c in stripe.Customer.list(limit=100).auto_paging_iter()]


async def cql(session: CassandraSession, user: str):  # expect: blocking-call
    return session.execute("select * from events where user=%s", (user,)).all()


async def reindex(es: Elasticsearch, docs) -> None:  # expect: blocking-call
    helpers.bulk(es, docs)


async def scan_all(es: Elasticsearch) -> list:  # expect: blocking-call
    return list(helpers.scan(es, index="docs"))


async def thumb(path: str) -> bytes:  # expect: blocking-call
    img = Image.open(path).convert("RGB")
    img.save(path + ".jpg")
    return b""


async def digest(path: str) -> str:  # expect: blocking-call
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


async def listing(root: str) -> list[str]:  # expect: blocking-call
    return [e.name for e in os.scandir(root)]


async def children(root: Path) -> list[Path]:  # expect: blocking-call
    return list(root.iterdir())


async def free_space(root: str) -> int:  # expect: ?blocking-call
    import shutil
    return shutil.disk_usage(root).free


async def pack(paths: list[str], out: str) -> None:  # expect: blocking-call
    tf = tarfile.open(out, "w:gz")
    for p in paths:
        tf.add(p)
    tf.close()


async def path_parts(p: Path) -> tuple:  # expect: clean  # near: blocking-call
    return p.parent.name, p.stem, p.suffix


async def np_math(vecs) -> float:  # expect: clean  # near: blocking-call
    return float(np.linalg.norm(np.asarray(vecs)))


def _read_lines(path: str) -> list[str]:  # expect: clean
    with open(path) as fh:
        return fh.read().splitlines()


class LineSource:  # expect: blocking-call
    def __init__(self, path: str) -> None:
        self.path = path

    @property
    def lines(self) -> list[str]:
        return _read_lines(self.path)

    async def count(self) -> int:
        return len(self.lines)


async def ask_user() -> str:  # expect: blocking-call
    def prompt() -> str:
        return input("name? ")
    return prompt()


async def ask_user_thread() -> str:  # expect: clean  # near: blocking-call
    def prompt() -> str:
        return input("name? ")
    return await asyncio.to_thread(prompt)
