"""Messages claim no more than the linter knows: a helper that reaches a blocking call past a test no argument
decides "may block" (on some of its paths), one whose every path blocks "blocks"; a queue with a maxsize of 0
is said to be unbounded, not to lack a maxsize."""
from __future__ import annotations

import textwrap

from asynccheck.config import Config
from asynccheck.lint import lint_paths, lint_source

from .helpers import ALL


def messages(source: str, code: str) -> list:
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    return [f.message for f in report.findings if f.code == code]


def test_input_past_an_unreadable_test_may_block():
    (message,) = messages('''
        import getpass
        from urllib.parse import urlparse

        def from_url(url_str):
            kind = urlparse(url_str).scheme
            if kind.endswith("-PROMPT"):
                return getpass.getpass()
            return kind

        async def main(url):
            return from_url(url)
    ''', "ACK107")
    assert message.startswith("`from_url(url)` may block the event loop: on some of its paths it calls "
                              "`getpass.getpass()`")


def test_helper_definition_says_the_same(tmp_path):
    (tmp_path / "app.py").write_text(textwrap.dedent('''
        import getpass

        def ask(kind):
            if kind.upper().endswith("-PROMPT"):
                return getpass.getpass()
            return kind

        async def main(kind):
            return ask(kind)
    '''))
    report = lint_paths([tmp_path], Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False)
    (finding,) = [f for f in report.findings if f.code == "ACK107"]
    (related,) = finding.related
    assert related.message.startswith("`ask()` is defined here; on some of its paths it calls `getpass.getpass()`")


def test_file_read_past_an_unreadable_test_reads_the_same():
    (message,) = messages('''
        def load(path):
            kind = path.rpartition(".")[2]
            if kind == path:
                return ""
            with open(path) as f:
                return f.read()

        async def main(path):
            return load(path)
    ''', "ACK103")
    assert "may block the event loop: on some of its paths it calls `open(path)`" in message


def test_branches_that_each_block_block_on_every_path():
    (message,) = messages('''
        import getpass

        def ask(kind):
            k = kind.upper()
            if k == "A":
                return getpass.getpass()
            elif k.startswith("B"):
                return input("b")
            else:
                return input("c")

        async def main(kind):
            return ask(kind)
    ''', "ACK107")
    assert message.startswith("`ask(kind)` blocks the event loop on every path: on one of them it calls "
                              "`getpass.getpass()`")


def test_both_outcomes_of_one_test_open_a_file():
    (message,) = messages('''
        def load(path):
            binary = path.endswith(".bin")
            if binary:
                f = open(path, "rb")
            else:
                f = open(path)
            return f

        async def main(path):
            return load(path)
    ''', "ACK103")
    assert message.startswith("`load(path)` blocks the event loop on every path: on one of them it calls `open(path, \"rb\")`")


def test_unconditional_input_still_blocks():
    (message,) = messages('''
        import getpass

        def ask(prompt):
            return getpass.getpass(prompt)

        async def main():
            return ask("password: ")
    ''', "ACK107")
    assert message.startswith('`ask("password: ")` blocks the event loop: it calls `getpass.getpass(prompt)`')


def test_parameter_guard_still_names_the_parameter():
    (message,) = messages('''
        import getpass

        def ask(prompt, password=None):
            if password is None:
                password = getpass.getpass(prompt)
            return password

        async def main(pw):
            return ask("password: ", pw)
    ''', "ACK107")
    assert "may block the event loop, depending on `password`" in message


def test_helper_handed_to_a_thread_is_quiet():
    assert messages('''
        import asyncio
        import getpass
        from urllib.parse import urlparse

        def from_url(url_str):
            if urlparse(url_str).scheme.endswith("-PROMPT"):
                return getpass.getpass()
            return url_str

        async def main(url):
            return await asyncio.to_thread(from_url, url)
    ''', "ACK107") == []


QUEUE_FILLED = '''
    import asyncio

    {made}

    async def main(source):
        while True:
            await q.put(await source.get())
'''


def test_queue_of_maxsize_zero_is_said_unbounded():
    (message,) = messages(textwrap.dedent(QUEUE_FILLED).replace("{made}", "q = asyncio.Queue(maxsize=0)"), "ACK501")
    assert message.startswith("`asyncio.Queue(maxsize=0)` is unbounded (a maxsize of 0 means no limit)")
    assert "has no maxsize" not in message


def test_queue_without_maxsize_has_none():
    (message,) = messages(textwrap.dedent(QUEUE_FILLED).replace("{made}", "q = asyncio.Queue()"), "ACK501")
    assert message.startswith("`asyncio.Queue()` has no maxsize")


def test_queue_sized_by_a_defaulted_attribute_is_unbounded_unless_set():
    (message,) = messages('''
        import asyncio

        class Pool:
            def __init__(self, size=0):
                self.size = size
                self.q = asyncio.Queue(maxsize=self.size)

            async def run(self, source):
                async for item in source:
                    await self.q.put(item)
    ''', "ACK501")
    assert message.startswith("`asyncio.Queue(maxsize=self.size)` is unbounded unless `self.size` is set to a "
                              "positive number")


def test_queue_with_a_positive_maxsize_is_quiet():
    assert messages(textwrap.dedent(QUEUE_FILLED).replace("{made}", "q = asyncio.Queue(maxsize=8)"), "ACK501") == []


def one_message(source: str, code: str) -> str:
    (message,) = messages(source, code)
    return message


def test_cloud_sdk_call_is_told_its_own_async_client():
    message = one_message('''
        import boto3

        async def upload(path):
            s3 = boto3.client("s3")
            s3.upload_file(path, "bucket", "key")
    ''', "ACK102")
    assert "`aioboto3` or `aiobotocore`" in message and "httpx" not in message


def test_plain_http_call_is_told_an_async_http_client():
    message = one_message('''
        import requests

        async def fetch(url):
            return requests.get(url)
    ''', "ACK102")
    assert "`httpx.AsyncClient`" in message


def test_http_call_through_a_helper_names_no_wrong_library():
    message = one_message('''
        import boto3

        def upload(path):
            boto3.client("s3").upload_file(path, "bucket", "key")

        async def main(path):
            upload(path)
    ''', "ACK102")
    assert "`aioboto3` or `aiobotocore`" in message and "httpx" not in message


def test_database_driver_calls_are_told_their_async_drivers():
    source = '''
        import {module}

        async def count(dsn):
            conn = {module}.connect(dsn)
            return conn.cursor()
    '''
    assert "`aiosqlite`" in one_message(source.replace("{module}", "sqlite3"), "ACK105")
    assert "`asyncpg`" in one_message(source.replace("{module}", "psycopg2"), "ACK105")


def test_file_and_subprocess_calls_keep_their_rules_advice():
    assert "`aiofiles`" in one_message('''
        from pathlib import Path

        async def load(path: Path):
            return path.read_text()
    ''', "ACK103")
    assert "`asyncio.create_subprocess_exec(...)`" in one_message('''
        import subprocess

        async def rev():
            return subprocess.check_output(["git", "rev-parse", "HEAD"])
    ''', "ACK104")


def test_select_waits_for_a_descriptor_not_a_thread():
    message = one_message('''
        import select

        async def wait_readable(sock):
            select.select([sock], [], [], 5)
    ''', "ACK106")
    assert "until a socket, pipe or other file descriptor is ready" in message
    assert "another thread" not in message and "`loop.add_reader(...)`" in message


def test_future_wait_still_waits_for_another_thread():
    message = one_message('''
        import concurrent.futures

        async def gather(jobs):
            concurrent.futures.wait(jobs)
    ''', "ACK106")
    assert "waits for another thread or process" in message
