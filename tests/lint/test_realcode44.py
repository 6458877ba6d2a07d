"""Shapes found false or overclaimed on real async applications (realcode44): each beside the real
anti-pattern of its kind, which is still reported."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths

from .helpers import check_marked


def test_a_call_whose_result_is_awaited_or_async_iterated_is_the_async_flavour():
    # A helper annotated `-> grpc.Channel` that hands back a `grpc.aio` channel when asked: the stub made on it
    # looks sync, but its call is awaited later or its stream iterated with `async for`, which a sync call's
    # result cannot be. The same stub on a channel really sync still waits, awaited nowhere.
    check_marked(
        """
        import grpc
        from inventory_pb2_grpc import InventoryStub


        def open_channel(address, use_asyncio=False) -> grpc.Channel:
            if use_asyncio:
                return grpc.aio.insecure_channel(address)
            return grpc.insecure_channel(address)


        async def is_ready(address):
            async with open_channel(address, use_asyncio=True) as channel:
                stub = InventoryStub(channel)
                pending = stub.Ping(None, timeout=2)
                trailer = await pending.trailing_metadata()
                return await pending, trailer


        async def follow(address):
            async with open_channel(address, use_asyncio=True) as channel:
                stub = InventoryStub(channel)
                async for change in stub.Changes(None):
                    print(change)


        async def count(address):
            channel = grpc.insecure_channel(address)
            stub = InventoryStub(channel)
            reply = stub.Count(None)  # ACK105
            for change in stub.Changes(None):  # ACK105
                print(change)
            return reply
        """,
        ["ACK105"],
    )


def test_a_factory_that_runs_its_coroutine_in_a_catching_wrapper_loses_no_error(tmp_path):
    # `spawn_logged(coro)` starts `logged(coro)`, which catches every error but cancellation: a caller that drops
    # the task loses the reference (still ACK302) but not an exception, in its module and in another one. A plain
    # factory's dropped task still loses both.
    files = {
        "app/__init__.py": "",
        "app/spawning.py": """
            import asyncio
            import logging


            async def logged(coro):
                try:
                    return await coro
                except asyncio.CancelledError:
                    raise
                except Exception:
                    logging.getLogger(__name__).exception("background work failed")


            def spawn_logged(coro):
                return asyncio.ensure_future(logged(coro))


            def spawn(coro):
                return asyncio.ensure_future(coro)


            async def refresh():
                await asyncio.sleep(1)


            def on_click():
                spawn_logged(refresh())
                spawn(refresh())
            """,
        "app/keys.py": """
            from app.spawning import refresh, spawn, spawn_logged


            def on_key():
                spawn_logged(refresh())
                spawn(refresh())
            """,
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    report = lint_paths([tmp_path], Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False)
    found = {(Path(f.path).relative_to(tmp_path).as_posix(), f.line, "unseen" in f.message,
              "retrieves its exception" in f.message) for f in report.findings if f.code == "ACK302"}
    assert found == {
        ("app/spawning.py", 27, True, False), ("app/spawning.py", 28, False, True),
        ("app/keys.py", 5, True, False), ("app/keys.py", 6, False, True),
    }


def test_the_length_of_a_queues_own_deque_is_a_size_check():
    # `len(q._queue)` (directly, or through a local bound to the deque) is `q.qsize()` read another way: a
    # buffer whose callers wait while that size passes a cap applies backpressure. Shown in a reply only, it
    # slows nobody down.
    check_marked(
        """
        import asyncio
        from typing import cast


        class ProducerBuffer:
            max_messages = 100

            def __init__(self, threaded=None):
                self.pending = asyncio.Queue()
                self.threaded = threaded

            def put(self, item):
                self.pending.put_nowait(item)

            @property
            def size(self):
                if self.threaded is not None:
                    items = self.threaded.queue._queue
                else:
                    items = self.pending._queue
                items = cast(list, items)
                return len(items)

            async def wait_until_ebb(self):
                while self.size > self.max_messages:
                    await asyncio.sleep(0.1)


        class Outbox:
            def __init__(self):
                self.waiting = asyncio.Queue()

            async def send(self, item):
                while len(self.waiting._queue) >= 1000:
                    await asyncio.sleep(0.01)
                self.waiting.put_nowait(item)


        class Mailbox:
            def __init__(self):
                self.pending = asyncio.Queue()  # ACK501

            def put(self, item):
                self.pending.put_nowait(item)

            def stats(self):
                return {"queued": len(self.pending._queue)}
        """,
        ["ACK501"],
    )
