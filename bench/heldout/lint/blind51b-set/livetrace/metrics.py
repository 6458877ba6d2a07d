"""Prometheus gauges for the service's loop: scraped by prometheus_client's HTTP server on its own thread."""
from __future__ import annotations

import asyncio
import time

from prometheus_client import REGISTRY, start_http_server
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from .bridge import LoopBridge


class BacklogCollector(Collector):  # expect: clean, ?thread-unsafe-capture
    """Reads the sizes of the pipeline's queues; qsize() only reads a length."""

    def __init__(self, queues: dict[str, asyncio.Queue]) -> None:
        self.queues = queues

    def collect(self):
        g = GaugeMetricFamily("order_backlog", "items waiting per stage", labels=["stage"])
        for name, q in self.queues.items():
            g.add_metric([name], q.qsize())
        yield g


class PoolStatsCollector(Collector):  # expect: thread-unsafe-capture, ?dangling-task
    """Refreshes the pool's stats for the next scrape and serves the last ones."""

    def __init__(self, pool, loop: asyncio.AbstractEventLoop) -> None:
        self.pool = pool
        self.loop = loop
        self.last = {"size": 0, "idle": 0}

    async def _refresh(self) -> None:
        self.last = await self.pool.stats()

    def collect(self):
        self.loop.create_task(self._refresh())
        g = GaugeMetricFamily("db_pool_connections", "connections", labels=["state"])
        g.add_metric(["size"], self.last["size"])
        g.add_metric(["idle"], self.last["idle"])
        yield g


class PoolStatsCollectorSafe(Collector):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, pool, bridge: LoopBridge) -> None:
        self.pool = pool
        self.bridge = bridge

    def collect(self):
        stats = self.bridge.run(self.pool.stats(), timeout=2.0)
        g = GaugeMetricFamily("db_pool_connections", "connections", labels=["state"])
        g.add_metric(["size"], stats["size"])
        g.add_metric(["idle"], stats["idle"])
        yield g


class ScrapeClock:  # expect: thread-unsafe-capture
    """Notes each scrape so the loop can tell when Prometheus stopped scraping."""

    def __init__(self) -> None:
        self.scraped = asyncio.Event()
        self.at = 0.0

    def collect(self):
        self.at = time.time()
        self.scraped.set()
        return []

    async def watchdog(self, alert) -> None:
        while True:
            try:
                await asyncio.wait_for(self.scraped.wait(), timeout=300)
            except asyncio.TimeoutError:
                await alert("no scrape for 5 minutes")
            self.scraped.clear()


def serve_metrics(port: int, collectors: list) -> None:  # expect: clean
    for c in collectors:
        REGISTRY.register(c)
    start_http_server(port)


async def start_dashboard_metrics(pool, queues: dict[str, asyncio.Queue], port: int) -> ScrapeClock:  # expect: clean
    bridge = await LoopBridge.current()
    clock = ScrapeClock()
    serve_metrics(port, [BacklogCollector(queues), PoolStatsCollectorSafe(pool, bridge), clock])
    return clock
