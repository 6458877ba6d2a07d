"""Paging the on-call engineer and waiting for an acknowledgement."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from typing import Awaitable, Callable

import httpx

log = logging.getLogger(__name__)
EVENTS_URL = "https://events.pagerduty.com/v2/enqueue"


async def trigger(client: httpx.AsyncClient, routing_key: str, summary: str) -> str:  # expect: clean
    resp = await client.post(EVENTS_URL, json={
        "routing_key": routing_key, "event_action": "trigger",
        "payload": {"summary": summary, "severity": "critical", "source": "chatops"},
    })
    resp.raise_for_status()
    return resp.json()["dedup_key"]


def trigger_sync(routing_key: str, summary: str) -> str:  # expect: clean  # near: blocking-call
    resp = httpx.post(EVENTS_URL, json={"routing_key": routing_key, "event_action": "trigger",
                                        "payload": {"summary": summary, "severity": "critical", "source": "cli"}})
    return resp.json()["dedup_key"]


async def trigger_from_cron(routing_key: str, summary: str) -> str:  # expect: blocking-call
    return trigger_sync(routing_key, summary)


async def wait_for_ack(poll: Callable[[], Awaitable[bool]], timeout: float = 300.0) -> bool:  # expect: cancellation-swallowed
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(BaseException):
            if await poll():
                return True
        await asyncio.sleep(10)
    return False


async def wait_for_ack_tolerant(poll: Callable[[], Awaitable[bool]], timeout: float = 300.0) -> bool:  # expect: clean  # near: cancellation-swallowed
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if await poll():
                return True
        await asyncio.sleep(10)
    return False


class Escalations:  # expect: lock-across-await
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self._mutex = threading.RLock()
        self.open: dict[str, str] = {}

    async def escalate(self, routing_key: str, incident: str) -> None:
        with self._mutex:
            if incident in self.open:
                return
            self.open[incident] = await trigger(self.client, routing_key, incident)


class SerialEscalations:  # expect: clean  # near: lock-across-await
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self._mutex = asyncio.Lock()
        self.open: dict[str, str] = {}

    async def escalate(self, routing_key: str, incident: str) -> None:
        async with self._mutex:
            if incident in self.open:
                return
            self.open[incident] = await trigger(self.client, routing_key, incident)
