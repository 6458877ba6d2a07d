"""Async handlers of the billing service."""
from __future__ import annotations

import asyncio

from .deps import Box, Deps, charge_card, read_rates


async def pay(deps: Deps, customer: str, cents: int) -> str:  # expect: blocking-call
    return charge_card(customer, cents)


async def pay_offloaded(deps: Deps, customer: str, cents: int) -> str:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(charge_card, customer, cents)


async def fx(deps: Deps, currency: str) -> float:  # expect: blocking-call
    return read_rates("rates.txt")[currency]


async def post_invoice(deps: Deps, invoice: dict) -> int:  # expect: blocking-call
    return deps.http.post("https://erp/invoices", json=invoice, timeout=10).status_code


async def ledger_total(deps: Deps) -> float:  # expect: blocking-call
    cur = deps.db.cursor()
    cur.execute("SELECT sum(amount) FROM ledger")
    return cur.fetchone()[0]


async def local_total(deps: Deps) -> float:  # expect: blocking-call
    return deps.sqlite().execute("SELECT sum(amount) FROM ledger").fetchone()[0]


async def book(deps: Deps, entry: dict, persist) -> None:  # expect: lock-across-await
    with deps.ledger_lock:
        await persist(entry)


async def boxed(box: Box[Deps], entry: dict) -> int:  # expect: blocking-call
    return box.get().http.put("https://erp/entries", json=entry).status_code


async def boxed_local(box: Box[dict], key: str) -> object:  # expect: clean  # near: blocking-call
    return box.get().get(key)
