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
