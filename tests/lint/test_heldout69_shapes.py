"""Shapes found missing on a held-out set of multi-module projects typed the way real projects are (heldout69):
a type alias that wraps its type (`Optional[...]`, FastAPI's `Annotated[T, Depends(...)]`) imported from another
module, what awaiting `asyncio.to_thread(maker)` gives, ..."""
from __future__ import annotations

from .helpers import project_findings


def test_an_optional_or_annotated_alias_from_another_module_declares_its_type(tmp_path):
    found = project_findings(tmp_path, {
        "app/__init__.py": "",
        "app/deps.py": '''
            import sqlite3
            from typing import Annotated, Optional

            import httpx
            import requests
            from fastapi import Depends

            def get_db() -> sqlite3.Connection:
                return sqlite3.connect("shop.db")

            def get_client() -> httpx.AsyncClient:
                return httpx.AsyncClient()

            MaybeSession = Optional[requests.Session]
            Traced = Annotated[requests.Session, "traced"]
            DbDep = Annotated[sqlite3.Connection, Depends(get_db)]
            ClientDep = Annotated[httpx.AsyncClient, Depends(get_client)]
            Sessions = list[requests.Session]
        ''',
        "app/handlers.py": '''
            import asyncio

            from .deps import ClientDep, DbDep, MaybeSession, Sessions, Traced

            class Shipping:
                def __init__(self) -> None:
                    self.session: MaybeSession = None

                async def quote(self, dest):
                    return self.session.get(dest)

            class Pinger:
                session: Traced

                async def ping(self, url):
                    return self.session.head(url)

            async def sync_stock(sku: str, db: DbDep):
                db.execute("UPDATE stock SET synced = 1 WHERE sku = ?", (sku,))

            async def charge(amount: int, client: ClientDep):
                return await client.post("/charge", json={"amount": amount})

            async def sync_stock_offloaded(sku: str, db: DbDep):
                await asyncio.to_thread(db.execute, "UPDATE stock SET synced = 1 WHERE sku = ?", (sku,))

            def sync_stock_sync(sku: str, db: DbDep):
                db.execute("UPDATE stock SET synced = 1 WHERE sku = ?", (sku,))

            async def first(sessions: Sessions):
                return sessions
        ''',
    }, ["ACK102", "ACK105"])
    assert found == {("app/handlers.py", 10, "ACK102"), ("app/handlers.py", 16, "ACK102"),
                     ("app/handlers.py", 19, "ACK105")}


def test_awaiting_a_maker_run_in_a_worker_thread_gives_what_the_maker_returns(tmp_path):
    found = project_findings(tmp_path, {
        "app/__init__.py": "",
        "app/makers.py": '''
            import socket

            import httpx
            import requests
            from pydantic import BaseModel, ConfigDict

            class Peer(BaseModel):
                model_config = ConfigDict(arbitrary_types_allowed=True)
                name: str
                sock: socket.socket

            def connect_peer(name: str) -> Peer:
                return Peer(name=name, sock=socket.create_connection((name, 7000)))

            def make_session():
                return requests.Session()

            def make_async() -> httpx.AsyncClient:
                return httpx.AsyncClient()

            async def make_async_later() -> requests.Session:
                return requests.Session()
        ''',
        "app/use.py": '''
            import asyncio
            import functools

            from .makers import connect_peer, make_async, make_async_later, make_session

            async def sync_peer(name):
                peer = await asyncio.to_thread(connect_peer, name)
                peer.sock.sendall(b"SYNC")

            async def legacy(url):
                loop = asyncio.get_running_loop()
                s = await loop.run_in_executor(None, make_session)
                return s.get(url)

            async def modern(url):
                c = await asyncio.to_thread(make_async)
                return await c.get(url)

            async def offloaded_all(url):
                s = await asyncio.to_thread(make_session)
                return await asyncio.to_thread(s.get, url)

            async def not_a_maker(url):
                s = await asyncio.to_thread(print, url)
                return s

            async def legacy_partial(url, loop: asyncio.AbstractEventLoop):
                s = await loop.run_in_executor(None, functools.partial(make_session))
                return s.get(url)
        ''',
    }, ["ACK102", "ACK105"])
    assert found == {("app/use.py", 8, "ACK105"), ("app/use.py", 13, "ACK102"), ("app/use.py", 29, "ACK102")}


def test_a_local_socket_member_of_an_object_someone_else_made_and_switched_is_left_alone(tmp_path):
    found = project_findings(tmp_path, {
        "app/__init__.py": "",
        "app/makers.py": '''
            import socket
            from typing import NamedTuple

            class Link(NamedTuple):
                sock: socket.socket

            def open_link(host) -> Link:
                return Link(socket.create_connection((host, 1)))
        ''',
        "app/use.py": '''
            import asyncio

            from .makers import open_link

            async def push(host, data):
                link = open_link(host)
                link.sock.setblocking(False)
                link.sock.sendall(data)

            def push_sync(host, data):
                link = open_link(host)
                link.sock.sendall(data)
        ''',
    }, ["ACK105"])
    assert ("app/use.py", 8, "ACK105") not in found and ("app/use.py", 12, "ACK105") not in found


def test_a_thread_target_of_another_module_that_touches_an_imported_loop_object(tmp_path):
    # the target's module cannot tell what `STOP` or `STATE.readings` is (its exports are worked out without the
    # others' facts): it names them, and the project index says what they are
    found = project_findings(tmp_path, {
        "app/__init__.py": "",
        "app/state.py": '''
            import asyncio
            import threading
            from dataclasses import dataclass, field

            STOP = asyncio.Event()
            DONE = threading.Event()

            class HubState:
                def __init__(self) -> None:
                    self.readings = asyncio.Queue(maxsize=100)
                    self.log: list = []

            STATE = HubState()

            @dataclass
            class Pipeline:
                done: asyncio.Event = field(default_factory=asyncio.Event)
                flag: threading.Event = field(default_factory=threading.Event)
        ''',
        "app/callbacks.py": '''
            from .state import DONE, STATE, STOP, Pipeline

            def stop_now() -> None:
                STOP.set()

            def on_reading(value) -> None:
                STATE.readings.put_nowait(value)

            def finish(pipe: Pipeline) -> None:
                pipe.done.set()

            def stop_thread_side() -> None:
                DONE.set()

            def note(value) -> None:
                STATE.log.append(value)

            def finish_flag(pipe: Pipeline) -> None:
                pipe.flag.set()

            def make_handler(pipe: Pipeline):
                def on_message(client, userdata, msg) -> None:
                    pipe.done.set()
                return on_message
        ''',
        "app/driver.py": '''
            import threading

            import paho.mqtt.client as mqtt

            from . import callbacks
            from .callbacks import finish, finish_flag, make_handler, note, on_reading, stop_now, stop_thread_side
            from .state import Pipeline

            def reader(sdk) -> None:
                for value in sdk.readings():
                    on_reading(value)
                    note(value)

            def start(pipe: Pipeline, sdk) -> None:
                threading.Thread(target=stop_now).start()
                threading.Thread(target=callbacks.finish, args=(pipe,)).start()
                threading.Thread(target=reader, args=(sdk,)).start()
                threading.Thread(target=stop_thread_side).start()
                threading.Thread(target=finish_flag, args=(pipe,)).start()

            def connect(pipe: Pipeline) -> mqtt.Client:
                client = mqtt.Client()
                client.on_message = make_handler(pipe)
                client.loop_start()
                return client

            def on_loop(pipe: Pipeline) -> None:
                stop_now()
                finish(pipe)
        ''',
    }, ["ACK401", "ACK402"])
    assert found == {("app/driver.py", 11, "ACK401"), ("app/driver.py", 15, "ACK401"),
                     ("app/driver.py", 16, "ACK401"), ("app/driver.py", 23, "ACK401")}


def test_a_coroutine_tested_then_collected_into_results_the_function_declares(tmp_path):
    # `if reply: replies.append(reply)` and `return replies` from `-> list[str]`: the truth test always passes and
    # the caller is told it gets strings; nobody awaits the coroutine (the plugin class is another module's)
    found = project_findings(tmp_path, {
        "app/__init__.py": "",
        "app/base.py": '''
            class AsyncPlugin:
                async def on_message(self, text: str) -> str | None:
                    return None

                async def load(self, key: str) -> dict | None:
                    return None
        ''',
        "app/bot.py": '''
            import asyncio
            from typing import TYPE_CHECKING

            if TYPE_CHECKING:
                from .base import AsyncPlugin

            class Bot:
                def __init__(self) -> None:
                    self.plugins: list["AsyncPlugin"] = []

                async def dispatch(self, text: str) -> list[str]:
                    replies = []
                    for p in self.plugins:
                        reply = p.on_message(text)
                        if reply:
                            replies.append(reply)
                    return replies

                async def dispatch_later(self, text: str):
                    pending = []
                    for p in self.plugins:
                        reply = p.on_message(text)
                        if reply:
                            pending.append(reply)
                    return pending

                async def dispatch_gathered(self, text: str) -> list[str]:
                    pending = []
                    for p in self.plugins:
                        reply = p.on_message(text)
                        pending.append(reply)
                    return await asyncio.gather(*pending)

            async def load_config(plugin: "AsyncPlugin") -> dict:
                cfg = plugin.load("config")
                if cfg is None:
                    return {}
                return dict(cfg)

            async def load_config_ok(plugin: "AsyncPlugin") -> dict:
                cfg = await plugin.load("config")
                return dict(cfg or {})

            def as_dict(pairs) -> dict:
                items = pairs.items()
                return dict(items)
        ''',
    }, ["ACK301"])
    assert found == {("app/bot.py", 14, "ACK301"), ("app/bot.py", 35, "ACK301")}


def test_a_task_from_a_project_factory_bound_to_a_local_only_described(tmp_path):
    found = project_findings(tmp_path, {
        "app/__init__.py": "",
        "app/util.py": '''
            import asyncio

            _tasks = set()

            def spawn(coro):
                return asyncio.create_task(coro)

            def spawn_tracked(coro):
                task = asyncio.create_task(coro)
                _tasks.add(task)
                task.add_done_callback(_tasks.discard)
                return task
        ''',
        "app/runner.py": '''
            import logging

            from .util import spawn, spawn_tracked

            log = logging.getLogger(__name__)

            async def poll(client):
                await client.get("/")

            async def start_poller(client):
                task = spawn(poll(client))
                log.info("poller %s started", task.get_name())

            async def start_poller_unread(client):
                task = spawn(poll(client))

            async def start_poller_kept(client, registry):
                task = spawn(poll(client))
                registry.append(task)

            async def start_poller_tracked(client):
                task = spawn_tracked(poll(client))
                log.info("poller %s started", task.get_name())

            async def start_poller_awaited(client):
                task = spawn(poll(client))
                await task
        ''',
    }, ["ACK302"])
    assert found == {("app/runner.py", 11, "ACK302"), ("app/runner.py", 15, "ACK302")}
