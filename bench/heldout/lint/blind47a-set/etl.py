"""An async ETL runner: pulls exports from S3, reshapes them with pandas/pyarrow, loads the warehouse."""
from __future__ import annotations

import asyncio
import io
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import aioboto3
import boto3
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from botocore.client import BaseClient

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_sqs import SQSClient

log = logging.getLogger("etl")
Frame = pd.DataFrame


def s3_client(region: str = "eu-west-1") -> BaseClient:  # expect: clean
    return boto3.client("s3", region_name=region)


def frame_from_bytes(raw: bytes) -> pd.DataFrame:  # expect: clean  # near: blocking-call
    return pd.read_csv(io.BytesIO(raw))


async def extract_orders(bucket: str, key: str) -> pd.DataFrame:  # expect: blocking-call
    body = s3_client().get_object(Bucket=bucket, Key=key)["Body"].read()
    return frame_from_bytes(body)


async def extract_orders_async(bucket: str, key: str) -> pd.DataFrame:  # expect: clean  # near: blocking-call
    session = aioboto3.Session()
    async with session.client("s3") as s3:
        obj = await s3.get_object(Bucket=bucket, Key=key)
        body = await obj["Body"].read()
    return frame_from_bytes(body)


@dataclass
class Stage:  # expect: blocking-call
    name: str
    s3: "S3Client" = field(default_factory=lambda: boto3.client("s3"))
    bucket: str = "etl-stage"

    async def publish(self, frame: Frame) -> str:
        buf = io.BytesIO()
        frame.to_parquet(buf, index=False)
        key = f"{self.name}/part-0.parquet"
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=buf.getvalue())
        return key


@dataclass
class StageThreaded:  # expect: clean  # near: blocking-call
    name: str
    s3: "S3Client" = field(default_factory=lambda: boto3.client("s3"))
    bucket: str = "etl-stage"

    async def publish(self, frame: Frame) -> str:
        buf = io.BytesIO()
        frame.to_parquet(buf, index=False)
        key = f"{self.name}/part-0.parquet"
        await asyncio.to_thread(self.s3.put_object, Bucket=self.bucket, Key=key, Body=buf.getvalue())
        return key


async def load_local(path: Path) -> Frame:  # expect: blocking-call
    table = pq.read_table(path, columns=["order_id", "amount", "ts"])
    return table.to_pandas()


async def load_local_threaded(path: Path) -> Frame:  # expect: clean  # near: blocking-call
    table = await asyncio.to_thread(pq.read_table, path, columns=["order_id", "amount", "ts"])
    return table.to_pandas()


async def write_daily(frame: Frame, out_dir: Path, day: str) -> Path:  # expect: blocking-call
    target = out_dir / f"orders-{day}.csv"
    frame.to_csv(target, index=False)
    return target


async def summarize(frame: Frame) -> dict[str, Any]:  # expect: clean  # near: blocking-call
    daily = frame.groupby(frame["ts"].dt.date)["amount"].sum()
    csv_text = daily.to_csv()
    return {"days": len(daily), "csv": csv_text, "total": float(frame["amount"].sum())}


async def arrow_roundtrip(frame: Frame) -> pa.Table:  # expect: clean  # near: blocking-call
    table = pa.Table.from_pandas(frame, preserve_index=False)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return pq.read_table(pa.BufferReader(sink.getvalue()))


class ParquetSink:  # expect: blocking-call
    def __init__(self, path: str, schema: pa.Schema) -> None:
        self._writer: Optional[pq.ParquetWriter] = None
        self._path = path
        self._schema = schema

    def _ensure(self) -> pq.ParquetWriter:
        if self._writer is None:
            self._writer = pq.ParquetWriter(self._path, self._schema)
        return self._writer

    async def write_batch(self, batch: pa.RecordBatch) -> None:
        self._ensure().write_batch(batch)


class QueueDrainer:  # expect: blocking-call
    def __init__(self, queue_url: str) -> None:
        self.sqs: SQSClient = boto3.client("sqs")
        self.queue_url = queue_url

    async def drain(self, handle) -> None:
        while True:
            resp = self.sqs.receive_message(QueueUrl=self.queue_url, WaitTimeSeconds=20)
            for m in resp.get("Messages", []):
                await handle(m)


class QueueDrainerAsync:  # expect: clean  # near: blocking-call
    def __init__(self, queue_url: str) -> None:
        self.session = aioboto3.Session()
        self.queue_url = queue_url

    async def drain(self, handle) -> None:
        async with self.session.client("sqs") as sqs:
            while True:
                resp = await sqs.receive_message(QueueUrl=self.queue_url, WaitTimeSeconds=20)
                for m in resp.get("Messages", []):
                    await handle(m)


async def list_exports(client: BaseClient, bucket: str, prefix: str) -> list[str]:  # expect: blocking-call
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    return [o["Key"] for page in pages for o in page.get("Contents", [])]


async def warehouse_load(frame: Frame, engine, table: str) -> int:  # expect: blocking-call
    # to_sql has no async path: whatever the connectable, the rows go over the wire on this thread
    return frame.to_sql(table, engine, if_exists="append", index=False)


class Checkpoint:  # expect: lock-across-await
    _lock = threading.RLock()

    def __init__(self, s3: "S3Client", bucket: str) -> None:
        self.s3 = s3
        self.bucket = bucket
        self.done: set[str] = set()

    async def mark(self, key: str, flush) -> None:
        with self._lock:
            self.done.add(key)
            if len(self.done) % 100 == 0:
                await flush(sorted(self.done))


class CheckpointOk:  # expect: clean  # near: lock-across-await
    _lock = threading.RLock()

    def __init__(self, bucket: str) -> None:
        self.bucket = bucket
        self.done: set[str] = set()

    async def mark(self, key: str, flush) -> None:
        with self._lock:
            self.done.add(key)
            snapshot = sorted(self.done) if len(self.done) % 100 == 0 else None
        if snapshot is not None:
            await flush(snapshot)


async def run_stage(stage: Stage, frames: asyncio.Queue) -> int:  # expect: cancellation-swallowed
    published = 0
    while True:
        frame = await frames.get()
        try:
            await stage.publish(frame)
            published += 1
        except asyncio.CancelledError:
            log.warning("stage %s interrupted mid-publish", stage.name)
            return published
        finally:
            frames.task_done()


async def run_stage_ok(stage: StageThreaded, frames: asyncio.Queue) -> int:  # expect: clean  # near: cancellation-swallowed
    published = 0
    while True:
        frame = await frames.get()
        try:
            await stage.publish(frame)
            published += 1
        except asyncio.CancelledError:
            log.warning("stage %s interrupted mid-publish (%d done)", stage.name, published)
            raise
        finally:
            frames.task_done()


async def pipeline(keys: list[str], bucket: str) -> None:  # expect: dangling-task, ?unbounded-queue
    frames: asyncio.Queue = asyncio.Queue()
    stage = StageThreaded("orders")
    asyncio.create_task(run_stage_ok(stage, frames))
    for key in keys:
        await frames.put(await extract_orders_async(bucket, key))
    await frames.join()


async def pipeline_ok(keys: list[str], bucket: str) -> None:  # expect: clean  # near: dangling-task
    frames: asyncio.Queue = asyncio.Queue(maxsize=4)
    stage = StageThreaded("orders")
    worker = asyncio.create_task(run_stage_ok(stage, frames))
    try:
        for key in keys:
            await frames.put(await extract_orders_async(bucket, key))
        await frames.join()
    finally:
        worker.cancel()


class PartitionLocks:  # expect: lock-across-await
    def __init__(self) -> None:
        self._locks: dict[str, threading.Lock] = {}

    async def rewrite(self, partition: str, rebuild) -> None:
        with self._locks.setdefault(partition, threading.Lock()):
            await rebuild(partition)


class PartitionLocksOk:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}

    async def rewrite(self, partition: str, rebuild) -> None:
        async with self._locks.setdefault(partition, asyncio.Lock()):
            await rebuild(partition)
