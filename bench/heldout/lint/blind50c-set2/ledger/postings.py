"""Postings: moving money between accounts."""
from __future__ import annotations

import asyncio
import logging
import threading
from decimal import Decimal

from . import infra
from .infra import BankLink, Http, holding

log = logging.getLogger(__name__)


class Ledger:  # expect: lock-across-await
    def __init__(self, db) -> None:
        self.db = db

    async def transfer(self, src: str, dst: str, amount: Decimal) -> None:
        with holding(src):
            balance = await self.db.balance(src)
            if balance < amount:
                raise ValueError("insufficient funds")
            await self.db.post(src, dst, amount)


class SnapshotLedger:  # expect: clean  # near: lock-across-await
    def __init__(self, db) -> None:
        self.db = db
        self._balances: dict[str, Decimal] = {}

    def _reserve(self, src: str, amount: Decimal) -> bool:
        with holding(src):
            if self._balances.get(src, Decimal(0)) < amount:
                return False
            self._balances[src] -= amount
            return True

    async def transfer(self, src: str, dst: str, amount: Decimal) -> None:
        if not self._reserve(src, amount):
            raise ValueError("insufficient funds")
        await self.db.post(src, dst, amount)


async def close_account(db, account: str) -> None:  # expect: lock-across-await
    lock = infra.account_lock(account)
    lock.acquire()
    try:
        await db.archive(account)
    finally:
        lock.release()


class Posting:  # expect: lock-across-await
    _guards: dict[str, threading.RLock] = {}

    def __init__(self, db, account: str) -> None:
        self.db = db
        self.account = account

    @property
    def guard(self) -> threading.RLock:
        return self._guards.setdefault(self.account, threading.RLock())

    async def apply(self, amount: Decimal) -> None:
        with self.guard:
            await self.db.add(self.account, amount)


class Settlement:  # expect: blocking-call
    def __init__(self, link: BankLink) -> None:
        self.link = link

    async def send(self, batch: list[str]) -> None:
        payload = "\n".join(batch).encode() + b"\n"
        self.link.sock.sendall(payload)


class SettlementAsync:  # expect: clean  # near: blocking-call
    def __init__(self, link: BankLink) -> None:
        self.link = link

    async def send(self, batch: list[str]) -> None:
        payload = "\n".join(batch).encode() + b"\n"
        loop = asyncio.get_running_loop()
        await loop.sock_sendall(self.link.sock, payload)


class RatesClient:  # expect: blocking-call
    def __init__(self, http: Http) -> None:
        self.http = http

    async def rate(self, ccy: str) -> Decimal:
        resp = self.http.session.get(f"https://rates.example/{ccy}", timeout=3)
        return Decimal(resp.json()["rate"])


async def next_job() -> dict:  # expect: blocking-call
    return infra.jobs.get()


async def next_job_nowait() -> dict | None:  # expect: clean  # near: blocking-call
    try:
        return infra.jobs.get_nowait()
    except Exception:
        return None


async def connect_bank(link: BankLink) -> None:  # expect: blocking-call
    link.connect()
    log.info("bank link up")
