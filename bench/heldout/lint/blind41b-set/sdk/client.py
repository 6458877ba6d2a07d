"""The SDK's client: keep-alive, polling and shutdown built on the helpers in util."""
from __future__ import annotations

import asyncio
import contextlib
import logging

from . import util
from .util import cancel_and_wait, quietly, with_logging

log = logging.getLogger("sdk.client")


class Poller:  # expect: clean, ?cancellation-swallowed
    def __init__(self, api, every: float = 10.0):
        self.api = api
        self.every = every

    async def run(self) -> None:
        while True:
            await quietly(self.api.poll())
            await asyncio.sleep(self.every)


class PollerLogged:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, api, every: float = 10.0):
        self.api = api
        self.every = every

    async def run(self) -> None:
        while True:
            await with_logging(self.api.poll())
            await asyncio.sleep(self.every)


async def keepalive(conn, every: float = 30.0) -> None:  # expect: clean, ?cancellation-swallowed
    while not conn.closed:
        await util.quietly(conn.ping(), default=False)
        await asyncio.sleep(every)


class Session:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, conn):
        self.conn = conn
        self._keepalive = asyncio.ensure_future(keepalive(conn))

    async def close(self) -> None:
        await cancel_and_wait(self._keepalive)
        await self.conn.close()


class Subscription:  # expect: cancellation-swallowed
    def __init__(self, conn, topic):
        self.conn = conn
        self.topic = topic

    async def stop(self) -> None:
        # nothing was cancelled here: a cancel of the caller during the unsubscribe is eaten
        try:
            await self.conn.unsubscribe(self.topic)
        except asyncio.CancelledError:
            pass


class SubscriptionOwned:  # expect: clean, ?cancellation-swallowed  # near: cancellation-swallowed
    def __init__(self, conn, topic):
        self.conn = conn
        self.topic = topic
        self._reader = asyncio.ensure_future(conn.read_forever(topic))

    async def unsubscribe(self) -> None:
        self._reader.cancel()
        try:
            await self._reader
        except asyncio.CancelledError:
            pass


class Handlers:  # expect: clean, ?cancellation-swallowed
    def __init__(self, api):
        self.api = api
        self.table = {
            "refresh": lambda: quietly(self.api.refresh()),
            "sync": lambda: quietly(self.api.sync()),
        }

    async def loop_forever(self, commands: asyncio.Queue) -> None:
        while True:
            name = await commands.get()
            await self.table[name]()


async def shutdown_all(tasks: list[asyncio.Task]) -> None:  # expect: clean  # near: cancellation-swallowed
    await asyncio.gather(*(cancel_and_wait(t) for t in tasks))


async def main_entry(client) -> None:  # expect: ?cancellation-swallowed
    try:
        await client.serve_forever()
    except (KeyboardInterrupt, asyncio.CancelledError):
        log.info("bye")
    finally:
        with contextlib.suppress(Exception):
            await client.close()
