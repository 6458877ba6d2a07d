"""An internal platform SDK: clients reached through factories, base classes, aliases and decorators."""
from __future__ import annotations

import asyncio
import functools
import os
import shutil
import subprocess
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import psycopg2
import redis
import requests
from redis import asyncio as aioredis

http_get = requests.get
_state_lock = threading.Lock()


def s3():  # expect: clean
    return boto3.client("s3", region_name="eu-west-1")


def cache() -> redis.Redis:  # expect: clean
    return redis.Redis(host="cache.internal")


async def upload_report(key: str, body: bytes) -> None:  # expect: blocking-call
    s3().put_object(Bucket="reports", Key=key, Body=body)


async def cached_user(uid: int) -> bytes | None:  # expect: blocking-call
    return cache().get(f"user:{uid}")


async def cached_user_async(uid: int, r: aioredis.Redis) -> bytes | None:  # expect: clean  # near: blocking-call
    return await r.get(f"user:{uid}")


async def status(url: str) -> int:  # expect: blocking-call
    return http_get(url, timeout=3).status_code


class BaseRepo:  # expect: clean
    def __init__(self, dsn: str):
        self.conn = psycopg2.connect(dsn)

    def _query(self, sql: str, *args):
        with self.conn.cursor() as cur:
            cur.execute(sql, args)
            return cur.fetchall()


class UserRepo(BaseRepo):  # expect: blocking-call
    async def active(self) -> list:
        return self._query("SELECT id FROM users WHERE active")


class UserRepoOffloaded(BaseRepo):  # expect: clean  # near: blocking-call
    async def active(self) -> list:
        return await asyncio.to_thread(self._query, "SELECT id FROM users WHERE active")


def timed(fn):  # expect: clean
    @functools.wraps(fn)
    async def wrapper(*a, **kw):
        t0 = time.perf_counter()
        try:
            return await fn(*a, **kw)
        finally:
            print(fn.__name__, time.perf_counter() - t0)

    return wrapper


@timed
async def archive(src: Path, dst: Path) -> None:  # expect: blocking-call
    shutil.copytree(src, dst, dirs_exist_ok=True)


@timed
async def archive_offloaded(src: Path, dst: Path) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(shutil.copytree, src, dst, dirs_exist_ok=True)


async def git_sha(repo: str) -> str:  # expect: blocking-call
    run = functools.partial(subprocess.run, capture_output=True, text=True, check=True)
    return run(["git", "-C", repo, "rev-parse", "HEAD"]).stdout.strip()


async def disk_free(path: str) -> float:  # expect: clean  # near: blocking-call
    # statvfs of a local mount is a cheap syscall; shutil.disk_usage is the same thing
    usage = shutil.disk_usage(path)
    return usage.free / usage.total


async def purge(paths: list[str]) -> None:  # expect: blocking-call
    for p in paths:
        if os.path.exists(p):
            os.remove(p)


@dataclass
class Ctx:  # expect: clean
    lock: threading.RLock = field(default_factory=threading.RLock)
    seen: set = field(default_factory=set)


class Pipeline:  # expect: lock-across-await
    def __init__(self, ctx: Ctx):
        self.ctx = ctx

    async def step(self, item, sink) -> None:
        with self.ctx.lock:
            if item in self.ctx.seen:
                return
            self.ctx.seen.add(item)
            await sink(item)


class PipelineOk:  # expect: clean  # near: lock-across-await
    def __init__(self, ctx: Ctx):
        self.ctx = ctx

    async def step(self, item, sink) -> None:
        with self.ctx.lock:
            if item in self.ctx.seen:
                return
            self.ctx.seen.add(item)
        await sink(item)


@contextmanager
def state_guard():  # expect: clean
    _state_lock.acquire()
    try:
        yield
    finally:
        _state_lock.release()


async def migrate(steps) -> None:  # expect: lock-across-await
    with state_guard():
        for s in steps:
            await s()


class Base:  # expect: clean
    lock = threading.Lock()


class Worker(Base):  # expect: lock-across-await
    async def run(self, job) -> None:
        with self.lock:
            await job()


class WorkerOk(Base):  # expect: clean  # near: lock-across-await
    async def run(self, job) -> None:
        with self.lock:
            name = job.__name__
        print(name)
        await job()


async def with_timeout_lock(lock: threading.Lock, job) -> bool:  # expect: lock-across-await
    if not lock.acquire(timeout=1):
        return False
    try:
        await job()
    finally:
        lock.release()
    return True


async def guarded_all(jobs, locks: dict[str, threading.Lock]) -> None:  # expect: lock-across-await
    for name, job in jobs.items():
        with locks[name]:
            await job()


def make_lock() -> threading.Lock:  # expect: clean
    return threading.Lock()


async def through_factory(job) -> None:  # expect: ?lock-across-await
    lk = make_lock()
    with lk:
        await job()


async def async_lock_lookalike(job, lock: asyncio.Lock) -> None:  # expect: clean  # near: lock-across-await
    async with lock:
        await job()
