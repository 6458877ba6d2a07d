"""Shapes a blind probe (web handlers, crawlers, chat services half-way through an async port) missed: coroutines
dropped where no plain call statement shows them. Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked


def test_a_bare_map_of_a_coroutine_function_is_dropped_before_it_runs_anything():
    check_marked('''
        import asyncio
        import functools

        SENT = []

        async def push(user_id, text):
            SENT.append((user_id, text))

        def send_now(user_id, text):
            SENT.append((user_id, text))

        async def notify_all(user_ids, text):
            map(functools.partial(push, text=text), user_ids)  # ACK301

        async def notify_plain(user_ids):
            map(push, user_ids, ["hi"] * len(user_ids))  # ACK301

        async def notify_gathered(user_ids, text):
            await asyncio.gather(*map(functools.partial(push, text=text), user_ids))

        async def notify_sync(user_ids, text):
            # a plain function mapped and dropped does nothing either, but makes no coroutine: not this rule's
            map(functools.partial(send_now, text=text), user_ids)

        async def notify_own_map(user_ids, map):
            map(push, user_ids)
    ''', ["ACK301"])


def test_a_coroutine_made_in_a_default_value_is_never_awaited():
    check_marked('''
        import asyncio

        async def load_profile(user_id):
            await asyncio.sleep(0)
            return {"id": user_id}

        def default_profile():
            return {"id": 0}

        async def greet(user_id, profile=load_profile(0)):  # ACK301
            p = await load_profile(user_id)
            return p["id"]

        def greet_later(user_id, *, fallback=load_profile(0)):  # ACK301
            return fallback

        async def greet_plain(user_id, profile=default_profile()):
            return profile["id"]

        async def greet_none(user_id, profile=None):
            profile = profile if profile is not None else await load_profile(0)
            return profile["id"]

        async def greet_function(user_id, loader=load_profile):
            return await loader(user_id)
    ''', ["ACK301"])


def test_a_property_handing_back_a_coroutine_read_as_its_result():
    check_marked('''
        import asyncio
        import functools

        class Presence:
            def __init__(self, redis):
                self.redis = redis
                self._cached = None

            async def _online(self):
                return bool(await self.redis.exists("online"))

            def _online_now(self):
                return self.redis.exists_now("online")

            @property
            def online(self):
                return self._online()

            @property
            def online_now(self):
                return self._online_now()

            @property
            def maybe_online(self):
                if self._cached is not None:
                    return self._cached
                return self._online()

            async def greet(self, ws):
                if self.online:  # ACK301
                    await ws.send_text("welcome back")
                if not self.online:  # ACK301
                    await ws.send_text("hello")

            async def greet_awaited(self, ws):
                if await self.online:
                    await ws.send_text("welcome back")

            async def greet_now(self, ws):
                if self.online_now:
                    await ws.send_text("welcome back")

            async def greet_maybe(self, ws):
                # the getter may hand back a cached value: what the read gets is not known
                if self.maybe_online:
                    await ws.send_text("welcome back")

            async def handed_on(self):
                return await asyncio.wait_for(self.online, 1)
    ''', ["ACK301"])


def test_a_local_dispatch_table_of_partials_of_coroutine_functions():
    check_marked('''
        import functools

        async def push(user_id, text):
            return True

        async def load_profile(user_id):
            return {"id": user_id}

        def load_profile_sync(user_id):
            return {"id": user_id}

        async def dispatch(kind, user_id):
            handlers = {"profile": load_profile, "push": functools.partial(push, text="hi")}
            handlers[kind](user_id)  # ACK301

        async def dispatch_awaited(kind, user_id):
            handlers = {"profile": load_profile, "push": functools.partial(push, text="hi")}
            await handlers[kind](user_id)

        async def dispatch_mixed(kind, user_id):
            # one entry is a plain function: what an entry's call gives is not known
            handlers = {"profile": load_profile_sync, "push": functools.partial(push, text="hi")}
            handlers[kind](user_id)
    ''', ["ACK301"])


def test_a_coroutine_function_handed_to_a_parameter_declared_as_a_plain_callback():
    check_marked('''
        import asyncio
        import functools
        from typing import Awaitable, Callable

        async def push(event):
            await asyncio.sleep(0)

        def log_event(event):
            print(event)

        class Bus:
            def __init__(self):
                self.handlers = []
                self.async_handlers = []

            def subscribe(self, fn: Callable[[dict], None]) -> None:
                self.handlers.append(fn)

            def subscribe_async(self, fn: Callable[[dict], Awaitable[None]]) -> None:
                self.async_handlers.append(fn)

            def emit(self, event):
                for fn in self.handlers:
                    fn(event)

        def on_change(path: str, *, then: Callable[..., None]) -> None:
            then(path)

        def wire(bus: Bus):
            bus.subscribe(lambda ev: push(ev))  # ACK301
            bus.subscribe(push)  # ACK301
            bus.subscribe(functools.partial(push))  # ACK301
            on_change("/etc/app.toml", then=push)  # ACK301
            bus.subscribe(log_event)
            bus.subscribe(lambda ev: log_event(ev))
            bus.subscribe_async(push)
            bus.subscribe_async(lambda ev: push(ev))
    ''', ["ACK301"])


def test_a_plain_callback_parameter_in_a_module_that_runs_awaitable_results_is_left_alone():
    check_marked('''
        import asyncio
        import inspect
        from typing import Callable

        async def push(event):
            await asyncio.sleep(0)

        class Bus:
            def __init__(self):
                self.handlers = []

            def subscribe(self, fn: Callable[[dict], None]) -> None:
                self.handlers.append(fn)

            def emit(self, event):
                for fn in self.handlers:
                    result = fn(event)
                    if inspect.isawaitable(result):
                        asyncio.ensure_future(result)

        def wire(bus: Bus):
            bus.subscribe(push)
            bus.subscribe(lambda ev: push(ev))
    ''', ["ACK301"])


def test_what_an_async_context_manager_generator_of_this_module_yields_is_typed_by_its_yield():
    check_marked('''
        import contextlib
        import sqlite3

        class Api:
            async def get(self, path):
                return {"path": path}

        def get_now(path):
            return {"path": path}

        def make_api() -> Api:
            return Api()

        @contextlib.asynccontextmanager
        async def session():
            api = make_api()
            yield api

        @contextlib.contextmanager
        def cursor(path):
            conn = sqlite3.connect(path)
            yield conn.cursor()

        def plain_generator():
            yield make_api()

        async def fetch_many(paths):
            async with session() as api:
                results = []
                for p in paths:
                    results.append(api.get(p))  # ACK301
                return [r["id"] for r in results]

        async def fetch_awaited(paths):
            async with session() as api:
                return [await api.get(p) for p in paths]

        async def count(path):
            # entering runs `sqlite3.connect` on the loop: reported there, once, not again at each use of `cur`
            with cursor(path) as cur:  # ACK105
                cur.execute("SELECT count(*) FROM t")
                return cur.fetchone()[0]

        def count_sync(path):
            with cursor(path) as cur:
                cur.execute("SELECT count(*) FROM t")
                return cur.fetchone()[0]

        async def plain(paths):
            for api in plain_generator():
                await api.get(paths[0])
    ''', ["ACK301", "ACK105"])


def test_a_coroutine_shown_by_a_cli_echo_was_taken_for_its_result():
    check_marked('''
        import click
        import typer

        class Api:
            async def get(self, path):
                return {"path": path}

            def get_now(self, path):
                return {"path": path}

        def show(path: str) -> None:
            api = Api()
            data = api.get(path)  # ACK301
            typer.echo(data)

        def show_click(path: str) -> None:
            api = Api()
            click.echo(api.get(path))  # ACK301

        def show_now(path: str) -> None:
            api = Api()
            typer.echo(api.get_now(path))
    ''', ["ACK301"])


def test_a_coroutine_bound_to_a_name_the_function_declares_holds_a_plain_value():
    check_marked('''
        from typing import Awaitable, Callable, Optional

        async def enrich(event: dict) -> dict:
            return {**event, "seen": True}

        def enrich_now(event: dict) -> dict:
            return {**event, "seen": True}

        async def run_pipeline(stages: list[Callable[[dict], Awaitable[dict]]], event: dict) -> dict:
            for stage in stages:
                event = stage(event)  # ACK301
            return event

        async def run_once(event: dict) -> dict:
            event = enrich(event)  # ACK301
            return event

        async def run_local(raw) -> Optional[dict]:
            result: Optional[dict] = None
            if raw:
                result = enrich(raw)  # ACK301
            return result

        async def run_pipeline_ok(stages: list[Callable[[dict], Awaitable[dict]]], event: dict) -> dict:
            for stage in stages:
                event = await stage(event)
            return event

        async def run_sync(event: dict) -> dict:
            event = enrich_now(event)
            return event

        async def run_undeclared(event):
            pending = enrich(event)
            return await pending

        async def run_declared_awaitable(event: dict) -> dict:
            pending: Awaitable[dict] = enrich(event)
            return await pending
    ''', ["ACK301"])


def test_a_coroutine_returned_unawaited_by_one_branch_of_a_coroutine_function():
    check_marked('''
        import asyncio
        from typing import Awaitable

        class Cache:
            def __init__(self):
                self._cache = {}

            async def _load(self, key):
                await asyncio.sleep(0)
                return key

            def _load_now(self, key):
                return key

            async def get(self, key):
                return self._cache[key] if key in self._cache else self._load(key)  # ACK301

            async def get_or(self, key):
                return self._cache.get(key) or self._load(key)  # ACK301

            async def get_ok(self, key):
                return self._cache[key] if key in self._cache else await self._load(key)

            async def get_now(self, key):
                return self._cache.get(key) or self._load_now(key)

            def get_awaitable(self, key) -> Awaitable:
                return self._cache.get(key) or self._load(key)

            async def get_declared(self, key) -> Awaitable:
                return self._cache.get(key) or self._load(key)

            def get_sync(self, key):
                return self._load(key) if key not in self._cache else asyncio.sleep(0, self._cache[key])
    ''', ["ACK301"])
