"""Which code runs on the event loop's thread, for every blocking rule (ACK1xx).

A lambda or nested function written in a coroutine but handed to a worker thread is not the coroutine's code;
one called right there is.
"""
from __future__ import annotations

import pytest

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108", "ACK110"]

# One blocking call per rule, each with its code.
CALLS = {
    "ACK101": "time.sleep(1)",
    "ACK102": 'requests.get("https://example.org")',
    "ACK103": 'open("settings.toml").read()',
    "ACK104": 'subprocess.run(["git", "status"])',
    "ACK105": 'socket.getaddrinfo("example.org", 443)',
    "ACK106": "threading.Event().wait()",
    "ACK107": 'input("name? ")',
    "ACK108": "asyncio.new_event_loop().run_until_complete(job())",
    "ACK110": 'os.path.getsize("settings.toml")',
}

HEADER = '''
import asyncio
import functools
import os
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import anyio
import requests
import trio

async def job():
    pass

'''

HANDED_OFF = HEADER + '''
async def handed_to_threads(loop: asyncio.AbstractEventLoop, pool: ThreadPoolExecutor):
    await asyncio.to_thread(lambda: {call})
    await loop.run_in_executor(None, lambda: {call})
    await anyio.to_thread.run_sync(lambda: {call})
    await trio.to_thread.run_sync(lambda: {call})
    threading.Thread(target=lambda: {call}).start()
    pool.submit(lambda: {call})
    results = pool.map(lambda _: {call}, range(3))
    await loop.run_in_executor(pool, functools.partial(lambda x: {call}, 1))

    def work():
        return {call}

    await asyncio.to_thread(work)
    await loop.run_in_executor(None, work)
    await loop.run_in_executor(None, functools.partial(work))
    await anyio.to_thread.run_sync(work)
    threading.Thread(target=work, daemon=True).start()
    pool.submit(work)
    kept_for_later = lambda: {call}
    return kept_for_later
'''

CALLED_HERE = HEADER + '''
async def called_here(paths):
    def work():
        return {call}

    work()  # {code}
    (lambda: {call})()  # {code}
    run = lambda: {call}
    run()
    picked = sorted(paths, key=lambda p: {call})
    mapped = list(map(lambda p: {call}, paths))
    lazy = map(lambda p: {call}, paths)
    return picked, mapped, lazy
'''


def _source(template: str, code: str) -> str:
    return template.replace("{call}", CALLS[code]).replace("{code}", code)


def _lambda_line_marked(source: str, code: str) -> str:
    """In CALLED_HERE, the lambdas that run now report the call inside them, on their own line."""
    lines = []
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith(("run = lambda", "picked = sorted", "mapped = list(map")):
            line += f"  # {code}"
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("code", BLOCKING)
def test_handed_to_another_thread_is_not_the_loops_code(code):
    check_marked(_source(HANDED_OFF, code), BLOCKING)


@pytest.mark.parametrize("code", BLOCKING)
def test_called_in_the_coroutine_is(code):
    check_marked(_lambda_line_marked(_source(CALLED_HERE, code), code), BLOCKING)
