"""Types across modules: what a project function returns, a module-level value, a class's attributes, imported from
another module, give the same findings as in the same module; a look-alike with another type stays quiet. The
same answers come from a whole-tree run, a run over one named file, and a warm cache after the answering module
changes."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint.run import Run

from .helpers import marked

PROJECT = {
    "app/__init__.py": "from .state import POOL, GUARD\nfrom .db import get_session as session_factory\n",
    "app/db.py": '''
        import asyncio
        import io
        import requests
        import httpx
        from .util import make_conn

        def get_session() -> requests.Session:
            return requests.Session()

        def get_async_client() -> httpx.AsyncClient:
            return httpx.AsyncClient()

        def unannotated():
            return requests.Session()

        def through_another():
            return make_conn()

        def memory():
            return io.BytesIO()

        async def open_session() -> requests.Session:
            return requests.Session()
    ''',
    "app/util.py": '''
        import sqlite3

        def make_conn():
            return sqlite3.connect("app.db")
    ''',
    "app/state.py": '''
        import asyncio
        import queue
        import threading
        from concurrent.futures import ThreadPoolExecutor
        from .db import get_session

        POOL = ThreadPoolExecutor()
        GUARD = threading.Lock()
        ALOCK = asyncio.Lock()
        JOBS = queue.Queue()
        AJOBS = asyncio.Queue(10)
        SESSION = get_session()
        LOOP = asyncio.new_event_loop()
        MAIN = asyncio.new_event_loop()
        SCHEDULER = object()
    ''',
    "app/models.py": '''
        import asyncio
        import socket
        import threading
        from dataclasses import dataclass, field
        import requests

        class Conn:
            def __init__(self):
                self.sock: socket.socket | None = None
                self.lock = threading.Lock()
                self.alock = asyncio.Lock()
                self.inbox: asyncio.Queue = asyncio.Queue(5)

            async def fetch(self):
                await asyncio.sleep(0)

            def build(self) -> requests.Session:
                return requests.Session()

        @dataclass
        class Settings:
            session: requests.Session = field(default_factory=requests.Session)
            names: list = field(default_factory=list)

        def new_queue():
            return asyncio.Queue()
    ''',
    "app/handlers.py": '''
        import asyncio
        from app import POOL, GUARD, session_factory
        from . import state
        from .db import get_session, get_async_client, unannotated, through_another, memory, open_session
        from .models import Conn, Settings, new_queue
        from .state import ALOCK, JOBS, AJOBS, SESSION, LOOP


        import threading


        async def blocking():
            get_session().get("/")  # ACK102
            get_async_client().get("/")  # ACK301 (a coroutine method of the client it returns)
            unannotated().post("/")  # ACK102
            through_another().execute("select 1")  # ACK105
            memory().read()
            session_factory().get("/")  # ACK102
            (await open_session()).get("/")  # ACK102
            SESSION.get("/")  # ACK102
            state.SESSION.put("/")  # ACK102
            JOBS.get()  # ACK106
            POOL.submit(print).result()  # ACK106
            await AJOBS.get()


        async def attributes(c: Conn, s: Settings):
            c.sock.recv(1)
            c.build().get("/")  # ACK102
            s.session.get("/")  # ACK102
            s.names.pop()
            with c.lock:  # ACK201
                await asyncio.sleep(0)
            async with c.alock:
                await asyncio.sleep(0)


        async def locks():
            with GUARD:  # ACK201
                await asyncio.sleep(0)
            with state.GUARD:  # ACK201
                await asyncio.sleep(0)
            async with ALOCK:
                await asyncio.sleep(0)


        def not_on_the_loop():
            get_session().get("/")
            JOBS.get()


        async def coroutines(c: Conn):
            c.fetch()  # ACK301
            open_session()  # ACK301
            get_session()


        def from_a_thread():
            AJOBS.put_nowait(1)  # ACK401
            LOOP.call_soon(print)  # ACK402
            JOBS.put_nowait(1)


        def start():
            threading.Thread(target=from_a_thread).start()


        def schedule(coro):
            state.MAIN.create_task(coro)  # ACK302 (named like no loop: its type says it is one)
            state.SCHEDULER.create_task(coro)
            POOL.submit(print)
            state.JOBS.put(coro)
    ''',
}
CODES = {"ACK102", "ACK103", "ACK105", "ACK106", "ACK201", "ACK301", "ACK302", "ACK401", "ACK402"}


def write(root: Path, files: dict) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))


def expected(files: dict = PROJECT) -> set:
    return {(name.rpartition("/")[2], line, code) for name, text in files.items()
            for code, line in marked(textwrap.dedent(text).lstrip("\n")) if code in CODES}


def found(paths, root: Path, **kw) -> set:
    run = Run(Config(root=root).override(select=["ALL"]), jobs=kw.pop("jobs", 1), **kw)
    report = run.check_paths(paths)
    assert not report.errors, report.errors
    return {(Path(f.path).name, f.line, f.code) for f in report.findings if f.code in CODES}


def test_types_from_other_modules(tmp_path):
    write(tmp_path, PROJECT)
    assert found([tmp_path], tmp_path, use_cache=False) == expected()


def test_named_file_gets_the_same_types(tmp_path):
    write(tmp_path, PROJECT)
    whole = found([tmp_path], tmp_path, use_cache=False)
    alone = found([tmp_path / "app" / "handlers.py"], tmp_path, use_cache=False)
    assert alone == {f for f in whole if f[0] == "handlers.py"}


def test_parallel_run_gets_the_same_types(tmp_path):
    files = dict(PROJECT)
    for i in range(10):
        files[f"app/extra_{i}.py"] = f"from .db import get_session\nasync def f{i}():\n    get_session().get('/')\n"
    write(tmp_path, files)
    serial = found([tmp_path], tmp_path, use_cache=False)
    parallel = found([tmp_path], tmp_path, use_cache=False, jobs=2)
    assert serial == parallel and len([f for f in serial if f[0].startswith("extra_")]) == 10


def test_cache_follows_the_module_that_answers(tmp_path):
    write(tmp_path, PROJECT)
    cache = tmp_path / "cache"
    first = found([tmp_path], tmp_path, cache_dir=cache)
    assert first == expected() == found([tmp_path], tmp_path, cache_dir=cache)
    db = textwrap.dedent(PROJECT["app/db.py"]).replace("def get_session() -> requests.Session:",
                                                        "def get_session() -> dict:")
    write(tmp_path, {"app/db.py": db})
    changed = found([tmp_path], tmp_path, cache_dir=cache)
    handlers = textwrap.dedent(PROJECT["app/handlers.py"]).lstrip("\n").splitlines()
    gone = {("handlers.py", n, "ACK102") for n, line in enumerate(handlers, 1)
            if any(text in line for text in ("get_session().get", "session_factory()", "SESSION."))} & first
    assert len(gone) == 4
    assert changed == first - gone
    alone = found([tmp_path / "app" / "handlers.py"], tmp_path, cache_dir=cache)
    assert alone == changed
    write(tmp_path, {"app/db.py": PROJECT["app/db.py"]})
    assert found([tmp_path], tmp_path, cache_dir=cache) == first
