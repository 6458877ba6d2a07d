"""Host probes: ping, DNS, load and disks."""
from __future__ import annotations

import asyncio
import logging
import socket
import subprocess
from dataclasses import dataclass

import icmplib
import psutil

log = logging.getLogger(__name__)


@dataclass
class Probe:
    host: str
    interval: float = 30.0


async def cpu_load() -> float:  # expect: blocking-call
    return psutil.cpu_percent(interval=1.0)


async def cpu_load_sampled() -> float:  # expect: clean  # near: blocking-call
    return psutil.cpu_percent(interval=None)


async def memory_used() -> float:  # expect: clean  # near: blocking-call
    return psutil.virtual_memory().percent


async def ping_once(probe: Probe) -> bool:  # expect: blocking-call
    out = subprocess.run(["ping", "-c", "1", "-W", "1", probe.host], capture_output=True)
    return out.returncode == 0


async def ping_async(probe: Probe) -> bool:  # expect: clean  # near: blocking-call
    host = await icmplib.async_ping(probe.host, count=1, timeout=1, privileged=False)
    return host.is_alive


async def ping_icmplib(probe: Probe) -> bool:  # expect: blocking-call
    return icmplib.ping(probe.host, count=1, timeout=1, privileged=False).is_alive


async def reverse_name(ip: str) -> str:  # expect: blocking-call
    try:
        return socket.gethostbyaddr(ip)[0]
    except OSError:
        return ip


async def reverse_name_async(ip: str) -> str:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    try:
        name, _ = await loop.getnameinfo((ip, 0))
        return name
    except OSError:
        return ip


async def watch(probe: Probe, results: list) -> None:  # expect: unawaited-coroutine
    while True:
        results.append(await ping_async(probe))
        asyncio.sleep(probe.interval)


async def watch_with_timeout(probe: Probe) -> bool:  # expect: unawaited-coroutine
    try:
        return asyncio.wait_for(ping_async(probe), timeout=5)
    except asyncio.TimeoutError:
        return False


async def watch_with_timeout_awaited(probe: Probe) -> bool:  # expect: clean  # near: unawaited-coroutine
    try:
        return await asyncio.wait_for(ping_async(probe), timeout=5)
    except asyncio.TimeoutError:
        return False
