"""Cloud glue: Firestore documents, SQS through botocore, S3 through boto3."""
from __future__ import annotations

import asyncio
import logging

import boto3
import botocore.session
import firebase_admin
from firebase_admin import firestore, firestore_async
from google.cloud import firestore as gfs

log = logging.getLogger("cloud")


class UserStore:  # expect: blocking-call
    def __init__(self) -> None:
        self.db = firestore.client()

    async def get(self, uid: str) -> dict | None:
        snap = self.db.collection("users").document(uid).get()
        return snap.to_dict() if snap.exists else None


class AsyncUserStore:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.db = firestore_async.client()

    async def get(self, uid: str) -> dict | None:
        snap = await self.db.collection("users").document(uid).get()
        return snap.to_dict() if snap.exists else None


class AsyncUserStoreForgets:  # expect: unawaited-coroutine
    def __init__(self, db: gfs.AsyncClient) -> None:
        self.db = db

    async def touch(self, uid: str) -> None:
        self.db.collection("users").document(uid).set({"seen": True}, merge=True)


async def delete_users(db: gfs.Client, uids: list[str]) -> None:  # expect: blocking-call
    for uid in uids:
        db.document(f"users/{uid}").delete()


async def user_refs(db: gfs.Client, uids: list[str]) -> list[str]:  # expect: clean  # near: blocking-call
    return [db.collection("users").document(u).path for u in uids]


async def pending_jobs(queue_url: str) -> list[dict]:  # expect: blocking-call
    session = botocore.session.Session()
    sqs = session.create_client("sqs")
    resp = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=20)
    return resp.get("Messages", [])


async def pending_jobs_threaded(queue_url: str) -> list[dict]:  # expect: clean  # near: blocking-call
    sqs = botocore.session.get_session().create_client("sqs")
    resp = await asyncio.to_thread(sqs.receive_message, QueueUrl=queue_url, WaitTimeSeconds=20)
    return resp.get("Messages", [])


async def copy_object(src: str, dst: str) -> None:  # expect: blocking-call
    s3 = boto3.Session(profile_name="ops").resource("s3")
    s3.Object("bucket", dst).copy_from(CopySource={"Bucket": "bucket", "Key": src})


async def count_orders(db: gfs.Client, uid: str) -> int:  # expect: blocking-call
    orders = db.collection("users").document(uid).collection("orders")
    return len(list(orders.where("open", "==", True).stream()))


async def txn_read(db: gfs.AsyncClient, ref_path: str) -> dict | None:  # expect: clean  # near: unawaited-coroutine
    snap = await db.document(ref_path).get()
    return snap.to_dict()
