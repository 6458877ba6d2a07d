"""Shapes found missing on the twenty-first held-out set (the long tail of blocking knowledge): each flagged
shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108", "ACK110"]


def test_dnspython_sync_resolver_blocks_and_its_async_resolver_does_not():
    check_marked('''
        import asyncio
        import dns.asyncresolver
        import dns.query
        import dns.resolver

        class Lookup:
            def __init__(self) -> None:
                self.resolver = dns.resolver.Resolver(configure=False)
                self.resolver.nameservers = ["9.9.9.9"]

            async def srv(self, name: str) -> list:
                return list(self.resolver.resolve(name, "SRV"))  # ACK105

        async def spf(domain: str) -> list:
            return [r.to_text() for r in dns.resolver.resolve(domain, "TXT")]  # ACK105

        async def soa_over_tcp(query, server: str):
            return dns.query.tcp(query, server, timeout=2)  # ACK105

        async def spf_async(domain: str) -> list:
            return [r.to_text() for r in await dns.asyncresolver.resolve(domain, "TXT")]

        async def spf_offloaded(domain: str):
            return await asyncio.to_thread(dns.resolver.resolve, domain, "TXT")

        def spf_sync(domain: str):
            return dns.resolver.resolve(domain, "TXT")
    ''', BLOCKING)


def test_tls_handshake_on_a_wrapped_socket_blocks_but_not_on_a_memory_bio_or_a_non_blocking_socket():
    check_marked('''
        import socket
        import ssl

        class Tunnel:
            def __init__(self, ctx: ssl.SSLContext, raw: socket.socket, host: str) -> None:
                self.tls: ssl.SSLSocket = ctx.wrap_socket(raw, server_hostname=host, do_handshake_on_connect=False)

            async def open(self) -> None:
                self.tls.do_handshake()  # ACK105

        async def peer_cert(host: str) -> str:
            return ssl.get_server_certificate((host, 8443))  # ACK105

        async def upgrade(ctx: ssl.SSLContext, raw: socket.socket, host: str) -> ssl.SSLSocket:
            tls = ctx.wrap_socket(raw, server_hostname=host, do_handshake_on_connect=False)
            tls.do_handshake()  # ACK105
            return tls

        async def upgrade_non_blocking(ctx: ssl.SSLContext, raw: socket.socket, host: str) -> ssl.SSLSocket:
            tls = ctx.wrap_socket(raw, server_hostname=host, do_handshake_on_connect=False)
            while True:
                try:
                    tls.do_handshake()
                    return tls
                except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
                    continue

        async def handshake_in_memory(ctx: ssl.SSLContext, host: str) -> bytes:
            incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
            engine = ctx.wrap_bio(incoming, outgoing, server_hostname=host)
            try:
                engine.do_handshake()
            except ssl.SSLWantReadError:
                pass
            return outgoing.read()
    ''', BLOCKING)


def test_a_popen_pipe_is_a_sync_file_that_waits_for_the_child():
    check_marked('''
        import asyncio
        import json
        import subprocess

        class Child:
            def __init__(self, argv: list) -> None:
                self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True)

            async def answers(self) -> list:
                return [line for line in self.proc.stdout]  # ACK104

            async def ask(self, line: str) -> None:
                self.proc.stdin.write(line)  # ACK104

            async def report(self) -> dict:
                return json.load(self.proc.stdout)  # ACK104

        async def first_line(proc: subprocess.Popen) -> bytes:
            return proc.stdout.readline()  # ACK104

        async def first_line_async(proc: asyncio.subprocess.Process) -> bytes:
            return await proc.stdout.readline()

        async def first_line_offloaded(proc: subprocess.Popen) -> bytes:
            return await asyncio.to_thread(proc.stdout.readline)

        async def pipe_descriptor(proc: subprocess.Popen) -> int:
            return proc.stdout.fileno()
    ''', BLOCKING)


def test_a_mongo_cursor_stays_a_cursor_through_its_modifiers():
    check_marked('''
        import asyncio
        import pymongo

        client = pymongo.MongoClient("mongodb://localhost")

        async def recent(user: str) -> list:
            return list(client.app.events.find({"user": user}).sort("at", -1).skip(10).limit(20))  # ACK105

        async def newest(user: str):
            cursor = client.app.events.find({"user": user}).sort("at", -1).limit(1)
            return cursor.next()  # ACK105

        async def recent_offloaded(user: str) -> list:
            cursor = client.app.events.find({"user": user}).sort("at", -1).limit(20)
            return await asyncio.to_thread(list, cursor)

        class Page:
            def limit(self, n: int) -> "Page":
                return self

            def sort(self, key: str) -> list:
                return [key]

        async def page_of(page: Page) -> list:
            return list(page.limit(5).sort("at"))
    ''', BLOCKING)


def test_a_copied_items_view_keeps_the_instances_it_holds():
    check_marked('''
        import asyncio
        import subprocess
        import threading

        class Supervisor:
            def __init__(self) -> None:
                self.procs: dict[str, subprocess.Popen] = {}
                self.workers: dict[str, threading.Thread] = {}

            async def stop_all(self) -> None:
                for name, proc in list(self.procs.items()):
                    proc.terminate()
                    proc.wait()  # ACK104
                    del self.procs[name]

            async def join_sorted(self) -> None:
                for name, worker in sorted(self.workers.items()):
                    worker.join()  # ACK106

            async def stop_all_offloaded(self) -> None:
                for name, proc in list(self.procs.items()):
                    proc.terminate()
                    await asyncio.to_thread(proc.wait)

            async def names(self) -> list:
                return [name.upper() for name, _ in list(self.procs.items())]
    ''', BLOCKING)


def test_copying_between_in_memory_buffers_is_not_file_io():
    check_marked('''
        import io
        import shutil

        async def clone(src: io.BytesIO) -> bytes:
            out = io.BytesIO()
            shutil.copyfileobj(src, out)
            return out.getvalue()

        async def clone_text(raw: str) -> str:
            out = io.StringIO()
            shutil.copyfileobj(io.StringIO(raw), out)
            return out.getvalue()

        async def save(src: io.BytesIO, path: str) -> None:
            with open(path, "wb") as out:  # ACK103
                shutil.copyfileobj(src, out)  # ACK103

        async def clone_from(src) -> bytes:
            out = io.BytesIO()
            shutil.copyfileobj(src, out)  # ACK103
            return out.getvalue()
    ''', BLOCKING)


def test_a_parameter_declared_an_in_memory_stream_keeps_file_readers_off_the_disk():
    check_marked('''
        import io
        import pandas as pd

        async def table(buf: io.StringIO) -> int:
            return len(pd.read_csv(buf))

        async def table_from(path_or_buf) -> int:
            return len(pd.read_csv(path_or_buf))  # ACK103

        async def table_reassigned(buf: io.StringIO, path: str) -> int:
            if not buf.getvalue():
                buf = open(path)  # ACK103
            return len(pd.read_csv(buf))  # ACK103
    ''', BLOCKING)


def test_an_advisory_file_lock_waits_unless_asked_not_to():
    check_marked('''
        import asyncio
        import fcntl

        class PidFile:
            def __init__(self, fd: int) -> None:
                self.fd = fd

            async def hold(self) -> None:
                fcntl.flock(self.fd, fcntl.LOCK_EX)  # ACK106

            async def hold_region(self) -> None:
                fcntl.lockf(self.fd, fcntl.LOCK_SH, 10)  # ACK106

            async def try_hold(self) -> bool:
                try:
                    fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return False
                return True

            async def let_go(self) -> None:
                fcntl.flock(self.fd, fcntl.LOCK_UN)

            async def hold_offloaded(self) -> None:
                await asyncio.to_thread(fcntl.flock, self.fd, fcntl.LOCK_EX)
    ''', BLOCKING)


def test_entering_a_sync_redis_lock_goes_to_the_server():
    check_marked('''
        import redis
        import redis.asyncio

        class Jobs:
            def __init__(self, url: str) -> None:
                self.redis = redis.Redis.from_url(url)
                self.aredis = redis.asyncio.Redis.from_url(url)

            async def run_once(self, name: str, job) -> None:
                with self.redis.lock(f"job:{name}", timeout=60):  # ACK105
                    await job()

            async def run_once_async(self, name: str, job) -> None:
                async with self.aredis.lock(f"job:{name}", timeout=60):
                    await job()

            async def describe(self, name: str) -> str:
                lock = self.redis.lock(f"job:{name}")
                return lock.name
    ''', BLOCKING)


def test_boto3_paginators_and_waiters_send_requests_when_iterated_or_waited_on():
    check_marked('''
        import asyncio
        import boto3

        class Inventory:
            def __init__(self) -> None:
                self.ec2 = boto3.client("ec2")
                self.s3 = boto3.client("s3")

            async def keys(self, bucket: str) -> list:
                pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
                return [o["Key"] for page in pages for o in page.get("Contents", [])]  # ACK102

            async def sizes(self, bucket: str):
                pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
                return pages.search("Contents[].Size")  # ACK102

            async def started(self, ids: list) -> None:
                self.ec2.get_waiter("instance_running").wait(InstanceIds=ids)  # ACK102

            async def keys_offloaded(self, bucket: str) -> list:
                pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
                return await asyncio.to_thread(list, pages)

            async def prepared(self, bucket: str):
                paginator = self.s3.get_paginator("list_objects_v2")
                return paginator.paginate(Bucket=bucket, PaginationConfig={"PageSize": 100})
    ''', BLOCKING)


def test_leaving_an_executor_block_waits_for_the_work_it_submitted():
    check_marked('''
        import asyncio
        import concurrent.futures
        from concurrent.futures import ThreadPoolExecutor

        async def warm(urls: list, fetch) -> None:
            with ThreadPoolExecutor(max_workers=8) as pool:  # ACK106
                for url in urls:
                    pool.submit(fetch, url)

        def warm_sync(urls: list, fetch) -> None:
            with concurrent.futures.ThreadPoolExecutor() as pool:
                for url in urls:
                    pool.submit(fetch, url)

        async def warm_through_helper(urls: list, fetch) -> None:
            warm_sync(urls, fetch)  # ACK106

        async def warm_offloaded(urls: list, fetch) -> None:
            await asyncio.to_thread(warm_sync, urls, fetch)

        async def warm_awaited(urls: list, fetch) -> None:
            with ThreadPoolExecutor() as pool:
                await asyncio.gather(*(asyncio.wrap_future(pool.submit(fetch, u)) for u in urls))

        async def warm_waited(urls: list, fetch) -> list:
            with ThreadPoolExecutor() as pool:
                futures = [pool.submit(fetch, u) for u in urls]
                return [f.result() for f in futures]  # ACK106

        async def warm_nothing_submitted(urls: list) -> int:
            with ThreadPoolExecutor() as pool:
                return len(urls) + pool._max_workers
    ''', BLOCKING)


def test_a_member_opened_from_an_in_memory_archive_reads_memory():
    check_marked('''
        import io
        import json
        import zipfile

        async def manifest_of_upload(blob: bytes) -> dict:
            with zipfile.ZipFile(io.BytesIO(blob)) as bundle:
                with bundle.open("manifest.json") as member:
                    return json.load(member)

        async def lines_of_upload(blob: bytes) -> list:
            bundle = zipfile.ZipFile(io.BytesIO(blob))
            member = bundle.open("notes.txt")
            return [line for line in member] + [member.read()]

        async def manifest_on_disk(path: str) -> dict:
            with zipfile.ZipFile(path) as bundle:  # ACK103
                with bundle.open("manifest.json") as member:  # ACK103
                    return json.load(member)  # ACK103

        async def manifest_of(bundle: zipfile.ZipFile) -> dict:
            with bundle.open("manifest.json") as member:  # ACK103
                return json.load(member)  # ACK103
    ''', BLOCKING)


def test_data_library_readers_and_writers_touch_the_disk_unless_handed_a_buffer():
    check_marked('''
        import asyncio
        import io
        import xml.etree.ElementTree as ElementTree

        import joblib
        import numpy
        import torch

        class Store:
            def __init__(self, root: str) -> None:
                self.root = root

            async def vectors(self, name: str):
                return numpy.load(f"{self.root}/{name}.npy")  # ACK103

            async def keep_vectors(self, name: str, arr) -> None:
                numpy.savetxt(f"{self.root}/{name}.txt", arr)  # ACK103

            async def weights(self, name: str):
                return torch.load(f"{self.root}/{name}.pt", map_location="cpu")  # ACK103

            async def keep_weights(self, state, name: str) -> None:
                torch.save(state, f"{self.root}/{name}.pt")  # ACK103

            async def pipeline(self, name: str):
                return joblib.load(f"{self.root}/{name}.joblib")  # ACK103

            async def sitemap(self, name: str) -> list:
                return [e.text for e in ElementTree.parse(f"{self.root}/{name}.xml").getroot()]  # ACK103

            async def vectors_from(self, blob: bytes):
                return numpy.load(io.BytesIO(blob))

            async def weights_from(self, blob: bytes):
                return torch.load(io.BytesIO(blob), map_location="cpu")

            async def sitemap_from(self, body: str) -> list:
                return [e.text for e in ElementTree.fromstring(body)]

            async def sitemap_offloaded(self, name: str):
                return await asyncio.to_thread(ElementTree.parse, f"{self.root}/{name}.xml")
    ''', BLOCKING)


def test_a_blocking_library_callable_handed_to_the_loop_as_a_callback():
    check_marked('''
        import asyncio
        import functools
        import threading
        import time

        import requests

        class Poller:
            def __init__(self, loop: asyncio.AbstractEventLoop, url: str) -> None:
                self.loop = loop
                self.url = url
                self.stop = threading.Event()

            def start(self) -> None:
                self.loop.call_later(5, requests.get, self.url)  # ACK102
                self.loop.call_soon_threadsafe(functools.partial(time.sleep, 0.5))  # ACK101

            def start_quietly(self) -> None:
                self.loop.call_soon(self.stop.set)
                self.loop.call_later(5, print, self.url)
                self.loop.call_soon(self.loop.run_in_executor, None, requests.get, self.url)

            async def later(self) -> None:
                await asyncio.sleep(5)
                await asyncio.to_thread(requests.get, self.url)
    ''', BLOCKING)
