"""A monitoring bot and its worker: blocking calls reached through partials, aliases, helpers and base classes."""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import os
import queue
import shutil
import subprocess
import threading
import time
import urllib.request as ureq
from pathlib import Path
from typing import Callable

import paramiko
import requests
from kafka import KafkaProducer

post_json = functools.partial(requests.post, timeout=10, headers={"Content-Type": "application/json"})
run_checked = functools.partial(subprocess.run, check=True, capture_output=True, text=True)
fetch = requests.get
rmtree = shutil.rmtree
POOL = concurrent.futures.ThreadPoolExecutor(max_workers=4)


async def send_webhook(url: str, body: str) -> int:  # expect: blocking-call
    return post_json(url, data=body).status_code


async def send_webhook_offloaded(url: str, body: str) -> int:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    resp = await loop.run_in_executor(None, functools.partial(post_json, url, data=body))
    return resp.status_code


async def disk_usage(mount: str) -> str:  # expect: blocking-call
    return run_checked(["df", "-h", mount]).stdout


async def probe_all(urls: list[str]) -> dict[str, int]:  # expect: blocking-call
    return {u: fetch(u, timeout=3).status_code for u in urls}


async def clear_workdir(job_dir: Path) -> None:  # expect: blocking-call
    if job_dir.exists():
        rmtree(job_dir)


async def legacy_status(url: str) -> bytes:  # expect: blocking-call
    with ureq.urlopen(url, timeout=5) as resp:
        return resp.read()


class BaseCheck:  # expect: clean
    def __init__(self, url: str):
        self.url = url
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "monbot/1.2"


class HttpCheck(BaseCheck):  # expect: blocking-call
    async def run(self) -> bool:
        resp = self.session.head(self.url, allow_redirects=True, timeout=5)
        return resp.ok


def timed(fn):  # expect: clean
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return await fn(*args, **kwargs)
        finally:
            print(f"{fn.__name__} took {time.perf_counter() - t0:.3f}s")

    return wrapper


@timed
async def restart_service(name: str) -> None:  # expect: blocking-call
    os.system(f"systemctl restart {name}")


@timed
async def restart_service_async(name: str) -> int:  # expect: clean  # near: blocking-call
    proc = await asyncio.create_subprocess_exec("systemctl", "restart", name)
    return await proc.wait()


async def tail_remote_log(host: str, path: str) -> str:  # expect: blocking-call
    ssh = paramiko.SSHClient()
    ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    ssh.connect(host, username="monbot", timeout=10)
    try:
        _, stdout, _ = ssh.exec_command(f"tail -n 100 {path}")
        return stdout.read().decode()
    finally:
        ssh.close()


async def read_state_file(path: str) -> str:  # expect: blocking-call
    def load() -> str:
        with open(path, encoding="utf-8") as fh:
            return fh.read()

    return load()


async def read_state_file_offloaded(path: str) -> str:  # expect: clean  # near: blocking-call
    def load() -> str:
        with open(path, encoding="utf-8") as fh:
            return fh.read()

    return await asyncio.to_thread(load)


@contextlib.contextmanager
def ssh_session(host: str):  # expect: clean
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.connect(host, timeout=10)
    try:
        yield client
    finally:
        client.close()


async def reboot(host: str) -> None:  # expect: blocking-call
    with ssh_session(host) as ssh:
        ssh.exec_command("sudo reboot")


class EventPublisher:  # expect: blocking-call
    def __init__(self, servers: list[str]):
        self.producer = KafkaProducer(bootstrap_servers=servers)

    async def publish(self, topic: str, payload: bytes) -> None:
        self.producer.send(topic, payload).get(timeout=10)


class Sampler:  # expect: blocking-call
    """Tests swap the clock module for a fake; production uses the real `time` module."""

    def __init__(self, probe: Callable, clock=time):
        self._probe = probe
        self._clock = clock

    async def sample(self, n: int, every: float) -> list:
        out = []
        for _ in range(n):
            out.append(await self._probe())
            self._clock.sleep(every)
        return out


async def drain_results(results: queue.Queue, n: int) -> list:  # expect: blocking-call
    return [results.get() for _ in range(n)]


async def drain_results_nowait(results: queue.Queue) -> list:  # expect: clean  # near: blocking-call
    out = []
    while True:
        try:
            out.append(results.get_nowait())
        except queue.Empty:
            return out


async def checksum_in_pool(paths: list[str]) -> list[str]:  # expect: blocking-call
    futures = [POOL.submit(subprocess.check_output, ["sha256sum", p], text=True) for p in paths]
    return [f.result() for f in futures]


async def checksum_in_pool_awaited(paths: list[str]) -> list[str]:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    futures = [loop.run_in_executor(POOL, subprocess.check_output, ["sha256sum", p]) for p in paths]
    return [out.decode() for out in await asyncio.gather(*futures)]


async def wait_for_ready(ready: threading.Event, timeout: float = 30.0) -> bool:  # expect: blocking-call
    return ready.wait(timeout)


async def wait_for_ready_offloaded(ready: threading.Event, timeout: float = 30.0) -> bool:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(ready.wait, timeout)


async def call_from_other_loop(coro, other_loop: asyncio.AbstractEventLoop):  # expect: blocking-call
    fut = asyncio.run_coroutine_threadsafe(coro, other_loop)
    return fut.result(timeout=5)


async def call_from_other_loop_wrapped(coro, other_loop: asyncio.AbstractEventLoop):  # expect: clean  # near: blocking-call
    fut = asyncio.run_coroutine_threadsafe(coro, other_loop)
    return await asyncio.wrap_future(fut)


async def dispatch(method: str, url: str) -> int:  # expect: blocking-call
    return getattr(requests, method.lower())(url, timeout=5).status_code
