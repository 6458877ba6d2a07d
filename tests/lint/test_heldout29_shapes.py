"""Shapes found missing on a twenty-ninth held-out set (services with helper modules, dataclasses and callbacks):
each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths

from .helpers import check_marked


def _lint_tree(tmp_path: Path, files: dict) -> set:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    report = lint_paths([tmp_path], Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False)
    assert not report.errors, report.errors
    return {(Path(f.path).name, f.line, f.code) for f in report.findings}


def test_closing_an_async_generator_without_await_drops_the_coroutine():
    # an async generator's aclose/asend/athrow make coroutines: a port from a sync generator's `gen.close()`
    # leaves the generator unclosed (its `finally` never runs)
    check_marked('''
        import asyncio

        async def rows(cursor):
            try:
                while (row := await cursor.fetchone()) is not None:
                    yield row
            finally:
                await cursor.close()

        def numbers(n):
            yield from range(n)

        class Feed:
            async def frames(self):
                yield b"x"

            def batches(self):
                yield [1]

        async def first_row(cursor):
            it = rows(cursor)
            row = await it.__anext__()
            it.aclose()  # ACK301
            return row

        async def prime(cursor):
            rows(cursor).asend(None)  # ACK301

        async def first_frame(feed: Feed):
            frames = feed.frames()
            async for frame in frames:
                frames.aclose()  # ACK301
                return frame

        async def first_row_closed(cursor):
            it = rows(cursor)
            try:
                return await it.__anext__()
            finally:
                await it.aclose()

        async def closed_later(cursor, stack):
            it = rows(cursor)
            stack.push_async_callback(it.aclose)
            return it

        async def sync_generator_closed(n):
            gen = numbers(n)
            first = next(gen)
            gen.close()
            return first

        async def sync_method_generator(feed: Feed):
            gen = feed.batches()
            gen.close()
    ''', ["ACK301"])


def test_an_async_generator_of_another_module_is_closed_with_await(tmp_path):
    found = _lint_tree(tmp_path, {
        "feeds/__init__.py": "",
        "feeds/source.py": '''
            async def ticks(n):
                for i in range(n):
                    yield i

            def counts(n):
                yield from range(n)

            class Tail:
                async def lines(self):
                    yield ""
        ''',
        "feeds/use.py": '''
            from feeds.source import Tail, counts, ticks

            async def first_tick(n):
                g = ticks(n)
                async for t in g:
                    g.aclose()
                    return t

            async def first_line(tail: Tail):
                lines = tail.lines()
                line = await lines.__anext__()
                lines.aclose()
                return line

            async def first_tick_closed(n):
                g = ticks(n)
                try:
                    return await g.__anext__()
                finally:
                    await g.aclose()

            async def first_count(n):
                g = counts(n)
                g.close()
        ''',
    })
    assert found == {("use.py", 7, "ACK301"), ("use.py", 13, "ACK301")}


def test_a_dataclass_field_made_by_a_lambda_holds_what_the_lambda_makes():
    # `field(default_factory=lambda: boto3.client("s3"))`: the lambda is only there to pass arguments, so the
    # field is typed by the call it makes whatever the annotation (often `Any` or `object`) says
    check_marked('''
        import asyncio
        import threading
        from dataclasses import dataclass, field
        from typing import Any

        import boto3
        import requests

        @dataclass
        class Archive:
            bucket: str
            s3: Any = field(default_factory=lambda: boto3.client("s3", region_name="eu-west-1"))

            async def store(self, key: str, body: bytes) -> None:
                self.s3.put_object(Bucket=self.bucket, Key=key, Body=body)  # ACK102

            async def store_offloaded(self, key: str, body: bytes) -> None:
                await asyncio.to_thread(self.s3.put_object, Bucket=self.bucket, Key=key, Body=body)

            def store_sync(self, key: str, body: bytes) -> None:
                self.s3.put_object(Bucket=self.bucket, Key=key, Body=body)

        @dataclass
        class Client:
            http: object = field(default_factory=lambda: requests.Session())
            guard: object = field(default_factory=lambda: threading.Lock())
            seen: dict = field(default_factory=lambda: {})

            async def ping(self) -> int:
                return self.http.get("https://example.invalid/ping", timeout=2).status_code  # ACK102

            async def note(self, key: str, fetch) -> None:
                with self.guard:  # ACK201
                    self.seen[key] = await fetch(key)

            async def remember(self, key: str) -> None:
                self.seen.get(key)

        @dataclass
        class Buffer:
            chunks: list = field(default_factory=lambda: [b""])
            queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=10))

            async def take(self) -> bytes:
                self.chunks.pop()
                return await self.queue.get()
    ''', ["ACK102", "ACK201", "ACK301"])


def test_a_command_of_the_sh_library_runs_the_program_to_completion():
    check_marked('''
        import sh
        from sh import git, make

        async def build(target: str) -> str:
            return str(sh.make(target))  # ACK104

        async def update() -> None:
            git.pull("--ff-only")  # ACK104

        async def deploy() -> None:
            sh.docker.compose("up", "-d")  # ACK104

        async def build_in_background(target: str):
            return sh.make(target, _bg=True)

        async def build_awaited(target: str) -> str:
            return await make(target, _async=True)

        async def prepared(repo: str):
            return sh.git.bake("-C", repo)

        async def command_for(name: str):
            try:
                return sh.Command(name)
            except sh.CommandNotFound:
                return None

        def build_sync(target: str) -> str:
            return str(sh.make(target))
    ''', ["ACK104"])


def test_a_project_module_named_sh_is_not_the_sh_library(tmp_path):
    found = _lint_tree(tmp_path, {
        "sh.py": '''
            def make(target):
                return target.upper()
        ''',
        "app.py": '''
            import sh
            from sh import make

            async def build(target):
                return sh.make(target), make(target)
        ''',
    })
    assert found == set()
