"""Types from annotations: each source of a type, with a look-alike that must stay quiet (the same method on an
unrelated or unknown type, a sync helper, code handed to a worker thread)."""
from __future__ import annotations

import pytest

from .helpers import check_marked

CODES = ["ACK102", "ACK103", "ACK105", "ACK106", "ACK201", "ACK301", "ACK302", "ACK401", "ACK402", "ACK501"]

CASES = {
    "parameter-annotations": '''
        import io
        import urllib3
        import httpx
        import requests
        from typing import Annotated, Optional, Union

        async def a(f: io.TextIOWrapper, c: urllib3.PoolManager, h: httpx.Client | None):
            f.read()  # ACK103
            c.request("GET", "/")  # ACK102
            h.get("/")  # ACK102

        async def b(s: Optional[requests.Session], t: Union[None, requests.Session], u: Annotated[requests.Session, 1]):
            s.get("/")  # ACK102
            t.post("/")  # ACK102
            u.put("/")  # ACK102

        async def forward(s: "requests.Session", f: "Optional[io.BufferedReader]" = None):
            s.get("/")  # ACK102
            f.read()  # ACK103
    ''',
    "parameter-look-alikes": '''
        import io
        import asyncio
        import requests
        import httpx
        from typing import IO, Union

        async def memory(f: io.StringIO, g: IO[str], b: io.BytesIO):
            f.read()
            g.read()
            b.read()

        async def either(c: Union[httpx.Client, httpx.AsyncClient], d: requests.Session | int):
            c.get("/")  # two different types: unknown
            d.get("/")

        async def unknown(session, reader: "not an expression ("):
            session.get("/")
            reader.read()

        def sync_helper(s: requests.Session, f: io.TextIOWrapper):
            s.get("/")  # not coroutine context
            f.read()

        async def offloaded(s: requests.Session, f: io.TextIOWrapper):
            await asyncio.to_thread(s.get, "/")
            await asyncio.to_thread(lambda: f.read())

        async def file_bookkeeping(f: io.TextIOWrapper):
            f.fileno()
            f.close()

        async def memory_or_file(kind, path):
            if kind == "memory":
                out = io.BytesIO()
            else:
                out = open(path, "wb")  # ACK103
            out.write(b"x")  # ACK103 (a file on one path: it blocks there)
    ''',
    "type-checking-imports-and-aliases": '''
        from typing import TYPE_CHECKING, TypeAlias
        import requests

        if TYPE_CHECKING:
            from requests import Session
            from io import TextIOWrapper
        else:
            Session = None

        Client = requests.Session
        Alias: TypeAlias = requests.Session

        async def a(s: Session, f: "TextIOWrapper", c: Client, d: Alias):
            s.get("/")  # ACK102
            f.write("x")  # ACK103
            c.get("/")  # ACK102
            d.get("/")  # ACK102

        async def look_alike(s: "Sessions", c: "Client()"):
            s.get("/")
            c.get("/")
    ''',
    "variable-annotations": '''
        import io
        import requests

        def make():
            ...

        async def later():
            s: requests.Session
            s = make()
            s.get("/")  # ACK102

        async def never_assigned():
            f: io.BufferedWriter
            f.write(b"x")  # ACK103

        async def ellipsis():
            s: requests.Session = ...
            s.get("/")  # ACK102

        async def overridden(data):
            s: requests.Session = make()
            s: dict = data
            s.get("/")  # the declarations disagree: unknown

        async def unannotated_rebinding():
            s = requests.Session()
            s = make()
            s.get("/")  # ACK102 (a rebinding we cannot follow does not hide the known type)

        async def competing():
            s = requests.Session()
            s = {"get": print}
            s.get("/")
    ''',
    "attributes": '''
        import asyncio
        import threading
        import requests

        def make():
            ...

        class Client:
            lock: threading.Lock
            pending: "requests.Session | None" = None

            def __init__(self):
                self.session: requests.Session | None = None
                self.lock = make()

            def connect(self):
                self.session = make()

            async def fetch(self):
                self.session.get("/")  # ACK102
                self.pending.get("/")  # ACK102
                with self.lock:  # ACK201
                    await asyncio.sleep(0)

        class Other:
            def __init__(self):
                self.session = None
                self.lock = None

            def connect(self, session, lock):
                self.session = session
                self.lock = lock

            async def fetch(self):
                self.session.get("/")
                with self.lock:
                    await asyncio.sleep(0)

        class Child(Client):
            async def again(self):
                self.session.post("/")  # ACK102

        async def through_instance(c: Client, o: Other):
            c.session.get("/")  # ACK102
            o.session.get("/")
    ''',
    "fields": '''
        import asyncio
        import dataclasses
        import threading
        from dataclasses import dataclass, field
        from typing import Any, NamedTuple

        import attr
        import requests

        @dataclass
        class Settings:
            session: requests.Session = field(default_factory=requests.Session)
            other: Any = field(default_factory=requests.Session)
            plain: Any = dataclasses.field(default=None)
            lock: threading.Lock = field(default_factory=threading.Lock)

            async def go(self):
                self.session.get("/")  # ACK102
                self.other.get("/")  # ACK102
                self.plain.get("/")
                with self.lock:  # ACK201
                    await asyncio.sleep(0)

        @attr.s
        class AttrsSettings:
            session = attr.ib(factory=requests.Session)
            made = attr.ib(default=attr.Factory(requests.Session))

            async def go(self):
                self.session.get("/")  # ACK102
                self.made.get("/")  # ACK102

        class Pair(NamedTuple):
            session: requests.Session
            name: str

        async def use(pair: Pair):
            pair.session.get("/")  # ACK102
            pair.name.split("/")
    ''',
    "return-annotations": '''
        import asyncio
        import requests
        from typing import Iterator, Optional

        def make() -> requests.Session:
            return requests.Session()

        def maybe() -> Optional[requests.Session]:
            return None

        def many() -> Iterator[requests.Session]:
            yield requests.Session()

        async def amake() -> requests.Session:
            return requests.Session()

        def untyped(cached=None):
            if cached is not None:
                return None
            return requests.Session()

        def either(flag):
            if flag:
                return requests.Session()
            return {"get": print}

        def passes_on(session):
            return session

        class Factory:
            def build(self) -> requests.Session:
                return requests.Session()

            @property
            def session(self) -> requests.Session:
                return requests.Session()

            @property
            def lazily(self):
                return make()

            @property
            def opaque(self):
                return self._backend

            async def go(self):
                self.build().get("/")  # ACK102
                self.session.get("/")  # ACK102
                self.lazily.get("/")  # ACK102
                self.opaque.get("/")

        async def use():
            make().get("/")  # ACK102
            s = maybe()
            s.post("/")  # ACK102
            for each in many():
                each.get("/")  # ACK102
            (await amake()).get("/")  # ACK102
            amake().get("/")  # ACK301 (used as if it were its result; a coroutine, not a session: no ACK102)
            untyped().get("/")  # ACK102 (unannotated: what its return statements agree on)
            either(1).get("/")
            passes_on(1).get("/")
    ''',
    "call-returns": '''
        import asyncio
        import multiprocessing
        import os
        import socket
        from concurrent.futures import Future, ThreadPoolExecutor
        from pathlib import Path

        async def files(fd: int, p: Path):
            f = os.fdopen(fd)
            f.read()  # ACK103
            with Path("x").open() as g:  # ACK103
                g.readline()  # ACK103
            h = open("x")  # ACK103
            h.write("y")  # ACK103

        async def futures(executor: ThreadPoolExecutor, handed: Future, cfut: "Future[int]"):
            fut = executor.submit(print)
            fut.result()  # ACK106
            handed.result()  # ACK106 (a coroutine handed a concurrent Future waits for it)
            cfut.result()  # ACK106
            made = Future()  # (one made here is set here: done when read)
            made.result()

        async def pools():
            pool = multiprocessing.Pool()
            pool.map(print, [1])  # ACK106
            result = pool.apply_async(print)
            result.get()  # ACK106
            pool.imap(print, [1])

        async def sockets():
            s = socket.create_connection(("h", 1))  # ACK105
            s.recv(1)  # ACK105
    ''',
    "files-off-the-loop": '''
        import asyncio
        import io

        def read_all(f: io.TextIOWrapper):
            return f.read()

        async def main(path):
            with open(path) as f:  # ACK103
                data = await asyncio.to_thread(f.read)
            await asyncio.to_thread(read_all, open(path))  # ACK103 (the argument is opened on the loop)
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, lambda: open(path).read())
    ''',
    "queues-and-locks-from-annotations": '''
        import asyncio
        import threading
        from dataclasses import dataclass, field
        from typing import Optional

        class Worker:
            queue: "asyncio.Queue[int]"
            guard: Optional[threading.RLock] = None

            async def run(self):
                with self.guard:  # ACK201
                    await self.queue.get()

        @dataclass
        class Channel:
            inbox: asyncio.Queue = field(default_factory=asyncio.Queue)  # ACK501
            bounded: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(10))
            shared: asyncio.Queue = field(default=None)
            names: list = field(default_factory=list)

        async def with_async_lock(lock: asyncio.Lock):
            async with lock:
                await asyncio.sleep(0)
    ''',
    "isinstance-narrowing": '''
        import asyncio
        import io
        import threading
        import requests

        async def narrowed(f, lock, s: requests.Session, x):
            if isinstance(f, io.TextIOWrapper):
                f.read()  # ACK103
            f.read()  # outside the check: unknown
            if isinstance(lock, threading.Lock) and lock.locked():
                with lock:  # ACK201
                    await asyncio.sleep(0)
            if isinstance(x, (requests.Session, requests.Session)):
                x.get("/")  # ACK102
            assert isinstance(x, requests.Session)
            x.post("/")  # ACK102

        async def look_alikes(f, lock, s: requests.Session, x):
            if isinstance(f, io.StringIO):
                f.read()  # a file in memory
            if not isinstance(f, io.TextIOWrapper):
                f.read()
            if isinstance(lock, asyncio.Lock):
                async with lock:
                    await asyncio.sleep(0)
            if isinstance(s, dict):
                s.get("/")  # the check says it is not the declared session
            if isinstance(x, (requests.Session, int)):
                x.get("/")  # one of two types: unknown
            if isinstance(f, io.TextIOWrapper):
                f = io.StringIO()
                f.read()  # rebound after the check

        def not_on_the_loop(f):
            if isinstance(f, io.TextIOWrapper):
                f.read()
    ''',
    "containers-and-unpacking": '''
        import asyncio
        import io
        import threading
        from typing import Dict, Mapping
        import requests

        async def containers(sessions: list[requests.Session], files: Dict[str, io.TextIOWrapper],
                             locks: Mapping[str, threading.Lock], names: dict[str, str]):
            for i, s in enumerate(sessions):
                s.get("/")  # ACK102
            for name, f in files.items():
                f.read()  # ACK103
            for f in files.values():
                f.write("x")  # ACK103
            files["a"].read()  # ACK103
            files.get("a").read()  # ACK103
            sessions.pop().get("/")  # ACK102
            with locks["a"]:  # ACK201
                await asyncio.sleep(0)
            for s, f in zip(sessions, files.values()):
                s.get("/")  # ACK102
                f.read()  # ACK103

        async def look_alikes(sessions: list[requests.Session], files: Dict[str, io.TextIOWrapper],
                              names: dict[str, str], buffers: dict[str, io.BytesIO]):
            for key in files:
                key.upper()
            for i, n in enumerate(names):
                n.get("/")
            for name, f in buffers.items():
                f.read()
            for i, s in enumerate(sessions):
                i.get("/")
            names.get("a").split()
            for name, f in files.items():
                name.read()
    ''',
    "type-alias-expressions": '''
        from typing import Optional, TypeAlias, Union
        import io
        import requests

        MaybeSession = Optional[requests.Session]
        SessionOrNone: TypeAlias = "requests.Session | None"
        Either = Union[requests.Session, io.BytesIO]
        Loop = Optional["Loop"]

        async def aliased(a: MaybeSession, b: SessionOrNone, c: "MaybeSession"):
            a.get("/")  # ACK102
            b.get("/")  # ACK102
            c.get("/")  # ACK102

        async def look_alikes(e: Either, loop: Loop):
            e.get("/")
            loop.get("/")
    ''',
    "typeddict-keys": '''
        import asyncio
        import threading
        from typing import TypedDict
        import requests

        class Resources(TypedDict):
            session: requests.Session
            lock: threading.Lock
            name: str

        async def use(res: Resources):
            res["session"].get("/")  # ACK102
            with res["lock"]:  # ACK201
                await asyncio.sleep(0)
            res["name"].split("/")
            res["other"].get("/")
    ''',
    "narrowing-in-other-families": '''
        import asyncio
        import threading
        from typing import Dict, List

        class Client:
            async def fetch(self):
                await asyncio.sleep(0)

            def close(self):
                pass

        class Other:
            def fetch(self):
                pass

        async def coroutines(c, clients: List[Client], by_name: Dict[str, Client]):
            if isinstance(c, Client):
                c.fetch()  # ACK301
                c.close()
            if isinstance(c, Other):
                c.fetch()
            for each in clients:
                each.fetch()  # ACK301
            by_name["a"].fetch()  # ACK301

        def tasks(loop, coro, loops: List[asyncio.AbstractEventLoop]):
            if isinstance(loop, asyncio.AbstractEventLoop):
                loop.create_task(coro)  # ACK302
            if isinstance(loop, Other):
                loop.create_task(coro)
            for each in loops:
                each.create_task(coro)  # ACK302

        def worker(queues: List[asyncio.Queue], q, plain: List[list], loops: Dict[str, asyncio.AbstractEventLoop]):
            for each in queues:
                each.put_nowait(1)  # ACK401
            if isinstance(q, asyncio.Queue):
                q.put_nowait(1)  # ACK401
            for each in plain:
                each.append(1)
            loops["main"].call_soon(print)  # ACK402

        def start():
            threading.Thread(target=worker).start()
    ''',
    "loop-of-a-typed-attribute": '''
        from typing import Optional

        from example.impl import Connection

        class Protocol:
            def __init__(self):
                self.conn: Optional[Connection] = None

            def close_if_idle(self):
                # the attribute's class is in another module and this file says nothing of its `loop`: a name
                # is not a type, so it is not assumed to be an event loop
                self.conn.loop.create_task(self.conn.close())
                self.conn.tasks.create_task(self.conn.close())
    ''',
}


@pytest.mark.parametrize("name", CASES)
def test_types(name):
    check_marked(CASES[name], CODES)


STUB_CASES = {
    "stub-return-types-and-hierarchies": '''
        import asyncio
        import concurrent.futures
        import io
        import multiprocessing.managers
        import socket
        import ssl
        import threading

        async def blocking(ctx: ssl.SSLContext, raw: socket.socket, manager: multiprocessing.managers.SyncManager):
            s = ctx.wrap_socket(raw)  # a stub says: an SSLSocket, which is a socket
            s.recv(1)  # ACK105
            with manager.Lock():  # ACK201 (a stub says: a threading.Lock)
                await asyncio.sleep(0)
            with concurrent.futures.ThreadPoolExecutor() as executor:
                executor.submit(print).result()  # ACK106
            ctx.load_default_certs()  # ACK103 (it reads the system's CA store from disk)

        async def look_alikes(ctx: ssl.SSLContext, raw: socket.socket, manager: multiprocessing.managers.SyncManager):
            s = ctx.wrap_socket(raw)
            s.setblocking(False)
            s.recv(1)
            with manager.Namespace():
                await asyncio.sleep(0)
            wrapped = io.TextIOWrapper(io.BytesIO())
            wrapped.read()
            ctx.set_ciphers("ECDHE+AESGCM")

        def tasks(loop: asyncio.SelectorEventLoop, handle: asyncio.Handle, coro):
            loop.create_task(coro)  # ACK302 (a stub says: a SelectorEventLoop is an event loop)
            handle.cancel()

        def in_a_thread(loop: asyncio.SelectorEventLoop, other: asyncio.Handle):
            loop.call_soon(print)  # ACK402
            other.cancel()

        def start(loop):
            threading.Thread(target=in_a_thread, args=(loop, None)).start()
    ''',
}


@pytest.mark.parametrize("name", STUB_CASES)
def test_stub_types(name):
    pytest.importorskip("typeshed_client")
    check_marked(STUB_CASES[name], CODES)


def test_without_stubs_the_tables_still_answer(monkeypatch):
    from asynccheck.lint import stubs

    monkeypatch.setattr(stubs, "_resolver", None)
    monkeypatch.setattr(stubs, "_known", {})
    monkeypatch.setattr(stubs, "_returns", {})
    monkeypatch.setattr(stubs, "_classes", {})
    check_marked(CASES["call-returns"], CODES)
    check_marked("""
        import asyncio

        def f(loop: asyncio.SelectorEventLoop, coro):
            loop.create_task(coro)  # nothing is known about this loop without its stub: quiet
    """, CODES)
