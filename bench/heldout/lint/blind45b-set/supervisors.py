"""Supervisors, retry helpers and shutdown paths of a job runner."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import random
from asyncio import CancelledError
from contextlib import suppress

log = logging.getLogger("runner")


async def supervise(name: str, start_child) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await start_child()
        except BaseException:
            log.exception("child %s died, restarting", name)
        await asyncio.sleep(1.0)


async def supervise_errors(name: str, start_child) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await start_child()
        except Exception:
            log.exception("child %s died, restarting", name)
        await asyncio.sleep(1.0)


async def supervise_legacy(name: str, start_child) -> None:  # expect: cancellation-swallowed
    # written for 3.7, where CancelledError was still an Exception; kept catching both on purpose
    while True:
        try:
            await start_child()
        except (Exception, asyncio.CancelledError):
            log.exception("child %s stopped, restarting", name)
        await asyncio.sleep(1.0)


def retry(attempts: int = 3):  # expect: cancellation-swallowed
    def deco(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(attempts):
                try:
                    return await fn(*args, **kwargs)
                except BaseException as exc:
                    log.warning("attempt %d failed: %r", attempt, exc)
                    await asyncio.sleep(2**attempt + random.random())
            return None

        return wrapper

    return deco


def retry_errors(attempts: int = 3):  # expect: clean  # near: cancellation-swallowed
    def deco(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(attempts - 1):
                try:
                    return await fn(*args, **kwargs)
                except (ConnectionError, asyncio.TimeoutError) as exc:
                    log.warning("attempt %d failed: %r", attempt, exc)
                    await asyncio.sleep(2**attempt + random.random())
            return await fn(*args, **kwargs)

        return wrapper

    return deco


async def read_frames(reader, on_frame) -> None:  # expect: cancellation-swallowed
    while not reader.at_eof():
        with contextlib.suppress(asyncio.CancelledError):
            frame = await reader.readexactly(16)
            await on_frame(frame)


async def stop_reader(reader_task: asyncio.Task) -> None:  # expect: clean, ?cancellation-swallowed  # near: cancellation-swallowed
    reader_task.cancel()
    with suppress(CancelledError):
        await reader_task


async def stop_all(tasks: list[asyncio.Task]) -> None:  # expect: clean, ?cancellation-swallowed  # near: cancellation-swallowed
    for t in tasks:
        t.cancel()
    with suppress(asyncio.CancelledError):
        await asyncio.gather(*tasks)


async def run_job(job, store) -> str:  # expect: cancellation-swallowed
    status = "failed"
    try:
        await job.execute()
        status = "done"
    finally:
        await store.set_status(job.id, status)
        return status


async def run_job_status(job, store) -> str:  # expect: clean  # near: cancellation-swallowed
    status = "failed"
    try:
        await job.execute()
        status = "done"
    finally:
        await store.set_status(job.id, status)
    return status


async def poll_metrics(source, sink) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await sink.push(await source.read())
        except:
            pass
        await asyncio.sleep(10)


async def poll_metrics_strict(source, sink) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await sink.push(await source.read())
        except:
            log.exception("poll failed, stopping")
            raise
        await asyncio.sleep(10)


async def handle_connection(reader, writer) -> None:  # expect: cancellation-swallowed
    try:
        while line := await reader.readline():
            writer.write(line.upper())
            await writer.drain()
    except asyncio.CancelledError:
        log.info("connection handler cancelled")
        return
    finally:
        writer.close()


async def handle_connection_cleanup(reader, writer) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        while line := await reader.readline():
            writer.write(line.upper())
            await writer.drain()
    except asyncio.CancelledError:
        log.info("connection handler cancelled")
        writer.write(b"BYE\n")
        raise
    finally:
        writer.close()


async def keep_alive(conn, interval: float) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await conn.ping()
            await asyncio.sleep(interval)
        except (CancelledError, ConnectionResetError):
            log.warning("ping interrupted, reconnecting")
            await conn.reconnect()


async def pump_until_cancelled(source, sink) -> int:  # expect: cancellation-swallowed
    moved = 0
    while True:
        try:
            item = await source.get()
        except asyncio.CancelledError:
            break
        await sink.put(item)
        moved += 1
    log.info("moved %d items", moved)
    return moved


class Worker:  # expect: ?cancellation-swallowed
    def __init__(self, result: asyncio.Future):
        self.result = result

    async def run(self, job) -> None:
        try:
            self.result.set_result(await job())
        except BaseException as exc:
            self.result.set_exception(exc)


class WorkerReraise:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, result: asyncio.Future):
        self.result = result

    async def run(self, job) -> None:
        try:
            self.result.set_result(await job())
        except BaseException as exc:
            self.result.set_exception(exc)
            raise


async def fetch_with_deadline(client, url: str, seconds: float):  # expect: cancellation-swallowed
    try:
        return await asyncio.wait_for(client.get(url), seconds)
    except (asyncio.TimeoutError, asyncio.CancelledError):
        return None


async def fetch_with_deadline_ok(client, url: str, seconds: float):  # expect: clean  # near: cancellation-swallowed
    try:
        return await asyncio.wait_for(client.get(url), seconds)
    except asyncio.TimeoutError:
        return None


def load_checkpoint(path: str) -> dict:  # expect: clean  # near: cancellation-swallowed
    try:
        with open(path, encoding="utf-8") as fh:
            return eval_safe(fh.read())
    except BaseException:
        return {}


def eval_safe(text: str) -> dict:  # expect: clean
    import json

    return json.loads(text)


def on_task_done(task: asyncio.Task) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        task.result()
    except asyncio.CancelledError:
        pass
    except Exception:
        log.exception("background task %s failed", task.get_name())


async def drain_then_stop(queue: asyncio.Queue, consumer: asyncio.Task) -> None:  # expect: clean  # near: cancellation-swallowed
    await queue.join()
    consumer.cancel()
    try:
        await consumer
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise


async def consume_batch(queue: asyncio.Queue, handle) -> None:  # expect: cancellation-swallowed
    while True:
        batch = [await queue.get()]
        try:
            await handle(batch)
        except BaseException:
            log.exception("batch failed; dropping %d items", len(batch))
        finally:
            for _ in batch:
                queue.task_done()


async def consume_batch_specific(queue: asyncio.Queue, handle) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        batch = [await queue.get()]
        try:
            await handle(batch)
        except asyncio.CancelledError:
            raise
        except BaseException:
            log.exception("batch failed; dropping %d items", len(batch))
        finally:
            for _ in batch:
                queue.task_done()
