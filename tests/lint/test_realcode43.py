"""Shapes from real async libraries and SDKs (realcode43): a getter that stores what it builds blocks at the
first read of each instance only, so reads of it in loop code are one finding, at the first read site."""
from __future__ import annotations

from tests.lint.helpers import check_marked, project_findings

CODES = ("ACK101", "ACK103", "ACK105")


def test_a_hand_written_memo_property_is_reported_once_at_its_first_read():
    # the object lives as long as the server: only the first read opens the log file
    check_marked('''
        import logging

        class Settings:
            _logger = None
            access_log = "access.log"

            @property
            def logger(self) -> logging.Logger:
                if self._logger is None:
                    self._logger = logging.getLogger("svc")
                    self._logger.addHandler(logging.FileHandler(self.access_log))
                return self._logger

        async def startup(settings: Settings) -> None:
            settings.logger.info("starting")  # ACK103

        async def handle(settings: Settings, request) -> None:
            settings.logger.info("request %s", request)

        async def shutdown(settings: Settings) -> None:
            settings.logger.info("stopping")
    ''', CODES)


def test_the_other_memo_forms_are_reported_once():
    check_marked('''
        import json
        import threading
        from functools import cached_property

        class Store:
            def __init__(self, path: str) -> None:
                self.path = path
                self._lock = threading.Lock()

            @property
            def index(self) -> dict:
                """Loaded on first use."""
                if self._index is not None:
                    return self._index
                with open(self.path) as fh:
                    self._index = json.load(fh)
                return self._index

            @property
            def schema(self) -> dict:
                with self._lock:
                    if not hasattr(self, "_schema"):
                        self._schema = json.load(open(self.path + ".schema"))
                    return self._schema

            @property
            def meta(self) -> dict:
                try:
                    return self._meta
                except AttributeError:
                    self._meta = json.load(open(self.path + ".meta"))
                    return self._meta

            @cached_property
            def template(self) -> str:
                return open(self.path + ".tpl").read()

            async def get(self, key: str):
                index = self.index  # ACK103
                schema = self.schema  # ACK103
                meta = self.meta  # ACK103
                return index[key], schema, meta, self.template  # ACK103

            async def keys(self):
                index = self.index
                schema = self.schema
                meta = self.meta
                return list(index), schema, meta, self.template
    ''', CODES)


def test_getters_that_work_on_every_read_are_reported_at_every_read():
    # look-alikes of the memo that still do the work each time: no store, a store of another attribute, a
    # blocking call outside the memo branch, a test of something else
    check_marked('''
        import json

        class Config:
            _data = None
            _cache = None

            @property
            def data(self) -> dict:
                if self._data is None:
                    print("no data yet")
                return json.load(open("data.json"))

            @property
            def other(self) -> dict:
                if self._cache is None:
                    self._data = json.load(open("other.json"))
                return self._cache

            @property
            def checked(self) -> dict:
                open("stamp").close()
                if self._cache is None:
                    self._cache = {}
                return self._cache

            @property
            def fresh(self) -> dict:
                if self._cache is None or self.expired():
                    self._cache = json.load(open("fresh.json"))
                return self._cache

            def expired(self) -> bool:
                return True

        async def first(config: Config):
            print(config.data)  # ACK103
            print(config.other)  # ACK103
            print(config.checked)  # ACK103
            print(config.fresh)  # ACK103

        async def second(config: Config):
            print(config.data)  # ACK103
            print(config.other)  # ACK103
            print(config.checked)  # ACK103
            print(config.fresh)  # ACK103
    ''', CODES)


def test_a_memo_property_read_across_modules_is_one_finding(tmp_path):
    found = project_findings(tmp_path, {
        "svc/__init__.py": "",
        "svc/config.py": '''
            import ssl

            class Config:
                certfile = "cert.pem"
                _ssl = None

                @property
                def ssl(self) -> ssl.SSLContext:
                    if self._ssl is None:
                        context = ssl.create_default_context()
                        context.load_cert_chain(self.certfile)
                        self._ssl = context
                    return self._ssl

                @property
                def ssl_every_time(self) -> ssl.SSLContext:
                    context = ssl.create_default_context()
                    context.load_cert_chain(self.certfile)
                    return context
        ''',
        "svc/client.py": '''
            from svc.config import Config

            async def connect(config: Config):
                every = config.ssl_every_time
                return config.ssl, every
        ''',
        "svc/server.py": '''
            from svc.config import Config

            async def serve(config: Config):
                every = config.ssl_every_time
                return config.ssl, every
        ''',
    }, CODES)
    assert found == {("svc/client.py", 4, "ACK103"), ("svc/client.py", 5, "ACK103"), ("svc/server.py", 4, "ACK103")}, \
        found


def test_a_queue_subclass_whose_storage_is_a_ring_is_bounded():
    check_marked('''
        import asyncio
        import collections
        from collections import deque

        class DropOldest(asyncio.Queue):
            """Keeps the newest `keep` items: its storage is a ring."""
            def __init__(self, keep: int) -> None:
                self._keep = keep
                super().__init__()

            def _init(self, maxsize: int) -> None:
                self._queue = deque(maxlen=self._keep)

        class Window(asyncio.Queue):
            def __init__(self) -> None:
                super().__init__()

            def _init(self, maxsize: int) -> None:
                self._queue = collections.deque([], 100)

        class Backlog(asyncio.Queue):  # ACK501
            """Its own storage, but a deque with no maxlen: as unbounded as the default."""
            def __init__(self) -> None:
                super().__init__()

            def _init(self, maxsize: int) -> None:
                self._queue = deque(maxlen=None)

        class Plain(asyncio.Queue):  # ACK501
            def __init__(self) -> None:
                super().__init__()

        async def feed(q: DropOldest, w: Window, b: Backlog, p: Plain, items) -> None:
            for item in items:
                q.put_nowait(item)
                w.put_nowait(item)
                b.put_nowait(item)
                p.put_nowait(item)
    ''', ("ACK501",))
