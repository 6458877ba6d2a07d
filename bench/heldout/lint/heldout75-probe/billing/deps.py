"""Dependencies, built once and shared by the handlers."""
from __future__ import annotations

import functools
import sqlite3
import threading
from typing import Generic, TypeVar

import psycopg2
import requests
import stripe

T = TypeVar("T")


class Box(Generic[T]):  # expect: clean
    def __init__(self, value: T) -> None:
        self.value = value

    def get(self) -> T:
        return self.value


class Deps:  # expect: clean
    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.ledger_lock = threading.Lock()

    @functools.cached_property
    def http(self) -> requests.Session:
        return requests.Session()

    @property
    def db(self):
        return psycopg2.connect(self.dsn)

    def sqlite(self) -> sqlite3.Connection:
        return sqlite3.connect("local.db")


def charge_card(customer: str, cents: int) -> str:  # expect: clean
    return stripe.Charge.create(customer=customer, amount=cents, currency="eur").id


def read_rates(path: str) -> dict[str, float]:  # expect: clean
    with open(path) as fh:
        return {k: float(v) for k, v in (line.split("=") for line in fh)}
