"""Connection manager of a trading gateway: retries, timeouts, shutdown paths."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from asyncio import CancelledError

log = logging.getLogger("gateway")


async def keep_connected(connect, on_message) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            conn = await connect()
            async for msg in conn:
                await on_message(msg)
        except BaseException as exc:
            log.warning("connection lost: %r, reconnecting", exc)
            await asyncio.sleep(1)


async def keep_connected_ok(connect, on_message) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            conn = await connect()
            async for msg in conn:
                await on_message(msg)
        except Exception as exc:
            log.warning("connection lost: %r, reconnecting", exc)
            await asyncio.sleep(1)


async def place_order(api, order) -> dict | None:  # expect: cancellation-swallowed
    try:
        return await api.submit(order)
    finally:
        return None


async def place_order_cleanup(api, order) -> dict:  # expect: clean  # near: cancellation-swallowed
    try:
        return await api.submit(order)
    finally:
        log.info("order %s done", order.id)


async def cancel_quietly(task: asyncio.Task) -> None:  # expect: clean  # near: cancellation-swallowed
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def poll_prices(feed, store) -> None:  # expect: cancellation-swallowed
    while True:
        with contextlib.suppress(asyncio.CancelledError):
            prices = await feed.next()
            store.update(prices)


async def poll_prices_ok(feed, store) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        with contextlib.suppress(ConnectionError):
            prices = await feed.next()
            store.update(prices)


async def quote(api, symbol: str) -> float | None:  # expect: clean  # near: cancellation-swallowed
    try:
        async with asyncio.timeout(2):
            return await api.quote(symbol)
    except TimeoutError:
        return None


async def quote_swallow(api, symbol: str) -> float | None:  # expect: cancellation-swallowed
    try:
        async with asyncio.timeout(2):
            return await api.quote(symbol)
    except (TimeoutError, CancelledError):
        return None


async def heartbeat_loop(conn) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await conn.ping()
            await asyncio.sleep(5)
        except:  # noqa: E722
            log.exception("heartbeat failed")


async def heartbeat_loop_ok(conn) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await conn.ping()
            await asyncio.sleep(5)
        except:  # noqa: E722
            log.exception("heartbeat failed")
            raise


async def run_group(jobs) -> list:  # expect: clean  # near: cancellation-swallowed
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(j()) for j in jobs]
    except* ValueError as eg:
        log.error("bad jobs: %s", eg.exceptions)
        return []
    return [t.result() for t in tasks]


async def close_session(session) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        await session.close()
    except asyncio.CancelledError:
        session.abort()
        raise


async def drain_then_close(session) -> None:  # expect: cancellation-swallowed
    try:
        await session.drain()
    except asyncio.CancelledError:
        log.info("drain interrupted")
    await session.close()


async def stop_worker(task: asyncio.Task) -> None:  # expect: clean  # near: cancellation-swallowed
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise


class Subscriber:  # expect: cancellation-swallowed
    def __init__(self, ws) -> None:
        self.ws = ws
        self.running = True

    async def run(self, handle) -> None:
        while self.running:
            try:
                msg = await self.ws.recv()
            except BaseException:
                continue
            await handle(msg)


class Subscriber2:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, ws) -> None:
        self.ws = ws

    async def run(self, handle) -> None:
        while True:
            try:
                msg = await self.ws.recv()
            except asyncio.CancelledError:
                await self.ws.close()
                raise
            except OSError:
                continue
            await handle(msg)


async def shielded_commit(tx) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        await asyncio.shield(tx.commit())
    except asyncio.CancelledError:
        await tx.commit_done.wait()
        raise


async def final_flush(buffer, sink) -> None:  # expect: cancellation-swallowed
    try:
        while True:
            await sink.write(buffer.take())
    except asyncio.CancelledError:
        await sink.write(buffer.take_all())
        return


async def wait_any(events: list[asyncio.Event]) -> None:  # expect: clean  # near: cancellation-swallowed
    waiters = [asyncio.create_task(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waiters:
            w.cancel()
