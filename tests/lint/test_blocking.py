"""ACK101-ACK110: realistic positives and the look-alikes that must stay quiet."""
from __future__ import annotations

import pytest

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108", "ACK110"]

POSITIVES = {
    "through-super": '''
        import asyncio
        import threading

        class Store:
            def save(self, path):
                with open(path, "w") as fh:
                    fh.write("x")

        class AsyncStore(Store):
            async def save(self, path):
                super().save(path)  # ACK103

        class Worker(threading.Thread):
            async def stop(self):
                super().join()  # ACK106

        class Two(Store, Worker):
            async def save(self, path):
                super().save(path)  # several bases: the MRO is not modelled
    ''',
    "sleep-aliases": '''
        import time
        import time as t
        from time import sleep as zzz

        async def a():
            time.sleep(1)  # ACK101
            t.sleep(1)  # ACK101
            zzz(1)  # ACK101

        async def b():
            async with lock:
                for i in range(3):
                    time.sleep(i)  # ACK101
    ''',
    "sleep-injected-default": '''
        import time

        class Poller:
            def __init__(self, sleep_fn=time.sleep):
                self._sleep = sleep_fn

            async def run(self):
                self._sleep(1)  # ACK101
    ''',
    "sleep-in-async-generator-and-comprehension": '''
        import time

        async def ticks():
            while True:
                time.sleep(1)  # ACK101
                yield 1

        async def many(items):
            return [time.sleep(i) for i in items]  # ACK101
    ''',
    "sleep-after-nested-def": '''
        import time

        async def handler():
            def helper():
                time.sleep(5)
            time.sleep(1)  # ACK101
    ''',
    "http-clients": '''
        import requests
        import requests as rq
        import httpx
        import urllib.request
        from urllib.request import urlopen
        from requests import Session

        class Github:
            def __init__(self):
                self.session = requests.Session()

            async def repo(self, name):
                return self.session.get(name)  # ACK102

        async def fetch(url):
            rq.post(url, json={})  # ACK102
            with httpx.Client() as client:
                client.get(url)  # ACK102
            s = Session()
            s.put(url)  # ACK102
            urlopen(url)  # ACK102
            with urllib.request.urlopen(url) as fh:  # ACK102
                return fh.read()  # ACK102

        async def sync_httpx(url):
            return httpx.get(url)  # ACK102
    ''',
    "file-io": '''
        import os
        import shutil
        from pathlib import Path

        SPOOL = Path("/var/spool")

        async def save(name, body: bytes, path: Path):
            dest = SPOOL / name
            dest.write_bytes(body)  # ACK103
            path.rename(path.with_suffix(".1"))  # ACK103
            with open(name) as fh:  # ACK103
                pass
            shutil.rmtree(name)  # ACK103
            os.makedirs(name)  # ACK103
            for entry in os.listdir("."):  # ACK103
                pass
            text = Path(name).read_text()  # ACK103
    ''',
    "subprocess": '''
        import os
        import subprocess
        import subprocess as sp
        from subprocess import check_output

        async def deploy(repo):
            check_output(["git", "pull"])  # ACK104
            sp.run(["make"])  # ACK104
            proc = subprocess.Popen(["worker"])  # ACK104
            proc.wait()  # ACK104
            os.system("reload")  # ACK104
    ''',
    "network-and-db": '''
        import socket
        import smtplib
        import sqlite3
        import redis
        from socket import getaddrinfo

        async def lookup(host):
            getaddrinfo(host, 80)  # ACK105
            sock = socket.create_connection((host, 80))  # ACK105
            sock.sendall(b"ping")  # ACK105
            with smtplib.SMTP(host) as s:  # ACK105
                s.send_message("hi")  # ACK105

        async def query(path):
            conn = sqlite3.connect(path)  # ACK105
            cur = conn.cursor()
            cur.execute("select 1")  # ACK105
            return cur.fetchall()  # ACK105

        class Store:
            def __init__(self):
                self.r = redis.Redis()

            async def get(self, key):
                return self.r.get(key)  # ACK105
    ''',
    "thread-waits": '''
        import queue
        import threading
        import concurrent.futures
        from concurrent.futures import ThreadPoolExecutor

        POOL = ThreadPoolExecutor()
        JOBS = queue.Queue()

        async def bridge(done: threading.Event, workers: list[threading.Thread], loop, coro):
            done.wait()  # ACK106
            for w in workers:
                w.join()  # ACK106
            JOBS.get()  # ACK106
            fut = POOL.submit(print)
            fut.result()  # ACK106
            import asyncio
            asyncio.run_coroutine_threadsafe(coro, loop).result()  # ACK106
    ''',
    "input-and-nested-loop": '''
        import asyncio
        import sys

        async def confirm(loop, coro):
            answer = input("ok? ")  # ACK107
            line = sys.stdin.readline()  # ACK107
            asyncio.run(coro)  # ACK108
            loop.run_until_complete(coro)  # ACK108
            asyncio.get_event_loop().run_until_complete(coro)  # ACK108
    ''',
    "fs-metadata": '''
        import os
        import os.path
        from pathlib import Path

        async def stale(path: Path, name):
            if os.path.exists(name):  # ACK110
                return path.stat().st_mtime  # ACK110
    ''',
    "project-helper-chain": '''
        import json

        def read_json(path):
            with open(path) as fh:
                return json.load(fh)

        def load_config():
            return read_json("config.json")

        class Service:
            def _reload(self):
                return load_config()

            async def handle(self):
                cfg = load_config()  # ACK103
                self._reload()  # ACK103
                return cfg
    ''',
}

NEGATIVES = {
    "sync-code-and-offloaded": '''
        import asyncio
        import functools
        import time
        import requests

        def sync_backoff(n):
            time.sleep(n)

        STARTED = time.sleep(0)

        async def offload(url):
            await asyncio.to_thread(time.sleep, 1)
            await asyncio.to_thread(requests.get, url)
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, functools.partial(requests.get, url))

        async def nested(urls):
            def fetch_all():
                with requests.Session() as s:
                    return [s.get(u) for u in urls]
            return await asyncio.to_thread(fetch_all)

        async def with_lambda():
            await asyncio.get_running_loop().run_in_executor(None, lambda: time.sleep(1))
    ''',
    "names-that-only-look-alike": '''
        import asyncio

        my_requests = {"get": 1}

        class FakeClock:
            def sleep(self, seconds):
                self.now += seconds

            async def tick(self):
                self.sleep(1)

        async def route(method, requests):
            my_requests.get(method)
            return requests.get(method)

        async def timer(time):
            time.sleep(1)
    ''',
    "async-alternatives": '''
        import asyncio
        import httpx
        from aiofiles import open

        class Billing:
            def __init__(self):
                self._http = httpx.AsyncClient()

            async def invoice(self, i):
                return await self._http.get(f"/invoices/{i}")

        async def read(path):
            async with open(path) as fh:
                return await fh.read()

        async def resolve(host):
            loop = asyncio.get_running_loop()
            return await loop.getaddrinfo(host, 80)

        async def run():
            proc = await asyncio.create_subprocess_exec("ls")
            await proc.wait()
            await proc.communicate()
    ''',
    "pure-path-and-string-work": '''
        import os
        import os.path

        async def key(bucket, name):
            k = os.path.join(bucket, os.path.basename(name))
            return os.path.normpath(k)
    ''',
    "non-blocking-variants": '''
        import queue
        import threading
        import socket

        jobs = queue.Queue()
        sem = threading.Semaphore(4)

        async def poll(done: threading.Event):
            jobs.get_nowait()
            jobs.get(block=False)
            sem.acquire(blocking=False)
            done.wait(0)
            done.is_set()

        async def loop_socket(raw: socket.socket):
            raw.connect(("host", 1))
            sock = socket.socket()
            sock.setblocking(False)
            sock.connect_ex(("host", 1))

        async def lazy(path):
            from pathlib import Path
            gen = Path(path).iterdir()
            return gen
    ''',
    "task-result-is-not-future-result": '''
        import asyncio

        async def first(coros):
            done, pending = await asyncio.wait([asyncio.ensure_future(c) for c in coros])
            return next(iter(done)).result()
    ''',
    "main-entry-point": '''
        import asyncio

        async def serve():
            await asyncio.sleep(1)

        def main():
            asyncio.run(serve())

        if __name__ == "__main__":
            asyncio.run(serve())
    ''',
    "helper-that-does-not-block": '''
        def parse(text):
            return text.split()

        def _open_later(path):
            def inner():
                return open(path)
            return inner

        async def handle(text):
            parse(text)
            _open_later("x")
    ''',
    "shadowed-builtins": '''
        async def prompt(input, open):
            input("x")
            open("y")
    ''',
}


@pytest.mark.parametrize("name", POSITIVES)
def test_flags(name):
    check_marked(POSITIVES[name], BLOCKING)


@pytest.mark.parametrize("name", NEGATIVES)
def test_leaves_alone(name):
    check_marked(NEGATIVES[name], BLOCKING)


def test_chain_is_explained():
    from asynccheck.lint import lint_source

    from .helpers import ALL

    source = "def load():\n    return open('x')\n\ndef cfg():\n    return load()\n\nasync def h():\n    cfg()\n"
    (finding,) = lint_source(source, "m.py", ALL).findings
    assert finding.code == "ACK103" and finding.line == 8
    assert "`load()` -> `open('x')`" in finding.message
