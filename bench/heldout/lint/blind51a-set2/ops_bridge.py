"""Ops bridge: polls a SOAP billing API, mirrors files over FTP, watches host load, talks to a legacy websocket."""
from __future__ import annotations

import asyncio
import ftplib
import functools
import logging
import signal
import threading
import weakref
from typing import Optional

import aioftp
import psutil
import websocket
import websockets
from minio import Minio
from zeep import AsyncClient as AsyncSoapClient
from zeep import Client as SoapClient

log = logging.getLogger("bridge")
WSDL = "https://billing.internal/service?wsdl"
billing = AsyncSoapClient(WSDL)  # (zeep loads the WSDL when the client is made: once, at import)


def soap() -> SoapClient:  # expect: clean
    return SoapClient(WSDL)


async def invoice_total(account: str) -> float:  # expect: blocking-call
    return float(soap().service.GetInvoiceTotal(accountId=account))


async def invoice_total_async(account: str) -> float:  # expect: clean  # near: blocking-call
    total = await billing.service.GetInvoiceTotal(accountId=account)
    return float(total)


async def mirror_report(host: str, name: str) -> bytes:  # expect: blocking-call
    chunks: list[bytes] = []
    with ftplib.FTP(host, timeout=30) as ftp:
        ftp.login("mirror", "mirror")
        ftp.retrbinary(f"RETR {name}", chunks.append)
    return b"".join(chunks)


async def mirror_report_async(host: str, name: str, dest: str) -> None:  # expect: clean  # near: blocking-call
    async with aioftp.Client.context(host, user="mirror", password="mirror") as client:
        await client.download(name, dest, write_into=True)


async def host_load() -> dict:  # expect: blocking-call
    return {"cpu": psutil.cpu_percent(interval=1.0), "mem": psutil.virtual_memory().percent}


async def host_load_instant() -> dict:  # expect: clean  # near: blocking-call
    return {"cpu": psutil.cpu_percent(interval=None), "mem": psutil.virtual_memory().percent}


class LegacyFeed:  # expect: blocking-call
    def __init__(self, url: str) -> None:
        self.url = url
        self.ws: Optional[websocket.WebSocket] = None

    async def next_message(self) -> str:
        if self.ws is None:
            self.ws = websocket.create_connection(self.url, timeout=10)
        return self.ws.recv()


class ModernFeed:  # expect: clean  # near: blocking-call
    def __init__(self, url: str) -> None:
        self.url = url

    async def messages(self):
        async with websockets.connect(self.url) as ws:
            async for message in ws:
                yield message


class Archive:  # expect: blocking-call
    def __init__(self) -> None:
        self.minio = Minio("minio:9000", access_key="ops", secret_key="ops", secure=False)

    async def keep(self, name: str, path: str) -> None:
        self.minio.fput_object("archive", name, path)


class ArchiveThreaded:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.minio = Minio("minio:9000", access_key="ops", secret_key="ops", secure=False)

    async def keep(self, name: str, path: str) -> None:
        await asyncio.to_thread(self.minio.fput_object, "archive", name, path)


async def drain_and_stop(loop: asyncio.AbstractEventLoop, *_signal_args) -> None:  # expect: clean
    tasks = [t for t in asyncio.all_tasks(loop) if t is not asyncio.current_task()]
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def install_signal_handlers(loop: asyncio.AbstractEventLoop) -> None:  # expect: unawaited-coroutine
    signal.signal(signal.SIGTERM, functools.partial(drain_and_stop, loop))


def install_loop_signal_handlers(loop: asyncio.AbstractEventLoop, stopping: set) -> None:  # expect: clean  # near: unawaited-coroutine
    def on_term() -> None:
        task = loop.create_task(drain_and_stop(loop))
        stopping.add(task)
        task.add_done_callback(stopping.discard)

    loop.add_signal_handler(signal.SIGTERM, on_term)


class Session:  # expect: unawaited-coroutine
    def __init__(self, client: AsyncSoapClient) -> None:
        self.client = client
        weakref.finalize(self, self.logout)

    async def logout(self) -> None:
        await self.client.service.Logout()


class Poller:  # expect: lock-across-await
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.totals: dict[str, float] = {}

    async def refresh(self, accounts: list[str]) -> None:
        with self._cond:
            for account in accounts:
                self.totals[account] = await invoice_total_async(account)
            self._cond.notify_all()


class PollerOk:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.totals: dict[str, float] = {}

    async def refresh(self, accounts: list[str]) -> None:
        fresh = {a: await invoice_total_async(a) for a in accounts}
        with self._cond:
            self.totals.update(fresh)
            self._cond.notify_all()


async def poll_forever(poller: PollerOk, accounts: list[str]) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await poller.refresh(accounts)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            log.warning("poll failed: %r", exc)
        await asyncio.sleep(60)


async def poll_forever_ok(poller: PollerOk, accounts: list[str]) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await poller.refresh(accounts)
        except BaseException as exc:
            if not isinstance(exc, Exception):
                raise
            log.warning("poll failed: %r", exc)
        await asyncio.sleep(60)
