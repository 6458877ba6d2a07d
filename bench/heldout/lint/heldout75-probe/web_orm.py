"""FastAPI / Django style handlers over sync and async ORMs and clients."""
from __future__ import annotations

import asyncio
import json
import pickle
import smtplib
import socket
import tempfile
import urllib.request
from typing import TYPE_CHECKING

import httpx
import pika
import redis
from asgiref.sync import sync_to_async
from boto3 import client as aws_client
from django.contrib.auth.models import User
from elasticsearch import helpers
from fastapi import FastAPI
from google.cloud import firestore
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy import create_engine

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client
    from types_aiobotocore_s3 import S3Client as AsyncS3Client

app = FastAPI()
engine = create_engine("postgresql://app@db/app")
SessionLocal = sessionmaker(engine)
async_engine = create_async_engine("postgresql+asyncpg://app@db/app")
AsyncSessionLocal = async_sessionmaker(async_engine)


@app.get("/users/{uid}")
async def get_user(uid: int) -> dict:  # expect: blocking-call
    with SessionLocal() as session:
        row = session.execute(text("SELECT name FROM users WHERE id = :id"), {"id": uid}).one()
    return {"name": row.name}


@app.get("/users2/{uid}")
async def get_user_async(uid: int) -> dict:  # expect: clean  # near: blocking-call
    async with AsyncSessionLocal() as session:
        row = (await session.execute(text("SELECT name FROM users WHERE id = :id"), {"id": uid})).one()
    return {"name": row.name}


@app.get("/sync-users/{uid}")
def get_user_sync_endpoint(uid: int) -> dict:  # expect: clean  # near: blocking-call
    with SessionLocal() as session:
        row = session.execute(text("SELECT name FROM users WHERE id = :id"), {"id": uid}).one()
    return {"name": row.name}


async def count_users(session: Session) -> int:  # expect: blocking-call
    return session.scalar(text("SELECT count(*) FROM users"))


async def count_users_async(session: AsyncSession) -> int:  # expect: clean  # near: blocking-call
    return await session.scalar(text("SELECT count(*) FROM users"))


async def django_profile(request, username: str) -> dict:  # expect: blocking-call
    user = User.objects.get(username=username)
    return {"email": user.email}


async def django_profile_async(request, username: str) -> dict:  # expect: clean  # near: blocking-call
    user = await User.objects.aget(username=username)
    return {"email": user.email}


async def django_profile_wrapped(request, username: str) -> dict:  # expect: clean  # near: blocking-call
    user = await sync_to_async(User.objects.get)(username=username)
    return {"email": user.email}


async def fetch_status(url: str) -> int:  # expect: blocking-call
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.status


async def fetch_status_httpx(url: str) -> int:  # expect: blocking-call
    return httpx.get(url, timeout=5).status_code


async def fetch_status_async(url: str) -> int:  # expect: clean  # near: blocking-call
    async with httpx.AsyncClient() as client:
        return (await client.get(url)).status_code


async def load_state(path: str) -> dict:  # expect: blocking-call
    return json.load(open(path))


async def load_model(path: str):  # expect: blocking-call
    with open(path, "rb") as fh:
        return pickle.load(fh)


async def spool(data: bytes) -> str:  # expect: blocking-call
    with tempfile.NamedTemporaryFile(delete=False) as tmp:
        tmp.write(data)
        return tmp.name


async def resolve(host: str) -> str:  # expect: blocking-call
    return socket.gethostbyname(host)


async def resolve_async(host: str) -> list:  # expect: clean  # near: blocking-call
    return await asyncio.get_running_loop().getaddrinfo(host, 443)


async def send_alert(text_: str) -> None:  # expect: blocking-call
    with smtplib.SMTP("smtp.internal", 25) as smtp:
        smtp.sendmail("alerts@x", ["ops@x"], text_)


async def enqueue_rabbit(body: bytes) -> None:  # expect: blocking-call
    conn = pika.BlockingConnection(pika.ConnectionParameters("rabbit"))
    conn.channel().basic_publish(exchange="", routing_key="jobs", body=body)


async def pop_job(r: redis.StrictRedis) -> bytes | None:  # expect: blocking-call
    item = r.blpop(["jobs"], timeout=5)
    return item[1] if item else None


async def s3_typed(s3: "S3Client", key: str) -> bytes:  # expect: blocking-call
    return s3.get_object(Bucket="b", Key=key)["Body"].read()


async def s3_typed_async(s3: "AsyncS3Client", key: str) -> bytes:  # expect: clean  # near: blocking-call
    resp = await s3.get_object(Bucket="b", Key=key)
    return await resp["Body"].read()


async def s3_aliased(key: str) -> None:  # expect: blocking-call
    aws_client("s3").delete_object(Bucket="b", Key=key)


async def bulk_index(es, docs: list[dict]) -> tuple:  # expect: blocking-call
    return helpers.bulk(es, ({"_index": "d", "_source": d} for d in docs))


async def firestore_get(doc_id: str) -> dict | None:  # expect: blocking-call
    db = firestore.Client()
    snap = db.collection("docs").document(doc_id).get()
    return snap.to_dict()


async def firestore_get_async(doc_id: str) -> dict | None:  # expect: clean  # near: blocking-call
    db = firestore.AsyncClient()
    snap = await db.collection("docs").document(doc_id).get()
    return snap.to_dict()
