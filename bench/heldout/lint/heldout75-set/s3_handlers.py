"""Upload service: HTTP handlers that move user files to S3 and back."""
from __future__ import annotations

import asyncio
import functools
import io
from typing import Any

import aioboto3
import boto3
import botocore.session
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

BUCKET = "user-uploads"
_s3 = boto3.client("s3", config=Config(retries={"max_attempts": 3}))
_session = aioboto3.Session()


async def put_avatar(request) -> dict:  # expect: blocking-call
    body = await request.read()
    key = f"avatars/{request.match_info['user']}.png"
    _s3.put_object(Bucket=BUCKET, Key=key, Body=body, ContentType="image/png")
    return {"key": key}


async def put_avatar_async(request) -> dict:  # expect: clean  # near: blocking-call
    body = await request.read()
    key = f"avatars/{request.match_info['user']}.png"
    async with _session.client("s3") as s3:
        await s3.put_object(Bucket=BUCKET, Key=key, Body=body)
    return {"key": key}


async def presign_download(key: str) -> str:  # expect: clean, ?blocking-call  # near: blocking-call
    # generate_presigned_url signs locally, it makes no request
    return _s3.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": key}, ExpiresIn=600)


async def archive_report(report_path: str, key: str) -> None:  # expect: blocking-call
    s3 = boto3.client("s3")
    config = TransferConfig(multipart_threshold=8 * 1024 * 1024)
    s3.upload_file(report_path, BUCKET, key, Config=config)


async def archive_report_offloaded(report_path: str, key: str) -> None:  # expect: clean  # near: blocking-call
    s3 = boto3.client("s3")
    await asyncio.to_thread(s3.upload_file, report_path, BUCKET, key)


class ObjectStore:  # expect: blocking-call
    def __init__(self, region: str) -> None:
        self.client = boto3.session.Session(region_name=region).client("s3")

    async def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=BUCKET, Key=key)
            return True
        except self.client.exceptions.ClientError:
            return False


class ThreadedObjectStore:  # expect: clean  # near: blocking-call
    def __init__(self, region: str) -> None:
        self.client = boto3.client("s3", region_name=region)

    def _list(self, prefix: str) -> list[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)
        return [obj["Key"] for page in pages for obj in page.get("Contents", [])]

    async def list_keys(self, prefix: str) -> list[str]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, functools.partial(self._list, prefix))


async def download_to_memory(key: str) -> bytes:  # expect: blocking-call
    buf = io.BytesIO()
    _s3.download_fileobj(BUCKET, key, buf)
    return buf.getvalue()


async def read_object_stream(key: str) -> bytes:  # expect: blocking-call
    resp = _s3.get_object(Bucket=BUCKET, Key=key)
    return resp["Body"].read()


async def queue_depth(queue_url: str) -> int:  # expect: blocking-call
    sqs = botocore.session.get_session().create_client("sqs", region_name="eu-west-1")
    attrs = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["ApproximateNumberOfMessages"])
    return int(attrs["Attributes"]["ApproximateNumberOfMessages"])


async def queue_depth_async(queue_url: str) -> int:  # expect: clean  # near: blocking-call
    async with _session.client("sqs", region_name="eu-west-1") as sqs:
        attrs = await sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["ApproximateNumberOfMessages"])
    return int(attrs["Attributes"]["ApproximateNumberOfMessages"])


async def describe_table(name: str) -> dict[str, Any]:  # expect: blocking-call
    table = boto3.resource("dynamodb").Table(name)
    return table.get_item(Key={"pk": "meta"}).get("Item", {})


def s3_delete_sync(keys: list[str]) -> None:  # expect: clean  # near: blocking-call
    # a CLI maintenance command, never on the loop
    _s3.delete_objects(Bucket=BUCKET, Delete={"Objects": [{"Key": k} for k in keys]})
