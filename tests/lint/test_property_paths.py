"""A property read (or `self[key]`) in a sync helper runs its getter on the paths that reach it, as a call does:
read in an `except` clause or past an `if ...: return`, the helper may block on some of its paths; read in the
arm of a test on an argument, whether it runs is the caller's argument."""
from __future__ import annotations

import textwrap

from tests.lint.helpers import check_marked, messages_by_line

CODES = ("ACK101", "ACK103")

WEB = '''
    import ssl
    import time


    class Web:
        def __init__(self, config):
            self.config = config
            self.cache = {}

        @property
        def ssl_context(self):
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            ctx.load_cert_chain(self.config["cert"], self.config["key"])
            return ctx

        def __getitem__(self, key):
            time.sleep(0.1)
            return key

        @property
        def port(self):
            try:
                return self.config["port"]
            except KeyError:
                return 8443 if self.ssl_context is not None else 8080

        @property
        def base_url(self):
            if self.config.get("base_url"):
                return self.config["base_url"]
            return f"https://{self.ssl_context}"

        @property
        def scheme(self):
            return "https" if self.ssl_context is not None else "http"

        def context(self, secure):
            if secure:
                return self.ssl_context
            return None

        def cached(self, key):
            try:
                return self.cache[key]
            except KeyError:
                return self[key]
'''


def messages(body: str) -> dict:
    return messages_by_line(textwrap.dedent(WEB) + textwrap.dedent(body), CODES)


def test_a_getter_read_on_some_paths_of_a_getter_may_block():
    found = messages('''
        async def serve(web: Web):
            print(web.port)
            print(web.base_url)
            print(web.scheme)
    ''')
    assert found["print(web.port)"].startswith(
        "reading `web.port` may block the event loop: on some of its paths the property `Web.port` calls "
        "`Web.ssl_context`")
    assert found["print(web.base_url)"].startswith(
        "reading `web.base_url` may block the event loop: on some of its paths the property `Web.base_url`")
    # read on every path of its getter: it blocks
    assert found["print(web.scheme)"].startswith("reading `web.scheme` blocks the event loop")


def test_a_subscript_in_an_except_clause_may_block():
    found = messages('''
        async def lookup(web: Web):
            return web.cached("x")
    ''')
    assert found['return web.cached("x")'].startswith(
        '`web.cached("x")` may block the event loop: on some of its paths `Web.cached()` calls `Web.__getitem__()`')


def test_a_getter_read_under_a_test_of_an_argument_is_the_callers_argument():
    check_marked(WEB + '''
        async def plain(web: Web):
            return web.context(False)

        async def secure(web: Web):
            return web.context(True)  # ACK103

        async def chosen(web: Web, flag: bool):
            return web.context(flag)  # ACK103
    ''', CODES)
    found = messages('''
        async def chosen(web: Web, flag: bool):
            return web.context(flag)
    ''')
    assert found["return web.context(flag)"].startswith(
        "`web.context(flag)` may block the event loop, depending on `secure`")


def test_look_alikes_stay_quiet():
    check_marked(WEB + '''
        import asyncio


        class Plain:
            def __init__(self):
                self.ssl_context = None  # a data attribute of the same name: no getter runs

            def port(self):
                try:
                    return 1
                except KeyError:
                    return 8443 if self.ssl_context is not None else 8080


        def port_in_thread(web: Web):
            return web.port


        async def served(web: Web, plain: Plain):
            plain.port()
            return await asyncio.to_thread(port_in_thread, web)
    ''', CODES)
