"""More cancellation handling (post-read probe)."""
from __future__ import annotations

import asyncio
import contextlib
import logging

log = logging.getLogger("svc")


async def tick(job) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await job()
        except (asyncio.CancelledError, Exception):
            log.exception("tick failed")
        await asyncio.sleep(1)


async def tick_suppress(job) -> None:  # expect: cancellation-swallowed
    while True:
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await job()
        await asyncio.sleep(1)


async def tick_everything(job) -> None:  # expect: cancellation-swallowed
    while True:
        with contextlib.suppress(BaseException):
            await job()
        await asyncio.sleep(1)


async def messages(ws):  # expect: cancellation-swallowed
    try:
        async for raw in ws:
            yield raw
    except asyncio.CancelledError:
        return


class Listener:  # expect: cancellation-swallowed
    def __init__(self, ws):
        self.ws = ws
        self.running = True

    async def run(self) -> None:
        while self.running:
            try:
                msg = await self.ws.recv()
            except asyncio.CancelledError:
                log.info("recv interrupted")
                continue
            log.info("got %s", msg)


class Reader:  # expect: ?cancellation-swallowed
    def __init__(self, ws, tg: asyncio.TaskGroup):
        self.ws = ws
        tg.create_task(self._read())

    async def _read(self) -> None:
        try:
            while True:
                log.info("frame %s", await self.ws.recv())
        except asyncio.CancelledError:
            log.info("reader stopped")


async def close_quietly(conn) -> None:  # expect: cancellation-swallowed
    try:
        await conn.close()
    except BaseException:
        pass


async def close_errors(conn) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        await conn.close()
    except Exception:
        pass
