"""Lots, bids and the fan-out of price updates to connected bidders."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from typing import Dict, Set

log = logging.getLogger(__name__)


@dataclass
class Lot:
    id: str
    price: int = 0
    watchers: Set[str] = field(default_factory=set)


class Subscriber:  # expect: clean
    def __init__(self, ws, inbox: asyncio.Queue) -> None:
        self.ws = ws
        self.inbox = inbox

    async def pump(self) -> None:
        while True:
            msg = await self.inbox.get()
            await self.ws.send(msg)


class PriceFeed:  # expect: unbounded-queue
    """One inbox per connected bidder; every bid is copied to every inbox."""

    def __init__(self) -> None:
        self.subscribers: Dict[str, Subscriber] = {}

    def join(self, bidder: str, ws) -> Subscriber:
        sub = self.subscribers[bidder] = Subscriber(ws, asyncio.Queue())
        return sub

    def publish(self, lot: Lot) -> None:
        msg = json.dumps({"lot": lot.id, "price": lot.price})
        for sub in self.subscribers.values():
            sub.inbox.put_nowait(msg)


class BoundedPriceFeed:  # expect: clean  # near: unbounded-queue
    """Slow bidders miss intermediate prices instead of growing a backlog."""

    def __init__(self, depth: int = 32) -> None:
        self.depth = depth
        self.subscribers: Dict[str, Subscriber] = {}

    def join(self, bidder: str, ws) -> Subscriber:
        sub = self.subscribers[bidder] = Subscriber(ws, asyncio.Queue(maxsize=self.depth))
        return sub

    def publish(self, lot: Lot) -> None:
        msg = json.dumps({"lot": lot.id, "price": lot.price})
        for sub in self.subscribers.values():
            if sub.inbox.full():
                sub.inbox.get_nowait()
            sub.inbox.put_nowait(msg)


class AuctionRoom:  # expect: dangling-task
    def __init__(self, feed: PriceFeed) -> None:
        self.feed = feed
        self.lots: Dict[str, Lot] = {}

    async def connect(self, bidder: str, ws) -> None:
        sub = self.feed.join(bidder, ws)
        asyncio.get_running_loop().create_task(sub.pump())
        async for raw in ws:
            await self.on_bid(bidder, json.loads(raw))

    async def on_bid(self, bidder: str, bid: dict) -> None:
        lot = self.lots[bid["lot"]]
        if bid["amount"] > lot.price:
            lot.price = bid["amount"]
            self.feed.publish(lot)


class TrackedAuctionRoom:  # expect: clean  # near: dangling-task
    def __init__(self, feed: BoundedPriceFeed) -> None:
        self.feed = feed
        self.pumps: Dict[str, asyncio.Task] = {}

    async def connect(self, bidder: str, ws) -> None:
        sub = self.feed.join(bidder, ws)
        self.pumps[bidder] = asyncio.create_task(sub.pump(), name=f"pump:{bidder}")
        try:
            async for raw in ws:
                log.debug("bid from %s: %s", bidder, raw)
        finally:
            self.pumps.pop(bidder).cancel()


class Gavel:  # expect: dangling-task
    """Closes a lot a fixed time after its last bid."""

    def __init__(self, room: AuctionRoom, seconds: float = 30) -> None:
        self.room = room
        self.seconds = seconds

    def on_bid(self, lot: Lot) -> None:
        asyncio.ensure_future(self._close_later(lot)).add_done_callback(self._closed)

    async def _close_later(self, lot: Lot) -> None:
        await asyncio.sleep(self.seconds)
        log.info("lot %s sold at %s", lot.id, lot.price)

    def _closed(self, fut: asyncio.Future) -> None:
        if fut.exception():
            log.error("closing failed: %r", fut.exception())


class TimerGavel:  # expect: clean  # near: dangling-task
    def __init__(self, seconds: float = 30) -> None:
        self.seconds = seconds
        self.timers: Dict[str, asyncio.TimerHandle] = {}

    def on_bid(self, lot: Lot) -> None:
        old = self.timers.pop(lot.id, None)
        if old is not None:
            old.cancel()
        loop = asyncio.get_running_loop()
        self.timers[lot.id] = loop.call_later(self.seconds, log.info, "lot %s sold", lot.id)


async def replay_bids(room: AuctionRoom, bids: list[dict]) -> None:  # expect: clean  # near: unbounded-queue
    backlog: asyncio.Queue[dict] = asyncio.Queue()
    for bid in bids:
        backlog.put_nowait(bid)
    while not backlog.empty():
        bid = backlog.get_nowait()
        await room.on_bid(bid["bidder"], bid)


class AuditTrail:  # expect: unbounded-queue
    """Every bid is written to the audit database by one writer task."""

    def __init__(self, db) -> None:
        self.db = db
        self.pending: asyncio.Queue[dict] = asyncio.Queue(maxsize=0)
        self.writer = asyncio.create_task(self._write())

    def record(self, bid: dict) -> None:
        self.pending.put_nowait(bid)

    async def _write(self) -> None:
        while True:
            bid = await self.pending.get()
            await self.db.insert("audit", bid)
