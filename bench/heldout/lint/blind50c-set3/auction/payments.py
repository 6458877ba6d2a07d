"""The payment bridge: a vendor SDK with its own threads, wrapped for the event loop."""
from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Optional

log = logging.getLogger(__name__)
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pay")


class ChargeWaiter:  # expect: ?thread-unsafe-capture
    """The SDK calls `on_result` from its callback thread when a charge settles."""

    def __init__(self, sdk) -> None:
        self.sdk = sdk
        self.pending: dict[str, asyncio.Future] = {}

    async def charge(self, bidder: str, amount: int) -> str:
        fut = asyncio.get_running_loop().create_future()
        charge_id = self.sdk.start_charge(bidder, amount, callback=self.on_result)
        self.pending[charge_id] = fut
        return await fut

    def on_result(self, charge_id: str, status: str) -> None:
        fut = self.pending.pop(charge_id)
        fut.set_result(status)


class SafeChargeWaiter:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, sdk) -> None:
        self.sdk = sdk
        self.pending: dict[str, asyncio.Future] = {}
        self.loop: Optional[asyncio.AbstractEventLoop] = None

    async def charge(self, bidder: str, amount: int) -> str:
        self.loop = asyncio.get_running_loop()
        fut = self.loop.create_future()
        charge_id = self.sdk.start_charge(bidder, amount, callback=self.on_result)
        self.pending[charge_id] = fut
        return await fut

    def on_result(self, charge_id: str, status: str) -> None:
        fut = self.pending.pop(charge_id)
        assert self.loop is not None
        self.loop.call_soon_threadsafe(fut.set_result, status)


class RefundBatcher:  # expect: thread-unsafe-capture
    """Refunds go out in batches from a worker thread; the loop learns when a batch is done."""

    def __init__(self, sdk) -> None:
        self.sdk = sdk
        self.done = asyncio.Event()
        self.loop = asyncio.get_event_loop()

    def _send_batch(self, refunds: list[tuple[str, int]]) -> None:
        for bidder, amount in refunds:
            self.sdk.refund(bidder, amount)
        self.loop.call_soon(self.done.set)

    async def refund_all(self, refunds: list[tuple[str, int]]) -> None:
        self.done.clear()
        _executor.submit(self._send_batch, refunds)
        await self.done.wait()


class SafeRefundBatcher:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, sdk) -> None:
        self.sdk = sdk

    def _send_batch(self, refunds: list[tuple[str, int]]) -> int:
        for bidder, amount in refunds:
            self.sdk.refund(bidder, amount)
        return len(refunds)

    async def refund_all(self, refunds: list[tuple[str, int]]) -> int:
        return await asyncio.get_running_loop().run_in_executor(_executor, self._send_batch, refunds)


class ReconnectTimer:  # expect: thread-unsafe-capture
    """Asks the SDK to reconnect after a quiet period."""

    def __init__(self) -> None:
        self.reconnect = asyncio.Event()
        self._timer: Optional[threading.Timer] = None

    def arm(self, seconds: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(seconds, self.reconnect.set)
        self._timer.daemon = True
        self._timer.start()


class LoopReconnectTimer:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.reconnect = asyncio.Event()
        self._handle: Optional[asyncio.TimerHandle] = None

    def arm(self, seconds: float) -> None:
        if self._handle is not None:
            self._handle.cancel()
        self._handle = asyncio.get_running_loop().call_later(seconds, self.reconnect.set)


class StatusPoller:  # expect: thread-unsafe-capture
    """Polls the SDK's blocking status call in a thread and hands changes to the loop."""

    def __init__(self, sdk, changes: "asyncio.Queue[str]") -> None:
        self.sdk = sdk
        self.changes = changes

    def _poll(self) -> None:
        last = None
        while True:
            status = self.sdk.wait_status_change(timeout=30)
            if status != last:
                self.changes.put_nowait(status)
                last = status

    async def start(self) -> None:
        await asyncio.to_thread(self._poll)


class SafeStatusPoller:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, sdk, changes: "asyncio.Queue[str]") -> None:
        self.sdk = sdk
        self.changes = changes

    def _poll(self, loop: asyncio.AbstractEventLoop) -> None:
        last = None
        while True:
            status = self.sdk.wait_status_change(timeout=30)
            if status != last:
                asyncio.run_coroutine_threadsafe(self.changes.put(status), loop)
                last = status

    async def start(self) -> None:
        await asyncio.to_thread(self._poll, asyncio.get_running_loop())
