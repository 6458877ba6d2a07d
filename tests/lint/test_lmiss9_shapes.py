"""Shapes the lint missed or overclaimed on last session's unseen sets and real-code runs (lmiss9): tasks kept in
a dict only counted or listed, a dropped `shield`, unbounded queues made through a factory, ..."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_tasks_in_a_local_dict_whose_other_side_is_only_listed_are_dropped():
    check_marked('''
        import asyncio

        async def listed(jobs: dict, run, log) -> None:
            started = {}
            for key, job in jobs.items():
                started[key] = asyncio.create_task(run(job))  # ACK302
            log.info("started %s", list(started))

        async def sorted_keys(jobs: dict, run, log) -> list:
            started = {}
            for key, job in jobs.items():
                started[key] = asyncio.create_task(run(job))  # ACK302
            log.info("started %s of %d", sorted(started), len(started))
            return list(started.keys())

        async def keyed_by_task(jobs: dict, run, log) -> list:
            names = {}
            for key, job in jobs.items():
                names[asyncio.create_task(run(job))] = key  # ACK302
            return list(names.values())

        async def values_gathered(jobs: dict, run, log) -> None:
            started = {}
            for key, job in jobs.items():
                started[key] = asyncio.create_task(run(job))
            log.info("started %s", list(started))
            await asyncio.gather(*list(started.values()))

        async def keys_then_items_awaited(jobs: dict, run) -> None:
            started = {}
            for key, job in jobs.items():
                started[key] = asyncio.create_task(run(job))
            for key in sorted(started):
                await started[key]

        async def task_keys_waited(jobs: dict, run) -> None:
            names = {}
            for key, job in jobs.items():
                names[asyncio.create_task(run(job))] = key
            await asyncio.wait(list(names))

        async def task_keys_returned(jobs: dict, run) -> dict:
            names = {}
            for key, job in jobs.items():
                names[asyncio.create_task(run(job))] = key
            return names

        class Runner:
            def __init__(self) -> None:
                self.names: dict = {}

            async def start(self, jobs: dict, run) -> None:
                for key, job in jobs.items():
                    self.names[asyncio.create_task(run(job))] = key

        def sync_listed(jobs: dict, run) -> list:
            started = {}
            for key, job in jobs.items():
                started[key] = run(job)
            return list(started)
    ''', ["ACK302"])


def test_a_shield_whose_future_is_dropped_leaves_its_new_task_to_nobody():
    check_marked('''
        import asyncio

        class Saver:
            def __init__(self) -> None:
                self._task = None
                self._tasks: set = set()

            async def _flush(self, state) -> None:
                await asyncio.sleep(0)

            async def close(self, state) -> None:
                asyncio.shield(self._flush(state))  # ACK302

            async def close_spawned(self, state) -> None:
                asyncio.shield(asyncio.create_task(self._flush(state)))  # ACK302

            async def close_local(self, state) -> None:
                coro = self._flush(state)
                asyncio.shield(coro)  # ACK302

            async def close_kept(self, state) -> None:
                self._task = asyncio.create_task(self._flush(state))
                asyncio.shield(self._task)

            async def close_awaited(self, state) -> None:
                await asyncio.shield(self._flush(state))

            async def close_held_local(self, state) -> None:
                task = asyncio.create_task(self._flush(state))
                self._tasks.add(task)
                asyncio.shield(task)

            async def close_given(self, task) -> None:
                asyncio.shield(task)

            async def close_returned(self, state):
                return asyncio.shield(self._flush(state))

            def sync_close(self) -> None:
                asyncio.shield(self._task)

        def shield(value):
            return value

        async def not_asyncio(saver: Saver, state) -> None:
            shield(saver._flush(state))
    ''', ["ACK302"])


def test_unbounded_queues_made_through_a_factory():
    check_marked('''
        import asyncio
        import functools
        from asyncio import Queue
        from collections import defaultdict
        from dataclasses import dataclass, field
        from functools import partial
        from typing import Dict

        make_queue = functools.partial(asyncio.Queue, maxsize=0)
        make_plain = partial(Queue)
        make_bounded = functools.partial(asyncio.Queue, maxsize=100)
        TOPICS: Dict[str, asyncio.Queue] = defaultdict(asyncio.Queue)  # ACK501


        async def fan_in(ws) -> None:
            async for msg in ws:
                TOPICS[msg.topic].put_nowait(msg)


        class Hub:
            def __init__(self) -> None:
                self.inbox = make_queue()  # ACK501
                self.outbox = make_plain()  # ACK501
                self.given = make_plain(maxsize=10)
                self.sized = make_bounded()
                self.rooms = defaultdict(partial(asyncio.Queue))  # ACK501
                self.lanes = defaultdict(lambda: asyncio.Queue())  # ACK501
                self.sized_rooms = defaultdict(lambda: asyncio.Queue(maxsize=10))
                self.sized_lanes = defaultdict(functools.partial(asyncio.Queue, 10))

            async def on_message(self, ws) -> None:
                async for msg in ws:
                    self.inbox.put_nowait(msg)
                    self.outbox.put_nowait(msg)
                    await self.given.put(msg)
                    await self.sized.put(msg)
                    self.rooms[msg.room].put_nowait(msg)
                    self.lanes[msg.room].put_nowait(msg)
                    await self.sized_rooms[msg.room].put(msg)
                    await self.sized_lanes[msg.room].put(msg)


        @dataclass
        class Session:
            events: asyncio.Queue = field(default_factory=asyncio.Queue)  # ACK501
            zeroed: asyncio.Queue = field(default_factory=partial(asyncio.Queue, maxsize=0))  # ACK501
            more: asyncio.Queue = field(default_factory=lambda: asyncio.Queue())  # ACK501
            bounded: asyncio.Queue = field(default_factory=partial(asyncio.Queue, maxsize=8))
            bounded_too: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(8))

            async def pump(self, ws) -> None:
                async for msg in ws:
                    await self.events.put(msg)
                    await self.zeroed.put(msg)
                    await self.more.put(msg)
                    await self.bounded.put(msg)
                    await self.bounded_too.put(msg)


        def pool_of(make=partial(int)):
            return make()
    ''', ["ACK501"])


def test_a_queue_nothing_puts_into_cannot_grow(tmp_path):
    check_marked('''
        import asyncio

        class Crawler:
            def __init__(self) -> None:
                self.queue = asyncio.Queue()
                self.results = asyncio.Queue()  # ACK501
                self.jobs = asyncio.Queue()  # ACK501

            async def run(self, ws) -> None:
                async for msg in ws:
                    self.jobs.put_nowait(msg)

            async def next_result(self):
                return await self.results.get()

        class Mailbox:  # holds its queue for others to fill: no method of its own
            def __init__(self) -> None:
                self.letters = asyncio.Queue()  # ACK501
    ''', ["ACK501"])
    crawler = '''
        import asyncio

        class Crawler:
            def __init__(self) -> None:
                self.pending = asyncio.Queue()
                self.unused = asyncio.Queue()

            async def crawl(self, fetch) -> None:
                while True:
                    await fetch(await self.pending.get())
    '''
    feeder = '''
        from app.crawler import Crawler

        async def feed(crawler: Crawler, ws) -> None:
            async for msg in ws:
                crawler.pending.put_nowait(msg)
    '''
    found = project_findings(tmp_path, {"app/__init__.py": "", "app/crawler.py": crawler, "app/feeder.py": feeder},
                             ["ACK501"])
    assert ("app/crawler.py", 5, "ACK501") in found
    assert not any(path == "app/crawler.py" and line == 6 for path, line, _ in found)


def test_home_assistant_loop_callbacks_from_a_library_thread():
    check_marked('''
        import threading

        import paho.mqtt.client as mqtt
        import websocket
        from homeassistant.components.sensor import SensorEntity
        from homeassistant.helpers.dispatcher import async_dispatcher_send, dispatcher_send

        SIGNAL = "my_signal"


        class Bridge:
            def __init__(self, hass, host) -> None:
                self.hass = hass
                self.client = mqtt.Client()
                self.client.on_message = self._on_message
                self.client.on_connect = self._on_connect

            def _on_message(self, client, userdata, msg) -> None:
                self.hass.async_create_task(self.handle(msg))  # ACK402

            def _on_connect(self, client, userdata, flags, rc) -> None:
                dispatcher_send(self.hass, SIGNAL, rc)
                self.hass.add_job(self.handle, rc)

            async def handle(self, msg) -> None:
                async_dispatcher_send(self.hass, SIGNAL, msg)
                self.hass.async_create_task(self.handle(None))


        def on_message(client, userdata, msg):
            hass = userdata["hass"]
            async_dispatcher_send(hass, SIGNAL, msg.payload)  # ACK402


        def setup(hass, host):
            client = mqtt.Client(userdata={"hass": hass})
            client.on_message = on_message
            client.loop_start()
            async_dispatcher_send(hass, SIGNAL, host)


        class Meter(SensorEntity):
            def __init__(self, url: str) -> None:
                self._value = None
                self._ws = websocket.WebSocketApp(url, on_message=self._on_ws)
                self._thread = threading.Thread(target=self._poll, daemon=True)

            def _on_ws(self, ws, message) -> None:
                self._value = message
                self.async_write_ha_state()  # ACK402

            def _poll(self) -> None:
                while True:
                    self.schedule_update_ha_state()

            async def async_added_to_hass(self) -> None:
                self.async_write_ha_state()


        class Watcher:
            def __init__(self, hass) -> None:
                self.hass = hass
                threading.Thread(target=self._run, daemon=True).start()

            def _run(self) -> None:
                while True:
                    self.hass.async_create_task(self.tick())  # ACK402

            async def tick(self) -> None:
                pass
    ''', ["ACK402"])


def test_a_parameter_named_hass_is_home_assistant_only_where_home_assistant_is_imported():
    check_marked('''
        import threading

        class Watcher:
            def __init__(self, hass) -> None:
                self.hass = hass
                threading.Thread(target=self._run, daemon=True).start()

            def _run(self) -> None:
                self.hass.async_create_task(self.tick())

            async def tick(self) -> None:
                pass
    ''', ["ACK402"])


def test_a_hash_is_compute_only_over_a_whole_file_or_body():
    check_marked('''
        import asyncio
        import hashlib
        import zlib

        API_KEY = "k"


        async def upload(request, path, message, response):
            body = await request.read()
            etag = hashlib.md5(body).hexdigest()  # ACK109
            digest = hashlib.sha256(await request.body()).hexdigest()  # ACK109
            remote = hashlib.sha1(response.content).hexdigest()  # ACK109
            checksum = zlib.crc32(path.read_bytes())  # ACK109
            key = hashlib.md5(API_KEY.encode()).hexdigest()
            short = hashlib.sha256(b"constant").hexdigest()
            cache = hashlib.md5(body, usedforsecurity=False).hexdigest()
            said = hashlib.md5(message.content.encode()).hexdigest()
            chunk = hashlib.sha256(await request.content.read(1024)).hexdigest()
            offloaded = await asyncio.to_thread(hashlib.sha256, body)
            return etag, digest, remote, checksum, key, short, cache, said, chunk, offloaded


        def sync_digest(path) -> str:
            return hashlib.sha256(path.read_bytes()).hexdigest()
    ''', ["ACK109"])


def test_a_sync_client_handed_to_a_constructor_is_followed_into_its_attribute(tmp_path):
    check_marked('''
        import asyncio

        import aiohttp
        import httpx
        import requests


        class Repo:
            def __init__(self, session, base):
                self.session = session
                self.base = base

            async def fetch(self, key):
                return self.session.get(self.base + key).json()  # ACK102

            async def fetch_off_loop(self, key):
                return await asyncio.to_thread(self.session.get, self.base + key)

            def fetch_sync(self, key):
                return self.session.get(self.base + key).json()


        class AsyncRepo:
            def __init__(self, session):
                self.session = session

            async def fetch(self, url):
                async with self.session.get(url) as response:
                    return await response.json()


        class MixedRepo:
            def __init__(self, client):
                self.client = client

            async def fetch(self, url):
                return self.client.get(url)


        def build():
            return (Repo(session=requests.Session(), base="http://x/"), AsyncRepo(aiohttp.ClientSession()),
                    MixedRepo(requests.Session()), MixedRepo(client=httpx.AsyncClient()))
    ''', ["ACK102"])
    repo = '''
        import asyncio


        class Repo:
            def __init__(self, session, base):
                self.session = session
                self.base = base

            async def fetch(self, key):
                return self.session.get(self.base + key).json()


        class Store:
            def __init__(self, client):
                self.client = client

            async def load(self, key):
                return await self.client.get(key)
    '''
    main = '''
        import redis.asyncio
        import requests

        from app.repo import Repo, Store


        def build():
            return Repo(requests.Session(), "http://x/"), Store(redis.asyncio.Redis())
    '''
    found = project_findings(tmp_path, {"app/__init__.py": "", "app/repo.py": repo, "app/main.py": main},
                             ["ACK102", "ACK105"])
    assert found == {("app/repo.py", 10, "ACK102")}


def test_elements_of_a_declared_collection_of_sockets_another_module_returns(tmp_path):
    pool = '''
        import socket


        def open_links(n: int) -> tuple[socket.socket, ...]:
            return tuple(socket.create_connection(("h", 1)) for _ in range(n))


        def listeners() -> list[socket.socket]:
            return []
    '''
    use = '''
        import asyncio

        from net.pool import listeners, open_links


        async def ping(n: int) -> None:
            links = open_links(n)
            for link in links:
                link.recv(10)
            links[0].sendall(b"x")
            first = open_links(1)[0]
            first.recv(1)
            for server in listeners():
                server.accept()


        async def ping_on_loop(n: int) -> None:
            loop = asyncio.get_running_loop()
            for link in open_links(n):
                link.setblocking(False)
                await loop.sock_recv(link, 10)
                link.recv(10)
            await asyncio.to_thread(open_links(1)[0].recv, 1)


        def ping_sync(n: int) -> None:
            for link in open_links(n):
                link.recv(10)
    '''
    found = project_findings(tmp_path, {"net/__init__.py": "", "net/pool.py": pool, "net/use.py": use}, ["ACK105"])
    # (7, 11, 19, 23: `open_links()` itself connects on the loop; 21: the socket was switched to non-blocking)
    assert {line for path, line, code in found if path == "net/use.py"} == {7, 9, 10, 11, 12, 14, 19, 23}


def test_a_dropped_call_of_what_a_dispatcher_picks_that_other_calls_await(tmp_path):
    check_marked('''
        import litellm


        class Router:
            def __init__(self, table) -> None:
                self._table = table

            def _dispatch(self, kind):
                return getattr(litellm, f"a{kind}")

            def _lookup(self, kind):
                return self._table.get(kind)

            def _once(self, kind):
                return self._table[kind]

            async def chat(self, req):
                return await self._dispatch("completion")(**req)

            async def embed(self, req):
                handler = self._dispatch("embedding")
                return await handler(**req)

            async def warm(self, req):
                self._dispatch("completion")(**req)  # ACK301

            def forward(self, req):
                return self._dispatch("completion")(**req)

            async def forwarded(self, req):
                return await self.forward(req)

            async def a(self, req):
                return await self._lookup("x")(req)

            async def b(self, req):
                return await self._lookup("y")(req)

            async def c(self, req):
                handler = self._lookup("z")
                handler(req)  # ACK301

            async def only_once(self, req):
                await self._once("x")(req)
                self._once("y")(req)

            def sync_hook(self, req):
                self._table["sync"](req)
    ''', ["ACK301"])
    router = '''
        class Router:
            def __init__(self, table) -> None:
                self._table = table

            def pick(self, kind):
                return self._table[kind]
    '''
    use = '''
        from app.router import Router


        async def one(router: Router, req):
            return await router.pick("a")(req)


        async def two(router: Router, req):
            return await router.pick("b")(req)


        async def three(router: Router, req):
            router.pick("c")(req)
    '''
    found = project_findings(tmp_path, {"app/__init__.py": "", "app/router.py": router, "app/use.py": use}, ["ACK301"])
    assert found == set()  # (the dispatcher is another module's: its body is out of sight here)


def test_a_gui_framework_run_at_module_level_under_a_main_or_environment_gate_runs_no_second_loop():
    check_marked('''
        import asyncio
        import os

        import flet as ft
        from nicegui import app, ui


        async def main(page: ft.Page):
            page.add(ft.Text("hi"))


        async def startup() -> None:
            await asyncio.sleep(0)


        @ui.page("/")
        async def index():
            ui.label("hello")


        app.on_startup(startup)

        if __name__ in {"__main__", "__mp_main__"}:
            ui.run(port=8080)

        if os.environ.get("RUN_FLET"):
            ft.app(target=main)

        if os.getenv("SERVE") == "1":
            asyncio.run(startup())
            app.run()
    ''', ["ACK108", "ACK301", "ACK302"])
