"""An ETL scheduler's workers and its RPC bridge: swallowed cancellations and sync clients reached through types."""
from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import queue
import socket
import sqlite3
import subprocess
import threading
from asyncio.exceptions import CancelledError as Cancelled
from concurrent.futures import Future, ThreadPoolExecutor
from typing import NamedTuple, Optional, Union, cast

import paramiko
import requests

log = logging.getLogger("sched")


class RpcBridge:  # expect: cancellation-swallowed
    def __init__(self, inbox: asyncio.Queue, handler) -> None:
        self.inbox = inbox
        self.handler = handler

    async def serve(self) -> None:
        while True:
            request, fut = await self.inbox.get()
            try:
                fut.set_result(await self.handler(request))
            except BaseException as exc:
                fut.set_exception(exc)


class RpcBridgeOk:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, inbox: asyncio.Queue, handler) -> None:
        self.inbox = inbox
        self.handler = handler

    async def serve(self) -> None:
        while True:
            request, fut = await self.inbox.get()
            try:
                fut.set_result(await self.handler(request))
            except Exception as exc:
                fut.set_exception(exc)


async def run_steps(steps) -> list:  # expect: cancellation-swallowed
    errors = []
    for step in steps:
        try:
            await step()
        except (Cancelled, Exception) as exc:
            errors.append(exc)
    return errors


async def run_steps_ok(steps) -> list:  # expect: clean  # near: cancellation-swallowed
    errors = []
    for step in steps:
        try:
            await step()
        except Exception as exc:
            errors.append(exc)
    return errors


async def shielded_commit(conn) -> None:  # expect: cancellation-swallowed
    fut = asyncio.ensure_future(conn.commit())
    try:
        await asyncio.shield(fut)
    except asyncio.CancelledError:
        await fut
    await conn.close()


async def shielded_commit_ok(conn) -> None:  # expect: clean  # near: cancellation-swallowed
    fut = asyncio.ensure_future(conn.commit())
    try:
        await asyncio.shield(fut)
    except asyncio.CancelledError:
        await fut
        raise
    finally:
        await conn.close()


async def poll_jobs(fetch, handle) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            for job in await fetch():
                await handle(job)
        finally:
            await asyncio.sleep(1)
            continue


async def drain_within(q: asyncio.Queue, seconds: float) -> list:  # expect: cancellation-swallowed
    items = []
    try:
        async with asyncio.timeout(seconds):
            while True:
                try:
                    items.append(await q.get())
                except asyncio.CancelledError:
                    break
    except TimeoutError:
        pass
    return items


async def drain_within_ok(q: asyncio.Queue, seconds: float) -> list:  # expect: clean  # near: cancellation-swallowed
    items = []
    try:
        async with asyncio.timeout(seconds):
            while True:
                items.append(await q.get())
    except TimeoutError:
        pass
    return items


async def keep_reading(reader: asyncio.StreamReader, on_line) -> None:  # expect: cancellation-swallowed
    while not reader.at_eof():
        try:
            line = await reader.readline()
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            log.warning("read failed: %r", exc)
            continue
        on_line(line)


class Sessions(NamedTuple):  # expect: clean
    http: requests.Session
    sftp: Optional[paramiko.SFTPClient]


async def fetch_manifest(sessions: Sessions, url: str) -> dict:  # expect: blocking-call
    return sessions.http.get(url, timeout=10).json()


async def push_manifest(sessions: Sessions, local: str, remote: str) -> None:  # expect: blocking-call
    if sessions.sftp is not None:
        sessions.sftp.put(local, remote)


async def fetch_manifest_ok(sessions: Sessions, url: str) -> dict:  # expect: clean  # near: blocking-call
    resp = await asyncio.to_thread(sessions.http.get, url, timeout=10)
    return resp.json()


async def mirror_all(pool: list[requests.Session], urls: list[str]) -> list[int]:  # expect: blocking-call
    codes = []
    for session, url in zip(pool, urls):
        codes.append(session.head(url).status_code)
    return codes


async def status_of(db: Union[sqlite3.Connection, None], job_id: int) -> Optional[str]:  # expect: blocking-call
    if db is None:
        return None
    row = db.execute("SELECT status FROM jobs WHERE id = ?", (job_id,)).fetchone()
    return row[0] if row else None


async def wait_export(fut: Future, timeout: float) -> bytes:  # expect: blocking-call
    return fut.result(timeout=timeout)


async def wait_export_ok(fut: Future) -> bytes:  # expect: clean  # near: blocking-call
    return await asyncio.wrap_future(fut)


async def export_done(fut: Future) -> bool:  # expect: clean  # near: blocking-call
    return fut.done() and not fut.cancelled()


async def run_exports(executor: ThreadPoolExecutor, jobs: list) -> list:  # expect: blocking-call
    futures = [executor.submit(job) for job in jobs]
    done, _ = concurrent.futures.wait(futures, timeout=30)
    return [f.result() for f in done]


async def run_exports_ok(executor: ThreadPoolExecutor, jobs: list) -> list:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return await asyncio.gather(*(loop.run_in_executor(executor, job) for job in jobs))


class Tunnel:  # expect: blocking-call
    def __init__(self, host: str, port: int) -> None:
        self.addr = (host, port)
        self.sock: socket.socket | None = None

    def open(self) -> None:
        self.sock = socket.create_connection(self.addr, timeout=5)

    async def roundtrip(self, payload: bytes) -> bytes:
        assert self.sock is not None
        self.sock.sendall(payload)
        return self.sock.recv(65536)


class TunnelNonBlocking:  # expect: clean  # near: blocking-call
    def __init__(self, host: str, port: int) -> None:
        self.addr = (host, port)
        self.sock: socket.socket | None = None

    async def roundtrip(self, payload: bytes) -> bytes:
        loop = asyncio.get_running_loop()
        assert self.sock is not None
        self.sock.setblocking(False)
        await loop.sock_sendall(self.sock, payload)
        return await loop.sock_recv(self.sock, 65536)


async def worker_result(results: queue.Queue) -> object:  # expect: blocking-call
    return results.get(timeout=1.0)


async def worker_result_nowait(results: queue.Queue) -> object:  # expect: clean  # near: blocking-call
    try:
        return results.get_nowait()
    except queue.Empty:
        return None


async def wait_child(proc: subprocess.Popen) -> int:  # expect: blocking-call
    out, _ = proc.communicate(timeout=60)
    log.info("child wrote %d bytes", len(out or b""))
    return proc.returncode


async def child_alive(proc: subprocess.Popen) -> bool:  # expect: clean  # near: blocking-call
    return proc.poll() is None


async def wait_stop_flag(flag: threading.Event) -> None:  # expect: blocking-call
    flag.wait(5)


async def stop_flag_set(flag: threading.Event) -> bool:  # expect: clean  # near: blocking-call
    return flag.is_set()


async def fetch_cast(obj: object, url: str) -> str:  # expect: blocking-call
    session = cast(requests.Session, obj)
    return session.get(url).text
