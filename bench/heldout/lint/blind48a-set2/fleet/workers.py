"""Background workers of the fleet backend."""
from __future__ import annotations

import asyncio
import logging
import smtplib
import threading
import urllib.request
from contextlib import closing
from email.message import EmailMessage
from typing import Optional

import numpy as np
from scipy import io as sio

log = logging.getLogger("fleet.workers")


class Alerts:  # expect: blocking-call
    smtp: Optional[smtplib.SMTP] = None

    def connect(self, host: str) -> None:
        self.smtp = smtplib.SMTP(host, 587, timeout=10)
        self.smtp.starttls()

    async def send(self, msg: EmailMessage) -> None:
        assert self.smtp is not None
        self.smtp.send_message(msg)


class AlertsOk:  # expect: clean  # near: blocking-call
    smtp: Optional[smtplib.SMTP] = None

    def connect(self, host: str) -> None:
        self.smtp = smtplib.SMTP(host, 587, timeout=10)

    async def send(self, msg: EmailMessage) -> None:
        assert self.smtp is not None
        await asyncio.to_thread(self.smtp.send_message, msg)


async def fetch_tariffs(url: str) -> bytes:  # expect: blocking-call
    with closing(urllib.request.urlopen(url, timeout=10)) as resp:
        return resp.read()


async def export_speeds(speeds: list[float], path: str) -> None:  # expect: blocking-call
    sio.savemat(path, {"speeds": np.asarray(speeds)})


async def export_speeds_ok(speeds: list[float], path: str) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(sio.savemat, path, {"speeds": np.asarray(speeds)})


class OdometerCache:  # expect: lock-across-await
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.values: dict[str, float] = {}

    async def refresh(self, vehicle: str, fetch) -> None:
        with self._cond:
            self.values[vehicle] = await fetch(vehicle)
            self._cond.notify_all()


class OdometerCacheOk:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.values: dict[str, float] = {}

    def wait_for(self, vehicle: str) -> float:
        with self._cond:
            self._cond.wait_for(lambda: vehicle in self.values)
            return self.values[vehicle]

    async def refresh(self, vehicle: str, fetch) -> None:
        value = await fetch(vehicle)
        with self._cond:
            self.values[vehicle] = value
            self._cond.notify_all()


class Uploader:  # expect: unawaited-coroutine
    def __init__(self, client) -> None:
        self.client = client
        self.pending: list[bytes] = []

    async def _put(self, blob: bytes) -> None:
        await self.client.put(blob)

    async def flush(self) -> None:
        for blob in self.pending:
            self._put(blob) if blob else None
        self.pending.clear()


async def heartbeat(send, every: float) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await send()
            await asyncio.sleep(every)
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            log.warning("heartbeat failed: %r", exc)


async def heartbeat_ok(send, every: float) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await send()
            await asyncio.sleep(every)
        except BaseException as exc:
            if not isinstance(exc, Exception):
                raise
            log.warning("heartbeat failed: %r", exc)
