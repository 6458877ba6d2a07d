"""Shapes found missing on a twenty-sixth held-out set (project decorators whose wrapper blocks, loops started by
anyio and trio, queue types declared unbounded): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths

from .helpers import check_marked


def test_a_call_of_a_sync_function_runs_the_blocking_code_of_its_project_decorator():
    check_marked('''
        import asyncio
        import functools
        import threading
        import time

        def with_backoff(fn):
            @functools.wraps(fn)
            def wrapper(*args, **kwargs):
                for attempt in range(4):
                    try:
                        return fn(*args, **kwargs)
                    except ConnectionError:
                        time.sleep(0.5 * attempt)
                return fn(*args, **kwargs)
            return wrapper

        def throttled(per_second):
            def decorate(fn):
                def inner(*args):
                    time.sleep(1 / per_second)
                    return fn(*args)
                return inner
            return decorate

        def traced(fn):
            def wrapper(*args):
                print("calling", fn.__name__)
                return fn(*args)
            return wrapper

        def in_thread(fn):
            def wrapper(*args):
                threading.Thread(target=lambda: (time.sleep(1), fn(*args))).start()
            return wrapper

        @with_backoff
        def push(store, item):
            store.append(item)

        @throttled(5)
        def poll(source):
            return source.peek()

        @traced
        def label(item):
            return str(item)

        @in_thread
        def later(item):
            return item

        class Sink:
            @with_backoff
            def send(self, item):
                return item

            async def deliver(self, item):
                self.send(item)  # ACK101
                await asyncio.to_thread(self.send, item)

        async def handler(store, source, item):
            push(store, item)  # ACK101
            poll(source)  # ACK101
            label(item)
            later(item)
            await asyncio.to_thread(push, store, item)

        def sync_caller(store, item):
            push(store, item)
    ''', ["ACK101"])


def test_a_decorator_of_another_module_whose_wrapper_blocks(tmp_path):
    files = {
        "depot/resilience.py": '''
            import time

            def retried(fn):
                def wrapper(*args, **kwargs):
                    for attempt in range(3):
                        try:
                            return fn(*args, **kwargs)
                        except TimeoutError:
                            time.sleep(attempt + 1)
                    return fn(*args, **kwargs)
                return wrapper

            def counted(fn):
                calls = []

                def wrapper(*args, **kwargs):
                    calls.append(fn.__name__)
                    return fn(*args, **kwargs)
                return wrapper
        ''',
        "depot/orders.py": '''
            import asyncio

            from .resilience import counted, retried

            @retried
            def reserve(stock, sku):
                return stock.pop(sku)

            @counted
            def price(catalog, sku):
                return catalog[sku]

            async def checkout(stock, catalog, sku):
                reserve(stock, sku)
                price(catalog, sku)
                await asyncio.to_thread(reserve, stock, sku)

            def restock(stock, sku):
                reserve(stock, sku)
        ''',
    }
    (tmp_path / "depot").mkdir()
    (tmp_path / "depot" / "__init__.py").write_text("")
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    report = lint_paths([tmp_path], Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False)
    found = {(Path(f.path).name, f.line, f.code) for f in report.findings}
    assert found == {("orders.py", 15, "ACK101")}


def test_anyio_and_trio_run_start_a_loop_of_their_own_inside_the_running_one():
    check_marked('''
        import anyio
        import trio

        async def job():
            return 1

        async def nested_anyio():
            return anyio.run(job)  # ACK108

        async def nested_trio():
            return trio.run(job)  # ACK108

        async def fine():
            return await job()

        def cli() -> None:
            anyio.run(job)
            trio.run(job)

        async def offloaded():
            return await anyio.to_thread.run_sync(anyio.run, job)
    ''', ["ACK108"])


def test_an_asyncio_queue_type_whose_init_leaves_every_instance_unbounded():
    check_marked('''
        import asyncio

        class Inbox(asyncio.Queue):  # ACK501
            def __init__(self, owner: str) -> None:
                super().__init__()
                self.owner = owner

        class Capped(asyncio.Queue):
            def __init__(self, owner: str, depth: int = 64) -> None:
                super().__init__(maxsize=depth)
                self.owner = owner

        class Ring(asyncio.Queue):
            """Unbounded by asyncio, bounded by its own put: the oldest item is dropped."""

            def __init__(self, keep: int) -> None:
                super().__init__()
                self.keep = keep

            def put_nowait(self, item) -> None:
                if self.qsize() >= self.keep:
                    self.get_nowait()
                super().put_nowait(item)

        class Plain(asyncio.Queue):
            """No __init__ of its own: a size may be given wherever it is made."""

        class Local:
            def __init__(self) -> None:
                super().__init__()
                self.items = []
    ''', ["ACK501"])


def test_a_blocking_callable_handed_to_a_builtin_that_calls_it_here():
    check_marked('''
        import asyncio
        import os
        import shutil

        import requests

        def age(path):
            return os.stat(path).st_mtime

        def weight(item):
            return item.size

        async def pick(paths, urls, jobs):
            latest = max(paths, key=os.path.getmtime)  # ACK110
            jobs.sort(key=os.path.getsize)  # ACK110
            codes = [r.status_code for r in map(requests.head, urls)]  # ACK102
            oldest = min(paths, key=age)  # ACK110
            present = list(filter(os.path.isfile, paths))  # ACK110
            by_name = sorted(paths, key=os.path.basename)
            heavy = max(jobs, key=weight)
            shortest = min(paths, key=len)
            named = sorted(paths, key=lambda p: p.lower())
            pending = map(requests.head, urls)
            fetched = await asyncio.to_thread(list, map(requests.head, urls))
            ordered = await asyncio.to_thread(sorted, paths, key=os.path.getmtime)
            return latest, codes, oldest, present, by_name, heavy, shortest, named, pending, fetched, ordered

        async def shadowed(paths):
            def max(items, key):
                return items[0]
            return max(paths, key=shutil.disk_usage)

        def offline(paths):
            return max(paths, key=os.path.getmtime)
    ''', ["ACK102", "ACK110"])
