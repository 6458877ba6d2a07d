"""Shipping metrics: InfluxDB, a Prometheus push gateway, and reload on SIGHUP."""
from __future__ import annotations

import asyncio
import logging
import signal
from typing import Optional

from influxdb_client import InfluxDBClient, Point
from influxdb_client.client.influxdb_client_async import InfluxDBClientAsync
from influxdb_client.client.write_api import SYNCHRONOUS
from prometheus_client import CollectorRegistry, Gauge, push_to_gateway

log = logging.getLogger(__name__)


class InfluxSink:  # expect: blocking-call
    def __init__(self, url: str, token: str, org: str) -> None:
        self.client = InfluxDBClient(url=url, token=token, org=org)
        self.write_api = self.client.write_api(write_options=SYNCHRONOUS)

    async def ship(self, bucket: str, points: list[Point]) -> None:
        self.write_api.write(bucket=bucket, record=points)


class AsyncInfluxSink:  # expect: clean  # near: blocking-call
    def __init__(self, url: str, token: str, org: str) -> None:
        self.client = InfluxDBClientAsync(url=url, token=token, org=org)

    async def ship(self, bucket: str, points: list[Point]) -> None:
        await self.client.write_api().write(bucket=bucket, record=points)


class ForgetfulInfluxSink:  # expect: unawaited-coroutine
    def __init__(self, url: str, token: str, org: str) -> None:
        self.client = InfluxDBClientAsync(url=url, token=token, org=org)

    async def ship(self, bucket: str, points: list[Point]) -> None:
        self.client.write_api().write(bucket=bucket, record=points)
        log.debug("shipped %d points", len(points))


async def push_uptime(gateway: str, seconds: float) -> None:  # expect: blocking-call
    registry = CollectorRegistry()
    Gauge("agent_uptime_seconds", "uptime", registry=registry).set(seconds)
    push_to_gateway(gateway, job="labmon", registry=registry)


class Reloader:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.reload = asyncio.Event()

    def install(self) -> None:
        signal.signal(signal.SIGHUP, lambda signum, frame: self.reload.set())


class LoopReloader:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.reload = asyncio.Event()

    def install(self, loop: asyncio.AbstractEventLoop) -> None:
        loop.add_signal_handler(signal.SIGHUP, self.reload.set)


class Agent:  # expect: dangling-task
    def __init__(self, sink: AsyncInfluxSink) -> None:
        self.sink = sink
        self.stopping = asyncio.Event()

    def start(self) -> None:
        asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        while not self.stopping.is_set():
            await asyncio.sleep(10)
            await self.sink.ship("lab", [])


class KeptAgent:  # expect: clean  # near: dangling-task
    def __init__(self, sink: AsyncInfluxSink) -> None:
        self.sink = sink
        self.runner: Optional[asyncio.Task] = None

    def start(self) -> None:
        self.runner = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(10)
            await self.sink.ship("lab", [])


async def run_agent(agent: KeptAgent) -> None:  # expect: cancellation-swallowed
    agent.start()
    try:
        while True:
            await asyncio.sleep(3600)
    except asyncio.CancelledError:
        log.info("agent stopping")
    if agent.runner is not None:
        agent.runner.cancel()
