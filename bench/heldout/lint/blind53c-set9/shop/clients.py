"""Client factories for the shop: one place decides which library each service talks through."""
from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING, Optional

import httpx
import redis

if TYPE_CHECKING:
    import requests


def make_http(base_url: str) -> httpx.Client:  # expect: clean
    return httpx.Client(base_url=base_url, timeout=10)


def make_async_http(base_url: str) -> httpx.AsyncClient:  # expect: clean
    return httpx.AsyncClient(base_url=base_url, timeout=10)


def make_cache(url: str) -> redis.Redis:  # expect: clean
    return redis.Redis.from_url(url)


class PaymentClient:  # expect: clean
    """The payment provider's SDK wrapper: every call is a blocking HTTPS request."""

    def __init__(self, session: "requests.Session", key: str) -> None:
        self.session = session
        self.key = key

    def charge(self, cents: int, token: str) -> dict:
        resp = self.session.post("https://pay.example/charge", json={"amount": cents, "source": token},
                                 auth=(self.key, ""), timeout=30)
        resp.raise_for_status()
        return resp.json()


class Locks:  # expect: clean
    _registry: dict[str, threading.Lock] = {}
    _async_registry: dict[str, asyncio.Lock] = {}

    @classmethod
    def for_order(cls, order_id: str) -> threading.Lock:
        return cls._registry.setdefault(order_id, threading.Lock())

    @classmethod
    def async_for_order(cls, order_id: str) -> asyncio.Lock:
        return cls._async_registry.setdefault(order_id, asyncio.Lock())


def inbox(size: Optional[int] = None) -> asyncio.Queue:  # expect: unbounded-queue
    return asyncio.Queue(size or 0)


def bounded_inbox(size: int = 256) -> asyncio.Queue:  # expect: clean  # near: unbounded-queue
    return asyncio.Queue(size)
