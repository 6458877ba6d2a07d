"""Storage and delivery back-ends of the clip shop."""
from __future__ import annotations

import asyncio
import ftplib
import smtplib
import threading
from typing import Protocol, Union

import aioboto3

MailConn = Union[smtplib.SMTP, smtplib.SMTP_SSL]
_SLOTS: dict[str, threading.BoundedSemaphore] = {}


class BlobStore(Protocol):  # expect: clean
    async def put(self, key: str, data: bytes) -> None: ...

    async def delete(self, key: str) -> None: ...


class S3Store:  # expect: clean
    def __init__(self, bucket: str) -> None:
        self.bucket = bucket
        self.session = aioboto3.Session()

    async def put(self, key: str, data: bytes) -> None:
        async with self.session.client("s3") as s3:
            await s3.put_object(Bucket=self.bucket, Key=key, Body=data)

    async def delete(self, key: str) -> None:
        async with self.session.client("s3") as s3:
            await s3.delete_object(Bucket=self.bucket, Key=key)


def make_store(bucket: str = "clips") -> BlobStore:  # expect: clean
    return S3Store(bucket)


def ftp_session(host: str) -> ftplib.FTP_TLS:  # expect: clean
    ftp = ftplib.FTP_TLS(host, timeout=30)
    ftp.login("clips", "secret")
    ftp.prot_p()
    return ftp


def slot_for(tenant: str) -> threading.BoundedSemaphore:  # expect: clean
    return _SLOTS.setdefault(tenant, threading.BoundedSemaphore(2))
