"""Blocking knowledge keyed by type and method (knowledge.BLOCKING_METHODS, BLOCKING_TYPES, BLOCKING_ITERATION):
each family of sync objects flagged where a coroutine uses it, and the look-alikes that must stay quiet."""
from __future__ import annotations

import pytest

from asynccheck.lint import knowledge

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108", "ACK110"]

POSITIVES = {
    "file-objects-from-every-opener": '''
        import bz2
        import gzip
        import io
        import os
        import tempfile
        import zipfile
        from pathlib import Path

        async def openers(fd: int, p: Path):
            raw = io.open_code("plugin.py")  # ACK103
            raw.read()  # ACK103
            w = os.fdopen(fd, "w")
            w.write("x")  # ACK103
            with tempfile.NamedTemporaryFile() as tmp:  # ACK103
                tmp.write(b"x")  # ACK103
            with gzip.open("a.gz") as gz, bz2.open("b.bz2") as bz:  # ACK103
                gz.read1(10)  # ACK103
                bz.readinto(bytearray(4))  # ACK103
            with zipfile.ZipFile("a.zip") as zf:  # ACK103
                zf.extractall("out")  # ACK103
                with zf.open("member") as member:  # ACK103
                    member.read()  # ACK103
    ''',
    "file-objects-declared": '''
        import io
        from typing import Optional

        class Sink:
            out: io.BufferedWriter

            def __init__(self, log: "io.TextIOWrapper | None" = None):
                self.log = log

            async def emit(self, data: bytes):
                self.out.write(data)  # ACK103
                self.out.flush()  # ACK103
                if self.log is not None:
                    self.log.writelines(["x"])  # ACK103

        async def copy(src: io.BufferedReader, dst: Optional[io.BufferedRandom]):
            dst.seek(0)  # ACK103
            dst.truncate()  # ACK103
            dst.write(src.peek(10))  # ACK103
    ''',
    "iterating-a-file-or-archive": '''
        import io
        import tarfile

        async def count(f: io.TextIOWrapper, path):
            n = 0
            for line in f:  # ACK103
                n += 1
            words = [w for w in f]  # ACK103
            with tarfile.open(path) as tar:  # ACK103
                for member in tar:  # ACK103
                    n += 1
            return n
    ''',
    "members-of-an-archive": '''
        import io
        import tarfile

        async def unpack(path):
            files = {}
            with tarfile.open(path) as tar:  # ACK103
                for member in tar.getmembers():  # ACK103
                    handle = tar.extractfile(member)  # ACK103
                    files[member.name] = handle.read()  # ACK103
            return files

        async def unpack_layer(blob: bytes):
            # a member of an archive held in memory is read from memory
            files = {}
            with tarfile.open(fileobj=io.BytesIO(blob)) as layer:
                for member in layer.getmembers():
                    handle = layer.extractfile(member)
                    if handle is not None:
                        files[member.name] = handle.read()
            return files
    ''',
    "streams-handed-to-functions": '''
        import io
        import json
        import pickle
        from urllib.request import urlopen

        async def persist(state, fh: io.TextIOWrapper, out: io.BufferedWriter, url):
            json.dump(state, fh)  # ACK103
            pickle.dump(state, file=out)  # ACK103
            print("saved", file=fh)  # ACK103
            with urlopen(url) as resp:  # ACK102
                return json.load(resp)  # ACK102
    ''',
    "sync-helpers-that-read-a-stream": '''
        import asyncio
        import io
        import json

        def count_lines(f: io.TextIOWrapper):
            return sum(1 for _ in f)

        def save(state, f: io.BufferedWriter):
            f.write(json.dumps(state).encode())

        def dump(state, f: io.TextIOWrapper):
            json.dump(state, f)

        async def handler(f: io.TextIOWrapper, out: io.BufferedWriter, state):
            n = count_lines(f)  # ACK103
            save(state, out)  # ACK103
            dump(state, f)  # ACK103
            await asyncio.to_thread(count_lines, f)
            return n
    ''',
    "http-pools-and-clients": '''
        import http.client
        import httpx
        import urllib3
        from urllib3 import PoolManager, ProxyManager

        async def pools(c: urllib3.HTTPConnectionPool, m: "urllib3.PoolManager | None"):
            c.urlopen("GET", "/")  # ACK102
            c.request_encode_body("POST", "/")  # ACK102
            m.request("GET", "http://x")  # ACK102
            proxy = ProxyManager("http://proxy")
            proxy.request("GET", "http://x")  # ACK102
            with PoolManager() as http:
                http.request("GET", "http://x")  # ACK102

        async def clients(client: httpx.Client, host):
            client.close()  # ACK102
            conn = http.client.HTTPSConnection(host)
            conn.request("GET", "/")  # ACK102
            resp = conn.getresponse()  # ACK102
            resp.read()  # ACK102
    ''',
    "subprocess-and-spawn": '''
        import os
        import subprocess

        async def launch(argv):
            proc = subprocess.Popen(argv)  # ACK104
            pid = os.posix_spawn(argv[0], argv, {})  # ACK104
            os.posix_spawnp(argv[0], argv, {})  # ACK104
            os.waitpid(pid, 0)  # ACK104
            proc.communicate()  # ACK104
    ''',
    "mail-transfer-and-databases": '''
        import ftplib
        import imaplib
        import smtplib
        import mysql.connector
        import psycopg2

        async def mail(msg):
            with smtplib.SMTP_SSL("mail") as smtp:  # ACK105
                smtp.send_message(msg)  # ACK105
                smtp.rset()  # ACK105
            ftp = ftplib.FTP_TLS("ftp")  # ACK105
            ftp.mlsd()  # ACK105
            box = imaplib.IMAP4_SSL("imap")  # ACK105
            box.select("INBOX")  # ACK105

        async def query(dsn):
            conn = mysql.connector.connect(host="db")  # ACK105
            cur = conn.cursor()
            cur.execute("select 1")  # ACK105
            conn.ping()  # ACK105
            pg = psycopg2.connect(dsn)  # ACK105
            with pg.cursor() as pcur:
                pcur.copy_expert("copy t to stdout", None)  # ACK105
    ''',
    "service-clients": '''
        import boto3
        import pika
        from kafka import KafkaConsumer

        s3 = boto3.client("s3")

        class Publisher:
            def __init__(self, params):
                self.conn = pika.BlockingConnection(params)
                self.channel = self.conn.channel()

            async def publish(self, body):
                self.channel.basic_publish(exchange="", routing_key="q", body=body)  # ACK105

        async def upload(key, body, topic):
            s3.put_object(Bucket="b", Key=key, Body=body)  # ACK102
            url = s3.generate_presigned_url("get_object", Params={"Key": key})
            consumer = KafkaConsumer(topic)  # ACK105
            for record in consumer:  # ACK105
                return record, url
    ''',
    "aliases-and-subclass-spellings": '''
        import httpx2
        import urllib3.poolmanager as pm
        from concurrent.futures import ThreadPoolExecutor as TPE
        from io import open_code as load_code
        from os import fdopen as wrap_fd, posix_spawnp as spawn
        from smtplib import SMTP_SSL as Mailer
        from subprocess import Popen as P

        async def aliased(fd: int, argv, mgr: pm.ProxyManager, mailer: Mailer):
            load_code("x.py")  # ACK103
            wrap_fd(fd).read()  # ACK103
            spawn(argv[0], argv, {})  # ACK104
            P(argv)  # ACK104
            httpx2.get("http://x")  # ACK102
            mgr.urlopen("GET", "http://x")  # ACK102
            mailer.noop()  # ACK105
            with TPE() as ex:
                ex.submit(len, "x").result()  # ACK106
    ''',
    "redis-pipelines-pubsub-locks": '''
        import redis

        r = redis.Redis()

        async def handler():
            pipe = r.pipeline()
            pipe.set("a", 1)
            pipe.execute()  # ACK105
            lock = r.lock("name")
            lock.acquire()  # ACK105
            sub = r.pubsub()
            sub.subscribe("chan")  # ACK105
            for message in sub.listen():  # ACK105
                break
    ''',
    "futures-executors-pools": '''
        import concurrent.futures
        import multiprocessing
        from concurrent.futures import ThreadPoolExecutor, as_completed

        async def fan_out(items):
            with ThreadPoolExecutor() as ex:
                futures = [ex.submit(len, i) for i in items]
                for done in as_completed(futures):  # ACK106
                    done.result()  # as_completed yields finished futures
                results = list(ex.map(len, items))  # ACK106
            concurrent.futures.wait(futures)  # ACK106
            pool = multiprocessing.Pool()
            total = sum(pool.imap_unordered(len, items))  # ACK106
            return results, total
    ''',
    "thread-and-queue-waits": '''
        import multiprocessing
        import queue
        import signal
        import threading

        jobs = multiprocessing.JoinableQueue()
        replies = queue.SimpleQueue()
        ready = threading.Event()

        async def worker():
            ready.wait()  # ACK106
            jobs.get()  # ACK106
            jobs.join()  # ACK106
            replies.get()  # ACK106
            signal.pause()  # ACK106
    ''',
    "sockets-this-code-made": '''
        import socket

        class LineClient:
            def __init__(self, addr):
                self.addr = addr
                self.sock: "socket.socket | None" = None

            def connect(self):
                self.sock = socket.create_connection(self.addr)

            async def send_line(self, line: bytes):
                self.sock.sendall(line + b"\\n")  # ACK105
                return self.sock.recv(1)  # ACK105

        async def ping(addr):
            with socket.create_connection(addr) as s:  # ACK105
                s.sendall(b"ping")  # ACK105
    ''',
    "fs-metadata-on-paths": '''
        import os
        from pathlib import Path

        async def probe(p: Path):
            p.is_mount()  # ACK110
            p.readlink()  # ACK110
            os.readlink("link")  # ACK110
            os.chmod("f", 0o600)  # ACK103
    ''',
}

NEGATIVES = {
    "methods-that-merely-share-a-name": '''
        import asyncio
        import io

        class Store:
            def read(self):
                return 1

            def result(self):
                return 2

        async def not_files(store: Store, buf: io.BytesIO, text: io.StringIO, event: asyncio.Event):
            store.read()
            store.result()
            buf.read()
            text.readline()
            for line in text:
                pass
            await event.wait()
            loop = asyncio.get_running_loop()
            fut = loop.create_future()
            fut.result()
            task = asyncio.ensure_future(asyncio.sleep(1))
            task.exception()
            q = asyncio.Queue()
            await q.get()
    ''',
    "streams-in-memory-or-the-terminal": '''
        import io
        import json
        import sys

        async def render(state, buf: io.StringIO, raw: bytes):
            json.dump(state, buf)
            print("done", file=sys.stderr)
            print("done")
            json.loads(raw)
            return json.dumps(state)
    ''',
    "file-objects-that-do-not-block": '''
        import io

        async def metadata(f: io.TextIOWrapper):
            f.fileno()
            f.isatty()
            f.readable()
            f.name
            async for chunk in f:
                pass
    ''',
    "code-handed-to-threads-and-sync-helpers": '''
        import asyncio
        import io
        import subprocess
        import urllib3

        def read_all(f: io.TextIOWrapper):
            return [line for line in f]

        async def offloaded(f: io.TextIOWrapper, http: urllib3.PoolManager, argv):
            await asyncio.to_thread(f.read)
            await asyncio.to_thread(lambda: list(f))
            await asyncio.to_thread(http.request, "GET", "http://x")
            await asyncio.to_thread(subprocess.Popen, argv)
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, lambda: f.readlines())
    ''',
    "descriptors-wrapped-for-the-loop": '''
        import asyncio
        import os

        import anyio

        async def pipe_reader(fd: int, protocol_factory):
            loop = asyncio.get_running_loop()
            pipe = os.fdopen(fd, "rb", buffering=0)
            await loop.connect_read_pipe(protocol_factory, pipe)
            out = anyio.wrap_file(os.fdopen(os.dup(1), "wb"))
            await out.write(b"ready")
    ''',
    "urllib3-pool-bookkeeping": '''
        import urllib3

        async def bookkeeping(m: urllib3.PoolManager):
            pool = m.connection_from_url("http://x")
            pool.close()
            m.clear()
    ''',
    "lazy-results-not-iterated-here": '''
        import asyncio
        from concurrent.futures import ThreadPoolExecutor, as_completed

        async def handed_off(futures, ex: ThreadPoolExecutor, items):
            pending = as_completed(futures)
            ex.map(len, items)
            return await asyncio.to_thread(list, pending)
    ''',
    "redis-commands-queued-in-a-pipeline": '''
        import redis
        import redis.asyncio

        r = redis.Redis()
        ar = redis.asyncio.Redis()

        async def queued():
            pipe = r.pipeline()
            pipe.set("a", 1)
            pipe.incr("b")
            apipe = ar.pipeline()
            await apipe.execute()
            lock = ar.lock("x")
            await lock.acquire()
    ''',
    "sockets-the-loop-drives": '''
        import asyncio
        import socket

        class Conn:
            def __init__(self):
                self.sock = socket.socket()
                self.sock.setblocking(False)

            async def send(self, data):
                self.sock.send(data)

        class Handed:
            def __init__(self):
                self.sock = None

            def open(self, addr):
                self.sock = socket.create_connection(addr)

            async def send(self, data):
                loop = asyncio.get_running_loop()
                await loop.sock_sendall(self.sock, data)
                self.sock.send(data)

        async def from_elsewhere(sock: socket.socket, data):
            sock.send(data)

        async def polled(addr):
            s = socket.socket()
            try:
                return s.recv(1024)
            except BlockingIOError:
                return b""
    ''',
    "kqueue-registration": '''
        import select

        class Poller:
            def __init__(self):
                self._kqueue = select.kqueue()

            async def register(self, event):
                self._kqueue.control([event], 0)

            async def wait(self):
                return self._kqueue.control(None, 10)  # ACK106
    ''',
    "archive-listing": '''
        import zipfile

        async def names(zf: zipfile.ZipFile):
            return zf.namelist(), zf.getinfo("a")
    ''',
}


@pytest.mark.parametrize("name", POSITIVES)
def test_flags(name):
    check_marked(POSITIVES[name], BLOCKING)


@pytest.mark.parametrize("name", NEGATIVES)
def test_leaves_alone(name):
    check_marked(NEGATIVES[name], BLOCKING)


def test_every_typed_entry_names_a_type_the_evaluator_knows():
    """A method entry for a type no annotation or call can produce would never fire."""
    for types, code, methods in knowledge.BLOCKING_METHODS:
        assert methods.split(), types
        for name in types:
            assert name in knowledge.KNOWN_TYPES, name
    for name in (*knowledge.BLOCKING_TYPES, *knowledge.BLOCKING_ITERATION):
        assert name in knowledge.KNOWN_TYPES, name


def test_the_tables_agree_with_the_canonical_names():
    """Every key is already canonical: an alias key would never be looked up."""
    for name in (*knowledge.BLOCKING, *knowledge.BLOCKING_TYPES, *knowledge.LAZY, *knowledge.RETURNS):
        assert knowledge.canonical(name) == name, name
