"""The live order feed: every open dashboard subscribes and gets each order as it is placed."""
from __future__ import annotations

import asyncio
import logging

log = logging.getLogger(__name__)

SUBSCRIBER_BACKLOG = 256


class OrderFeed:  # expect: unbounded-queue
    def __init__(self) -> None:
        self._subscribers: set[asyncio.Queue] = set()

    def subscribe(self) -> asyncio.Queue:
        inbox: asyncio.Queue = asyncio.Queue()
        self._subscribers.add(inbox)
        return inbox

    def unsubscribe(self, inbox: asyncio.Queue) -> None:
        self._subscribers.discard(inbox)

    def publish(self, order: dict) -> None:
        for inbox in self._subscribers:
            inbox.put_nowait(order)


class BoundedOrderFeed:  # expect: clean  # near: unbounded-queue
    def __init__(self) -> None:
        self._subscribers: set[asyncio.Queue] = set()

    def subscribe(self) -> asyncio.Queue:
        inbox: asyncio.Queue = asyncio.Queue(SUBSCRIBER_BACKLOG)
        self._subscribers.add(inbox)
        return inbox

    def unsubscribe(self, inbox: asyncio.Queue) -> None:
        self._subscribers.discard(inbox)

    def publish(self, order: dict) -> None:
        for inbox in list(self._subscribers):
            try:
                inbox.put_nowait(order)
            except asyncio.QueueFull:
                log.warning("a dashboard fell behind; dropping it")
                self._subscribers.discard(inbox)


class StockAlerts:  # expect: clean  # near: unbounded-queue
    """One alert per product below its threshold, latched until the buyer acknowledges it."""

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self.alerts: asyncio.Queue[str] = asyncio.Queue()
        self._latched: set[str] = set()

    def on_stock_change(self, sku: str, level: int) -> None:
        if level < self.threshold and sku not in self._latched:
            self._latched.add(sku)
            self.alerts.put_nowait(sku)

    def acknowledge(self, sku: str) -> None:
        """The buyer's desk calls this once the reorder is placed: at most one alert per SKU is ever queued."""
        self._latched.discard(sku)
