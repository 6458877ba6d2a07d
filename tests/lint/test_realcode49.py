"""Shapes from real async libraries and SDKs (realcode49): a sync function with an async colour (one arm returns
a coroutine, the other does the work with sync calls) whose result the caller awaits."""
from __future__ import annotations

from tests.lint.helpers import check_marked, project_findings


def test_an_awaited_result_of_a_helper_with_an_async_colour_took_the_async_arm():
    # one client class serves both colours: the sync arm's HTTP call runs only for a caller that does not await
    check_marked('''
        import asyncio
        import requests

        async def result_of(value):
            return await value

        class Settings:
            def __init__(self, mode):
                self._mode = mode
                self._cached = None

            def endpoint(self):
                if self._cached is not None:
                    return self._cached
                if self._mode == "async":
                    async def fetch():
                        return "from the async client"
                    return fetch()
                return requests.get("https://example.invalid/config").json()["endpoint"]

            def session(self):
                if self._mode != "async":
                    return {"endpoint": self.endpoint()}
                else:
                    async def make():
                        return {"endpoint": await result_of(self.endpoint())}
                    return make()

            def current(self):
                made = self.session()
                return made

        async def refresh(settings: Settings):
            endpoint = await result_of(settings.endpoint())
            session = await asyncio.wait_for(settings.current(), 5)
            return endpoint, session

        async def unawaited(settings: Settings):
            return settings.endpoint()  # ACK102
    ''', ["ACK102"])


def test_an_awaited_helper_still_blocks_before_its_colour_test_or_without_one():
    # the work before the test runs in both colours; a helper with no async arm blocks whatever the caller does
    # with its result; an arm that returns a sync helper's value is no async colour
    check_marked('''
        import requests

        async def result_of(value):
            return await value

        def config(mode, path):
            with open(path) as fh:
                text = fh.read()
            if mode == "async":
                async def parse():
                    return text
                return parse()
            return text

        def token(url):
            return requests.get(url).text

        def plain(url, mode):
            if mode == "async":
                return token(url)
            return requests.post(url).text

        async def load(path, url):
            first = await result_of(config("async", path))  # ACK103
            second = await result_of(token(url))  # ACK102
            third = await result_of(plain(url, "sync"))  # ACK102
            return first, second, third
    ''', ["ACK102", "ACK103"])


def test_the_async_colour_is_followed_across_modules(tmp_path):
    # the helper, the awaiting wrapper and the caller in three modules, as an SDK splits them
    found = project_findings(tmp_path, {
        "sdk/__init__.py": "",
        "sdk/run.py": '''
async def result_of(value):
    return await value
''',
        "sdk/auth.py": '''
import httpx


class Auth:
    def __init__(self, colour):
        self._colour = colour

    def token(self):
        if self._colour == "async":
            async def execute():
                async with httpx.AsyncClient() as client:
                    return (await client.get("https://example.invalid/token")).text
            return execute()
        with httpx.Client() as client:
            return client.get("https://example.invalid/token").text
''',
        "sdk/client.py": '''
from sdk.auth import Auth
from sdk.run import result_of


async def refresh(auth: Auth):
    return await result_of(auth.token())


async def refresh_badly(auth: Auth):
    return auth.token()
''',
    }, ["ACK102"])
    assert {(path, line) for path, line, _ in found} == {("sdk/client.py", 10)}, found


def test_a_closure_defined_under_an_equality_test_of_a_parameter_reads_its_literal():
    # the closure runs later, but nothing rebinds the parameter, so it still holds what the test compared
    check_marked('''
        from typing import Awaitable
        import requests

        def setup(url, colour):
            if colour == "async":
                async def go():
                    return url
                return go()
            return requests.get(url).text

        def connect(url, colour):
            if colour == "async":
                async def run():
                    made = setup(url, colour)
                    if isinstance(made, Awaitable):
                        return await made
                    return made
                return run()
            return setup(url, colour)

        def connect_other(url, colour):
            if colour != "async":
                async def run():
                    return setup(url, colour)  # ACK102
                return run()
            return None

        def connect_rebound(url, colour):
            if colour == "async":
                async def run():
                    return setup(url, colour)  # ACK102
                colour = "sync"
                return run()
            return None
    ''', ["ACK102"])
