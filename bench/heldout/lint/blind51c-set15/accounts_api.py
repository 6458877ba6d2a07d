"""An accounts API: auth, signed URLs, queues and metrics; much of it only looks like I/O."""
from __future__ import annotations

import asyncio
import getpass
import hashlib
import hmac
import os
import socket
from typing import Any

import boto3
import jwt
import stripe
from argon2 import PasswordHasher
from celery import Celery
from cryptography.fernet import Fernet
from datadog import api as datadog_api
from datadog import statsd
from passlib.context import CryptContext

_hasher = PasswordHasher()
_pwd = CryptContext(schemes=["bcrypt"], deprecated="auto")
_s3 = boto3.client("s3")
_sqs = boto3.client("sqs")
celery_app = Celery("accounts", broker=os.environ.get("BROKER_URL", "redis://localhost"))


async def verify_password(stored: str, given: str) -> bool:  # expect: blocking-call
    return _hasher.verify(stored, given)


async def verify_password_offloaded(stored: str, given: str) -> bool:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(_hasher.verify, stored, given)


async def verify_legacy(stored: str, given: str) -> bool:  # expect: blocking-call
    return _pwd.verify(given, stored)


async def avatar_upload_url(user_id: str) -> str:  # expect: clean  # near: blocking-call
    return _s3.generate_presigned_url("put_object", Params={"Bucket": "avatars", "Key": user_id}, ExpiresIn=600)


async def next_job(queue_url: str) -> dict[str, Any] | None:  # expect: blocking-call
    resp = _sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=20, MaxNumberOfMessages=1)
    messages = resp.get("Messages", [])
    return messages[0] if messages else None


async def webhook(payload: bytes, signature: str, secret: str) -> str:  # expect: clean  # near: blocking-call
    event = stripe.Webhook.construct_event(payload, signature, secret)
    return event["type"]


async def session_claims(token: str, key: str) -> dict[str, Any]:  # expect: clean  # near: blocking-call
    return jwt.decode(token, key, algorithms=["HS256"])


async def seal(data: bytes, key: bytes) -> bytes:  # expect: clean  # near: blocking-call
    return Fernet(key).encrypt(data)


async def sign(body: bytes, secret: bytes) -> str:  # expect: clean  # near: blocking-call
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


async def count_login(ok: bool) -> None:  # expect: clean  # near: blocking-call
    statsd.increment("logins", tags=[f"ok:{ok}"])


async def report_daily(total: int) -> None:  # expect: blocking-call
    datadog_api.Metric.send(metric="accounts.daily", points=total)


async def who_runs() -> dict[str, str]:  # expect: clean  # near: blocking-call
    return {"host": socket.gethostname(), "user": getpass.getuser(), "pid": str(os.getpid())}


async def send_welcome(user_id: str) -> str:  # expect: clean  # near: blocking-call
    result = celery_app.send_task("mail.welcome", args=[user_id])
    return result.id


async def send_welcome_and_wait(user_id: str) -> Any:  # expect: blocking-call
    result = celery_app.send_task("mail.welcome", args=[user_id])
    return result.get(timeout=30)
