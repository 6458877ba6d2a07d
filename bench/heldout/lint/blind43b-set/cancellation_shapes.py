"""Consumers, retries and shutdown paths of a message gateway."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from asyncio import CancelledError
from contextlib import suppress

import backoff
import tenacity

log = logging.getLogger("gateway")


async def relay(ws, upstream) -> None:  # expect: cancellation-swallowed
    try:
        async for frame in ws:
            await upstream.send(frame)
    except (Exception, BaseException):
        log.exception("relay stopped")


async def relay_errors(ws, upstream) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        async for frame in ws:
            await upstream.send(frame)
    except (ConnectionError, OSError):
        log.exception("relay stopped")


async def drain(sub, handle) -> None:  # expect: cancellation-swallowed
    async for msg in sub:
        try:
            await handle(msg)
        except asyncio.CancelledError:
            pass


async def drain_reraise(sub, handle) -> None:  # expect: clean  # near: cancellation-swallowed
    async for msg in sub:
        try:
            await handle(msg)
        except asyncio.CancelledError:
            await sub.nack(msg)
            raise


async def call_with_fallback(rpc, request):  # expect: cancellation-swallowed
    try:
        return await rpc(request)
    except (TimeoutError, CancelledError):
        return None


async def call_with_timeout_fallback(rpc, request):  # expect: clean  # near: cancellation-swallowed
    try:
        return await asyncio.wait_for(rpc(request), 5)
    except (TimeoutError, asyncio.TimeoutError):
        return None


async def read_frame(reader):  # expect: cancellation-swallowed
    try:
        return await reader.readexactly(4)
    finally:
        return None


async def read_frame_cleanup(reader):  # expect: clean  # near: cancellation-swallowed
    try:
        return await reader.readexactly(4)
    finally:
        log.debug("read attempt done")


async def poll_once(client) -> None:  # expect: cancellation-swallowed
    with suppress(BaseException):
        await client.poll()


async def poll_once_errors(client) -> None:  # expect: clean  # near: cancellation-swallowed
    with suppress(Exception):
        await client.poll()


@tenacity.retry(retry=tenacity.retry_if_exception_type(BaseException), wait=tenacity.wait_fixed(1))
async def publish(channel, body) -> None:  # expect: ?cancellation-swallowed
    await channel.publish(body)


@backoff.on_exception(backoff.expo, Exception, max_tries=5)
async def publish_backoff(channel, body) -> None:  # expect: clean  # near: cancellation-swallowed
    await channel.publish(body)


def retry_forever(fn):  # expect: cancellation-swallowed
    async def wrapper(*args, **kwargs):
        while True:
            try:
                return await fn(*args, **kwargs)
            except BaseException as exc:
                log.warning("retrying after %r", exc)
                await asyncio.sleep(1)

    return wrapper


def retry_errors(fn):  # expect: clean  # near: cancellation-swallowed
    async def wrapper(*args, **kwargs):
        while True:
            try:
                return await fn(*args, **kwargs)
            except Exception as exc:
                log.warning("retrying after %r", exc)
                await asyncio.sleep(1)

    return wrapper


async def wait_for_quiet(aw, timeout: float):  # expect: cancellation-swallowed
    try:
        return await asyncio.wait_for(aw, timeout)
    except (asyncio.TimeoutError, asyncio.CancelledError):
        log.info("gave up after %.1fs", timeout)
        return None


async def shutdown(task: asyncio.Task) -> None:  # expect: clean  # near: cancellation-swallowed
    task.cancel()
    with suppress(CancelledError):
        await task


async def shutdown_many(tasks: list[asyncio.Task]) -> None:  # expect: clean  # near: cancellation-swallowed
    for t in tasks:
        t.cancel()
    for t in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await t


async def guarded(coro):  # expect: cancellation-swallowed
    with contextlib.suppress(asyncio.CancelledError):
        return await coro


class Consumer:  # expect: cancellation-swallowed
    def __init__(self, queue: asyncio.Queue):
        self.queue = queue

    async def run(self) -> None:
        while True:
            try:
                item = await self.queue.get()
                await self.process(item)
            except BaseException:
                log.exception("consumer error")

    async def process(self, item) -> None:
        await asyncio.sleep(0)


class ConsumerReraise:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, queue: asyncio.Queue):
        self.queue = queue

    async def run(self) -> None:
        while True:
            try:
                item = await self.queue.get()
                await self.process(item)
            except asyncio.CancelledError:
                raise
            except BaseException:
                log.exception("consumer error")

    async def process(self, item) -> None:
        await asyncio.sleep(0)


async def cron_loop(jobs) -> None:  # expect: cancellation-swallowed
    while True:
        for job in jobs:
            try:
                await job.run()
            except:  # noqa: E722
                log.exception("job %s failed", job.name)
        await asyncio.sleep(60)


async def actor_loop(mailbox, behaviour) -> None:  # expect: cancellation-swallowed
    while True:
        msg = await mailbox.get()
        try:
            await behaviour(msg)
        except Exception:
            log.exception("actor failed")
        except asyncio.CancelledError:
            log.info("actor cancelled mid-message; continuing")


async def stream_ticks(feed):  # expect: cancellation-swallowed
    try:
        async for tick in feed:
            yield tick
    except GeneratorExit:
        raise
    except BaseException:
        return


async def stop_worker(worker: asyncio.Task) -> None:  # expect: clean, ?cancellation-swallowed  # near: cancellation-swallowed
    worker.cancel()
    try:
        await worker
    except CancelledError:
        log.info("worker stopped")


async def close_conn(conn) -> None:  # expect: cancellation-swallowed
    try:
        await conn.send_goodbye()
    except (OSError, asyncio.CancelledError) as exc:
        log.debug("goodbye failed: %r", exc)
    await conn.close()


async def close_conn_shielded(conn) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        await asyncio.shield(conn.send_goodbye())
    except OSError as exc:
        log.debug("goodbye failed: %r", exc)
    await conn.close()


async def health_loop(pool) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await pool.ping_all()
            await asyncio.sleep(30)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            log.warning("health check failed: %r", exc)


async def health_loop_checked(pool) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await pool.ping_all()
            await asyncio.sleep(30)
        except BaseException as exc:
            if isinstance(exc, asyncio.CancelledError):
                raise
            log.warning("health check failed: %r", exc)


async def timed_out(aw, seconds: float) -> bool:  # expect: clean  # near: cancellation-swallowed
    try:
        async with asyncio.timeout(seconds):
            await aw
    except TimeoutError:
        return True
    return False


async def reconnect_loop(connect) -> None:  # expect: cancellation-swallowed
    delay = 1.0
    while True:
        try:
            conn = await connect()
            await conn.serve_forever()
        except (ConnectionError, asyncio.CancelledError, OSError):
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60)
