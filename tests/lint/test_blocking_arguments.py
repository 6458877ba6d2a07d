"""ACK101-ACK110 decided by arguments, guards and laziness: the shapes real code showed, and what must stay flagged."""
from __future__ import annotations

import pytest

from asynccheck.lint import lint_source
from asynccheck.lint.conditions import holds

from .helpers import ALL, check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108", "ACK110"]

CASES = {
    # a test suite checks its async driver against the stdlib one, in memory
    "sqlite-in-memory": '''
        import sqlite3

        MEMORY = ":memory:"

        async def backup(db1):
            with sqlite3.connect(":memory:") as db2:
                db2.execute("select 1")
                cursor = db2.execute("select * from foo")
                cursor.fetchall()
            shared = sqlite3.connect("file::memory:?cache=shared", uri=True)
            shared.cursor().execute("select 1")
            sqlite3.connect(MEMORY).executescript("create table t (x)")
            sqlite3.connect(database=":memory:")
            scratch = ":memory:"
            sqlite3.connect(scratch).execute("select 1")
    ''',
    "sqlite-on-disk": '''
        import sqlite3

        async def load(path):
            sqlite3.connect("file::memory:?cache=shared")  # ACK105
            db = sqlite3.connect("app.db")  # ACK105
            db.execute("select 1")  # ACK105
            other = sqlite3.connect(path)  # ACK105
            other.cursor().fetchall()  # ACK105
            with sqlite3.connect("file:app.db?mode=ro", uri=True) as ro:  # ACK105
                ro.execute("select 1")  # ACK105
    ''',
    # APSW, SQLite's own Python API: the same file-or-memory question, asked of its connection
    "apsw-file-or-memory": '''
        import asyncio
        import apsw

        class Cache:
            def __init__(self, path: str) -> None:
                self.db = apsw.Connection(path)
                self.scratch = apsw.Connection(":memory:")

            async def get(self, key: str):
                rows = self.db.cursor().execute("select v from t where k = ?", (key,))  # ACK105
                self.scratch.execute("insert into seen values (?)", (key,))
                return rows.fetchall()  # ACK105

            async def put(self, key: str, value: str) -> None:
                await asyncio.to_thread(self.db.execute, "insert into t values (?, ?)", (key, value))

            def put_now(self, key: str, value: str) -> None:
                self.db.execute("insert into t values (?, ?)", (key, value))

        async def open_cache(path: str) -> "apsw.Connection":
            memory = apsw.Connection(":memory:")
            memory.execute("create table t (k, v)")
            return apsw.Connection(path)  # ACK105
    ''',
    "sqlite-connection-made-elsewhere": '''
        import sqlite3

        class Store:
            def __init__(self, path=":memory:"):
                self.db = sqlite3.connect(path)

            async def get(self):
                return self.db.execute("select 1")  # ACK105

        class Scratch:
            def __init__(self):
                self.db = sqlite3.connect(":memory:")

            async def get(self):
                return self.db.execute("select 1")
    ''',
    "numeric-hosts-and-flags": '''
        import socket
        from socket import AI_NUMERICHOST

        LOOPBACK = "127.0.0.1"

        async def parse(ip, port):
            socket.getaddrinfo(ip, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_NUMERICHOST)
            socket.getaddrinfo(ip, port, flags=socket.AI_NUMERICHOST | socket.AI_PASSIVE)
            socket.getaddrinfo(ip, port, flags=AI_NUMERICHOST)
            socket.getaddrinfo("::1", port)
            socket.getaddrinfo(LOOPBACK, port)
            socket.getaddrinfo(None, port, flags=socket.AI_PASSIVE)
            socket.gethostbyname("10.0.0.1")
            socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV)
    ''',
    "hostnames-need-dns": '''
        import socket

        async def resolve(host, port, flags):
            socket.getaddrinfo(host, port)  # ACK105
            socket.getaddrinfo("localhost", port)  # ACK105
            socket.getaddrinfo(host, port, flags=socket.AI_PASSIVE)  # ACK105
            socket.getaddrinfo(host, port, flags=flags)  # ACK105
            socket.getaddrinfo(host, port, 0, 0, 0, 0)  # ACK105
            socket.gethostbyname("10.0.0.300")  # ACK105
            socket.getaddrinfo(*host)  # ACK105
            socket.getaddrinfo("10.0.0." f"{port}", port)  # ACK105
            target = "127.0.0.1"
            if port == 443:
                target = "example.com"
            socket.getaddrinfo(target, port)  # ACK105
    ''',
    "do-not-wait": '''
        import queue
        import select
        import threading
        import os

        async def poll(lock: threading.Lock, sem: threading.Semaphore, q: queue.Queue, t: threading.Thread,
                       done: threading.Event, pid):
            lock.acquire(blocking=False)
            sem.acquire(False)
            sem.acquire(timeout=0)
            q.get(block=False)
            q.get(timeout=0)
            q.get(False)
            q.get(True, 0)
            q.put(1, False)
            q.put(1, block=False)
            t.join(timeout=0)
            t.join(0.0)
            done.wait(0)
            select.select([], [], [], 0)
            os.waitpid(pid, os.WNOHANG)
    ''',
    "waits": '''
        import queue
        import select
        import threading
        import os

        async def poll(sem: threading.Semaphore, q: queue.Queue, t: threading.Thread, done: threading.Event, pid):
            sem.acquire()  # ACK106
            sem.acquire(True)  # ACK106
            q.get()  # ACK106
            q.get(True, 1)  # ACK106
            q.put(1, True)  # a put waits only on a full bounded queue: queues are seldom bounded
            t.join(timeout=5)  # ACK106
            t.join(None)  # ACK106
            done.wait()  # ACK106
            select.select([], [], [])  # ACK106
            select.select([], [], [], 1.5)  # ACK106
            os.waitpid(pid, 0)  # ACK104
    ''',
    # a helper resolves a name only on one branch; the call site picks the other one
    "queue-get-of-an-item-known-to-be-there": '''
        import asyncio
        import queue


        class Session:
            def __init__(self):
                self.inbox = queue.Queue()
                self.outbox = queue.Queue()

            async def receive(self):
                while self.inbox.empty():  # waits on the loop for another thread to fill it
                    await asyncio.sleep(0)
                return self.inbox.get()

            async def drain(self, other: queue.Queue):
                items = []
                if not self.outbox.empty():
                    items.append(self.outbox.get())
                items.append(other.get())  # ACK106: nothing says this one has an item
                return items
    ''',
    "helper-branch-dead-for-these-arguments": '''
        import socket

        class NodesManager:
            def get_node(self, host=None, port=None, node_name=None):
                if host and port:
                    if host == "localhost":
                        host = socket.gethostbyname(host)
                    return (host, port)
                elif node_name:
                    return node_name
                raise ValueError("need a name or host and port")

        class Cluster:
            def __init__(self):
                self.nodes_manager = NodesManager()

            def get_node(self, host=None, port=None, node_name=None):
                return self.nodes_manager.get_node(host, port, node_name)

            async def execute(self, name):
                self.get_node(node_name=name)
                self.nodes_manager.get_node(node_name=name)
                self.get_node(None, None, name)

            async def move(self, error):
                self.get_node("localhost", 6379)  # ACK105
                self.get_node(host=error.host, port=error.port)  # ACK105
    ''',
    "helper-guards": '''
        import os

        def cleanup(path=None, keep=False):
            if path is not None and not keep:
                os.remove(path)

        def read(path, cached=None):
            if cached:
                return cached
            with open(path) as fh:
                return fh.read()

        def maybe_read(path=None):
            if not path:
                return None
            return open(path).read()

        def debug_dump(state, verbose=False):
            return open("dump.txt", "w").write(state) if verbose else None

        async def handler(p, state):
            cleanup()
            cleanup(None)
            cleanup(p, keep=True)
            maybe_read()
            maybe_read("")
            debug_dump(state)
            read(p, cached="x")
            cleanup(p)  # ACK103
            cleanup("/tmp/x")  # ACK103
            read(p)  # ACK103
            maybe_read("a.txt")  # ACK103
            debug_dump(state, verbose=True)  # ACK103
            cleanup(*p)  # ACK103
    ''',
    "helper-equality-guards": '''
        import socket
        import sqlite3

        def resolve(host, port):
            if host == "localhost":
                host = socket.gethostbyname(host)
            return host, port

        def connect(backend="memory", path=None):
            if backend in ("sqlite", "file"):
                return sqlite3.connect(path)
            return None

        def touch(name, mode="r"):
            if mode != "r":
                return open(name, mode)

        def scan(text, name):
            if text in "abc":
                return open(name)

        async def handler(addr, path):
            resolve("10.0.0.1", 6379)
            connect()
            connect("redis", path)
            touch("a.txt")
            resolve("localhost", 6379)  # ACK105
            connect("sqlite", path)  # ACK105
            touch("a.txt", "w")  # ACK103
            scan("zzz", "a.txt")  # ACK103
    ''',
    # a helper that opens what it is given only when it is a path: an argument of unknown type is not said to
    # block, a literal path is
    "helper-type-dispatch": '''
        import io
        import os

        def load(src):
            if isinstance(src, (str, os.PathLike)):
                with open(src, "rb") as fh:
                    return fh.read()
            return src.read()

        def metadata(file):
            if not isinstance(file, io.IOBase):
                return parse(open(file, "rb"))
            return parse(file)

        def parse(stream):
            return stream

        def attributes(media, force=False):
            if isinstance(media, bytes):
                return media
            return metadata(media)

        async def handler(upload, photo):
            load(upload)
            load(io.BytesIO(b"x"))
            metadata(upload.stream)
            attributes(photo.document)
            attributes(b"raw")
            load("cert.pem")  # ACK103
            metadata("song.mp3")  # ACK103
            attributes("song.mp3")  # ACK103
    ''',
    "helper-guard-we-cannot-read": '''
        import os

        def cleanup(path, force):
            if os.environ.get("DRY_RUN") or force:
                os.remove(path)

        def remove(path):
            if path.endswith(".tmp"):
                os.remove(path)

        async def handler(p):
            cleanup(p, force=False)  # ACK103
            remove("a.txt")  # ACK103
    ''',
    # the literal arrives as a parameter's default that the call site does not override
    "helper-numeric-default": '''
        import socket

        def bind_sockets(port, address=None, flags=None):
            if address == "":
                address = None
            if flags is None:
                flags = socket.AI_PASSIVE
            return socket.getaddrinfo(address, port, 0, socket.SOCK_STREAM, 0, flags)

        def bind_unused_port(reuse_port=False, address="127.0.0.1"):
            return bind_sockets(0, address)

        def is_valid_ip(ip):
            if not ip or "\\x00" in ip:
                return False
            return bool(socket.getaddrinfo(ip, 0, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_NUMERICHOST))

        async def serve(host, request):
            bind_unused_port()
            bind_sockets(8080)
            bind_sockets(8080, "::1")
            is_valid_ip(request.interface)
            bind_unused_port(address="example.com")  # ACK105
            bind_sockets(8080, host)  # ACK105
            bind_sockets(8080, "localhost")  # ACK105
    ''',
    "helper-database-default": '''
        import sqlite3

        def open_db(path=":memory:", *, uri=False):
            return sqlite3.connect(path, uri=uri)

        def scratch():
            db = sqlite3.connect(":memory:")
            db.execute("create table t (x)")
            return db

        async def handler(path):
            open_db()
            open_db("file::memory:?cache=shared", uri=True)
            scratch()
            open_db("app.db")  # ACK105
            open_db("file::memory:")  # ACK105
            open_db(path)  # ACK105
    ''',
    # generators do nothing until iterated, wherever the call stands
    "lazy-in-any-position": '''
        import asyncio
        import functools
        import glob
        import os
        from pathlib import Path

        async def listing(p: Path, executor, loop):
            it = p.iterdir() if p.is_absolute() else ()
            await asyncio.to_thread(list, it)
            await asyncio.to_thread(sorted, p.glob("*.py"))
            await loop.run_in_executor(executor, list, os.walk(p))
            await loop.run_in_executor(executor, functools.partial(sorted, p.glob("*")))
            pair = (p.iterdir(), [glob.iglob("*")])
            later = lambda: p.rglob("*")
            return p.iterdir()

        async def defaults(p: Path, walker=os.walk("."), files=Path(".").iterdir()):
            return walker, files
    ''',
    "lazy-consumed-here": '''
        import glob
        import os
        from pathlib import Path

        async def listing(p: Path, flag):
            for child in p.iterdir():  # ACK103
                pass
            names = [c.name for c in (p.iterdir() if flag else ())]  # ACK103
            list(enumerate(p.glob("*")))  # ACK103
            sorted(glob.iglob("*"))  # ACK103
            next(os.walk(p))  # ACK103
            [*p.rglob("*")]  # ACK103
            "x" in p.iterdir()  # ACK103
            ", ".join(str(c) for c in p.iterdir())  # ACK103
    ''',
    "generator-helpers": '''
        import asyncio
        from pathlib import Path

        def read_lines(path):
            with open(path) as fh:
                yield from fh

        class Page:
            def __init__(self, rows):
                self.rows = rows

        async def handler(path, loop):
            lines = read_lines(path)
            await asyncio.to_thread(list, read_lines(path))
            await loop.run_in_executor(None, list, read_lines(path) if path else ())
            for line in read_lines(path):  # ACK103
                pass
            return lines

        async def serve_file(path, send):
            content = read_lines(path)  # ACK103
            for chunk in content:
                await send(chunk)

        async def directory(path):
            return Page(read_lines(path))  # ACK103
    ''',
    "lazy-iterated-later": '''
        from pathlib import Path

        async def listing(p: Path):
            children = p.iterdir()  # ACK103
            for child in children:
                print(child)
            return sorted(p.glob("*"))  # ACK103
    ''',
}


@pytest.mark.parametrize("name", CASES)
def test_arguments_decide(name):
    check_marked(CASES[name], BLOCKING)


def test_undecided_branch_names_the_parameters():
    source = (
        "import socket\n\ndef resolve(host=None):\n    if host:\n        return socket.gethostbyname(host)\n\n"
        "async def h(name):\n    resolve(host=name)\n    resolve()\n"
    )
    (finding,) = lint_source(source, "m.py", ALL).findings
    assert finding.line == 8 and "may block the event loop, depending on `host`" in finding.message


@pytest.mark.parametrize("test, value, expected", [
    ("ip", "127.0.0.1", True), ("ip", "fe80::1%eth0", True), ("ip", "localhost", False), ("ip", "1.2.3", False),
    ("memory_uri", "file::memory:?cache=shared", True), ("memory_uri", "file:db?mode=memory&cache=shared", True),
    ("memory_uri", "file:app.db?mode=ro", False), ("memory_db", ":memory:", True), ("memory_db", "", False),
    ("zero", 0, True), ("zero", 0.0, True), ("zero", False, False), ("zero", None, False),
    ("false", False, True), ("false", True, False), ("has:AI_NUMERICHOST", frozenset({"AI_NUMERICHOST", "?"}), True),
    ("has:AI_NUMERICHOST", 4, False),
    (("isinstance", frozenset({"str", "PathLike"}), True), "a.txt", True),
    (("isinstance", frozenset({"str"}), False), "a.txt", False), (("isinstance", frozenset({"IOBase"}), True), b"", False),
    (("isinstance", frozenset({"int"}), True), True, True), (("isinstance", frozenset({"object"}), True), None, True),
])
def test_argument_tests(test, value, expected):
    assert holds(test, ("const", value)) is expected


def test_arguments_decide_across_modules_and_from_the_cache(tmp_path):
    import textwrap
    from pathlib import Path

    from asynccheck.config import Config
    from asynccheck.lint import lint_paths

    files = {
        "net/__init__.py": "",
        "net/nodes.py": '''
            import socket

            def get_node(host=None, port=None, name=None):
                if host and port:
                    return socket.gethostbyname(host)
                return name

            def bind(port, address="127.0.0.1"):
                return socket.getaddrinfo(address, port)
        ''',
        "net/app.py": '''
            from net.nodes import bind, get_node

            async def handler(name, error):
                get_node(name=name)
                bind(80)
                get_node("localhost", 6379)
                bind(80, "example.com")
                get_node(error.host, error.port)
        ''',
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    runs = []
    for _ in range(2):  # the second run reads summaries and candidates from the cache
        report = lint_paths([tmp_path], Config(root=tmp_path), cache_dir=tmp_path / "cache", jobs=1)
        assert not report.errors
        runs.append(sorted((Path(f.path).name, f.line, f.code, f.message.split(":")[0]) for f in report.findings))
    assert runs[0] == runs[1] == [
        ("app.py", 6, "ACK105", '`get_node("localhost", 6379)` blocks the event loop'),
        ("app.py", 7, "ACK105", '`bind(80, "example.com")` blocks the event loop'),
        ("app.py", 8, "ACK105", "`get_node(error.host, error.port)` may block the event loop, depending on `host`, "
                                "`port`"),
    ]


def test_every_argument_condition_names_a_known_test_and_a_known_call():
    from asynccheck.lint import conditions, knowledge

    from asynccheck.lint.blocking_shapes import BOUNDED_PUTS

    lock_methods = {f"{t}.acquire" for t in knowledge.SYNC_LOCK_TYPES}
    for target, alternatives in knowledge.NON_BLOCKING_ARGS.items():
        # (or the constructor of a type whose methods inherit it: `gzip.GzipFile(fileobj=io.BytesIO(blob))`, or a
        # call that blocks only where a shape says so: a bounded thread queue's put)
        assert target in knowledge.BLOCKING or target in lock_methods or target in knowledge.INHERITS_HARMLESS \
            or target in BOUNDED_PUTS, target
        for tests in alternatives:
            for position, keyword, test in tests:
                assert keyword and position >= -1
                assert test.startswith("has:") or test in conditions._TESTS, (target, test)
