"""Past an `if ...: return` / `elif ...: return` chain with no `else`, the rest of the block runs only when every
test failed, as past a single `if ...: return`: a blocking call there runs on some paths of its helper, or on
the paths the caller's arguments pick."""
from __future__ import annotations

import textwrap

from tests.lint.helpers import check_marked, messages_by_line

CODES = ("ACK103",)

HELPERS = '''
    import ssl

    CACHED = {}


    def load(path):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.load_cert_chain(path)
        return ctx


    def from_config(config):
        if config.get("base_url"):
            return config["base_url"]
        elif config.get("base-url"):
            return config["base-url"]
        return load(config["cert"])


    def context(path, secure):
        if path in CACHED:
            return CACHED[path]
        elif not secure:
            return None
        return load(path)


    def checked(path, kind):
        if not path:
            raise ValueError("no path")
        elif kind not in ("pem", "der"):
            raise ValueError(kind)
        return load(path)


    def arm_falls_through(config):
        if config.get("base_url"):
            return config["base_url"]
        elif config.get("base-url"):
            print("deprecated key")
        return load(config["cert"])


    def with_else(config):
        if config.get("base_url"):
            return config["base_url"]
        elif config.get("base-url"):
            return config["base-url"]
        else:
            config.setdefault("scheme", "https")
        return load(config["cert"])
'''


def messages(body: str) -> dict:
    return messages_by_line(textwrap.dedent(HELPERS) + textwrap.dedent(body), CODES)


def test_a_call_past_returning_arms_may_block():
    found = messages('''
        async def serve(config):
            return from_config(config)
    ''')
    assert found["return from_config(config)"].startswith(
        "`from_config(config)` may block the event loop: on some of its paths it calls `load()`")


def test_the_callers_argument_picks_the_arm():
    check_marked(HELPERS + '''
        async def plain(path):
            return context(path, False)

        async def secure(path):
            return context(path, True)  # ACK103
    ''', CODES)


def test_raising_arms_refuse_arguments_and_every_other_path_blocks():
    found = messages('''
        async def serve(path, kind):
            return checked(path, kind)
    ''')
    assert found["return checked(path, kind)"].startswith("`checked(path, kind)` blocks the event loop")


def test_an_arm_that_falls_through_or_an_else_guards_nothing():
    found = messages('''
        async def one(config):
            return arm_falls_through(config)

        async def two(config):
            return with_else(config)
    ''')
    assert found["return arm_falls_through(config)"].startswith(
        "`arm_falls_through(config)` blocks the event loop")
    assert found["return with_else(config)"].startswith("`with_else(config)` blocks the event loop")
