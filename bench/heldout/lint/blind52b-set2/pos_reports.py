"""Back office of the venue's bar: stock levels, end-of-night reports, through project helpers that hide their I/O."""
from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

import requests

DB = Path("/var/lib/bar/stock.db")


class StockBook:  # expect: clean
    """Stock levels in SQLite, read as a mapping."""

    def __init__(self, path: Path = DB) -> None:
        self.conn = sqlite3.connect(path)

    def __getitem__(self, sku: str) -> int:
        row = self.conn.execute("SELECT qty FROM stock WHERE sku = ?", (sku,)).fetchone()
        return row[0] if row else 0

    def __iter__(self):
        return iter(self.conn.execute("SELECT sku, qty FROM stock"))


async def low_stock(book: StockBook, skus: list[str]) -> list[str]:  # expect: blocking-call
    return [sku for sku in skus if book[sku] < 5]


async def low_stock_offloaded(book: StockBook, skus: list[str]) -> list[str]:  # expect: clean  # near: blocking-call
    levels = await asyncio.to_thread(lambda: {sku: book[sku] for sku in skus})
    return [sku for sku, qty in levels.items() if qty < 5]


async def stock_report(book: StockBook) -> dict:  # expect: blocking-call
    return {sku: qty for sku, qty in book}


@contextmanager
def report_file(night: str):  # expect: clean
    path = Path("/var/lib/bar/reports") / f"{night}.csv"
    with path.open("w", newline="") as fh:
        yield csv.writer(fh)


async def write_report(night: str, rows: list[tuple]) -> None:  # expect: blocking-call
    with report_file(night) as out:
        out.writerows(rows)


async def write_report_offloaded(night: str, rows: list[tuple]) -> None:  # expect: clean  # near: blocking-call
    def write() -> None:
        with report_file(night) as out:
            out.writerows(rows)

    await asyncio.to_thread(write)


class PriceList:  # expect: blocking-call
    def __init__(self, url: str) -> None:
        self.url = url

    @cached_property
    def prices(self) -> dict:
        return requests.get(self.url, timeout=5).json()

    async def price_of(self, sku: str) -> float:
        return self.prices[sku]


class PreloadedPriceList:  # expect: clean  # near: blocking-call
    def __init__(self, prices: dict) -> None:
        self.prices = prices

    async def price_of(self, sku: str) -> float:
        return self.prices[sku]


class Settings:  # expect: clean
    path = Path("/etc/bar/settings.json")

    @classmethod
    def load(cls) -> dict:
        return json.loads(cls.path.read_text())


async def happy_hour(now_hour: int) -> bool:  # expect: blocking-call
    return now_hour in Settings.load()["happy_hours"]


async def happy_hour_given(settings: dict, now_hour: int) -> bool:  # expect: clean  # near: blocking-call
    return now_hour in settings["happy_hours"]
