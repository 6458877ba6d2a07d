"""Shapes found missing on a seventeenth held-out set (web handlers, bots, workers, pipelines): each flagged shape
beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

CANCELLATION = ["ACK601", "ACK602"]


def test_a_coroutine_method_sharing_its_name_with_a_dict_method_is_not_started_as_a_task():
    # `self.pending.get(key)` is the dict's `get`: the coroutine `Fetcher.get` is still one its callers await
    check_marked('''
        import asyncio

        class Fetcher:
            def __init__(self, client):
                self.client = client
                self.pending: dict[str, int] = {}
                self.seen = set()

            async def get(self, key: str):
                try:
                    return await self.client.fetch(key)
                except (OSError, asyncio.CancelledError):  # ACK601
                    return None

            async def plan(self, key: str) -> int:
                if key in self.seen:
                    return 0
                return self.pending.get(key, 0)

        async def summary(key):
            local = {}
            return local.get(key)
    ''', CANCELLATION)


def test_a_coroutine_method_really_started_as_a_task_stays_the_tasks_own_function():
    # the same name handed to create_task (and called on an object of unknown type): a task's top-level function
    check_marked('''
        import asyncio

        class Poller:
            def __init__(self, client, registry):
                self.client = client
                self.registry = registry
                self.cache: dict = {}

            async def get(self, key: str):
                try:
                    return await self.client.fetch(key)
                except asyncio.CancelledError:  # ACK602
                    return None

            def start(self, key: str) -> asyncio.Task:
                self.cache.get(key)
                self.task = asyncio.create_task(self.get(key))

            async def wait(self):
                return await asyncio.wait_for(self.task, 5)
    ''', CANCELLATION)
    check_marked('''
        import asyncio

        class Poller:
            def __init__(self, client, registry):
                self.client = client
                self.registry = registry

            async def get(self, key: str):
                try:
                    return await self.client.fetch(key)
                except asyncio.CancelledError:  # called unawaited on an unknown object: no awaiter in sight
                    return None

            def lookup(self, key: str):
                return self.registry.get(key)
    ''', CANCELLATION)


def test_a_client_stored_on_a_nested_attribute_is_what_the_same_function_reads_back():
    check_marked('''
        import contextlib
        import io
        import httpx
        import requests
        from unittest import mock

        @contextlib.asynccontextmanager
        async def lifespan(app):
            app.state.http = httpx.AsyncClient()
            app.state.billing = requests.Session()
            app.state.buffer = io.StringIO()
            try:
                yield
            finally:
                app.state.billing.get("https://billing/flush")  # ACK102
                app.state.buffer.close()
                app.state.http.aclose()  # ACK301

        async def test_lifespan_offline(app: "Starlette"):
            # a stub stored by this function is what it then calls
            app.state.billing = mock.Mock(spec=requests.Session)
            app.state.billing.get("https://billing/flush")
    ''', ["ACK102", "ACK301"])


def test_a_jwks_client_downloads_its_key_set_when_asked_for_a_key():
    check_marked('''
        import asyncio
        import jwt
        from jwt.jwks_client import PyJWKClient

        KEYS = jwt.PyJWKClient("https://login.example/.well-known/jwks.json", cache_keys=True)

        class Verifier:
            def __init__(self, jwks: PyJWKClient, audience: str):
                self.jwks = jwks
                self.audience = audience

            async def claims(self, token: str) -> dict:
                key = self.jwks.get_signing_key_from_jwt(token)  # ACK102
                return jwt.decode(token, key.key, algorithms=["RS256"], audience=self.audience)

            async def claims_off_loop(self, token: str) -> dict:
                key = await asyncio.to_thread(self.jwks.get_signing_key_from_jwt, token)
                return jwt.decode(token, key.key, algorithms=["RS256"], audience=self.audience)

        async def rotate() -> int:
            return len(KEYS.get_signing_keys(refresh=True))  # ACK102

        async def from_config(jwk: dict, token: str) -> dict:
            # a key handed in as data: decoding checks a signature, no network
            key = jwt.PyJWK(jwk)
            return jwt.decode(token, key.key, algorithms=["RS256"])

        def warm_cache() -> None:
            KEYS.get_signing_keys()
    ''', ["ACK102"])


def test_a_client_kept_under_a_key_of_an_aiohttp_application_is_what_other_handlers_read():
    check_marked('''
        import aiohttp
        import requests
        from aiohttp import web

        async def on_startup(app: web.Application) -> None:
            app["http"] = aiohttp.ClientSession()
            app["legacy"] = requests.Session()
            app["either"] = aiohttp.ClientSession()
            app["plain"] = None

        async def on_cleanup(app: web.Application) -> None:
            app["http"].close()  # ACK301
            await app["either"].close()

        async def proxy(request: web.Request) -> web.Response:
            body = request.app["legacy"].get("https://upstream/").text  # ACK102
            return web.Response(text=body)

        def configure_offline(app: web.Application) -> None:
            # a second store of another kind under the same key: which one is there is not known
            app["either"] = object()

        async def other_keys(app: web.Application, registry: dict) -> None:
            app["plain"].close()
            registry["http"].close()
    ''', ["ACK102", "ACK301"])


def test_a_sync_generator_handed_to_a_streaming_response_is_iterated_in_the_threadpool():
    check_marked('''
        from fastapi.responses import StreamingResponse
        from starlette.responses import Response

        def read_chunks(path: str, size: int = 65536):
            with open(path, "rb") as fh:
                while chunk := fh.read(size):
                    yield chunk

        async def download(name: str):
            return StreamingResponse(read_chunks(f"/srv/{name}"), media_type="application/octet-stream")

        async def download_all_at_once(name: str):
            return Response(b"".join(read_chunks(f"/srv/{name}")))  # ACK103

        async def download_listed(name: str):
            chunks = read_chunks(f"/srv/{name}")  # ACK103
            return Response(b"".join(list(chunks)))
    ''', ["ACK103"])


def test_a_feed_parser_fetches_a_url_but_parses_a_document_it_is_handed():
    check_marked('''
        import asyncio
        import feedparser
        import httpx

        FEEDS = ["https://blog.example/rss", "https://news.example/atom.xml"]

        class Poller:
            def __init__(self, url: str, client: httpx.AsyncClient):
                self.url = url
                self.client = client

            async def poll_directly(self):
                return feedparser.parse(self.url).entries  # ACK102

            async def poll(self):
                resp = await self.client.get(self.url)
                return feedparser.parse(resp.text).entries

            async def poll_bytes(self):
                body = await (await self.client.get(self.url)).aread()
                return feedparser.parse(body).entries

            async def poll_off_loop(self):
                return await asyncio.to_thread(feedparser.parse, self.url)

        def titles(raw: bytes) -> list:
            return [e.title for e in feedparser.parse(raw).entries]

        def titles_of(source) -> list:
            return [e.title for e in feedparser.parse(source).entries]

        async def digest(client: httpx.AsyncClient) -> list:
            out = []
            for url in FEEDS:
                out += titles((await client.get(url)).content)
                out += titles_of((await client.get(url)).text)
                out += titles_of(url)  # ACK102
            return out

        async def sample() -> int:
            return len(feedparser.parse("<rss version='2.0'><channel></channel></rss>").entries)
    ''', ["ACK102"])
