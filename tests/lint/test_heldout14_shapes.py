"""Shapes found wrong on a fourteenth held-out set of realistic typed cases: each shape beside the look-alikes
that must keep their answer."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_a_loop_paced_by_a_sleep_starts_one_task_per_tick_not_one_per_item():
    check_marked('''
        import asyncio
        import threading
        import time
        from time import sleep as nap

        class Refresher:
            def __init__(self, loop: asyncio.AbstractEventLoop, interval: float) -> None:
                self.loop = loop
                self.interval = interval
                self.kept: set = set()

            async def refresh(self) -> None: ...

            async def tick_forever(self) -> None:
                while True:
                    await asyncio.sleep(self.interval)
                    t = asyncio.create_task(self.refresh())  # at most one start per interval
                    self.kept.add(t)
                    t.add_done_callback(self.kept.discard)

            def _thread_ticker(self) -> None:
                while True:
                    nap(2.5)
                    asyncio.run_coroutine_threadsafe(self.refresh(), self.loop)

            def start(self) -> None:
                threading.Thread(target=self._thread_ticker, daemon=True).start()

            async def only_yields(self, stream) -> None:
                while True:
                    await asyncio.sleep(0)  # yields to the loop, does not pace it
                    t = asyncio.create_task(self.refresh())  # ACK502
                    self.kept.add(t)
                    t.add_done_callback(self.kept.discard)

            async def sleeps_only_on_error(self, inbox) -> None:
                while True:
                    msg = await inbox.get()
                    if msg is None:
                        await asyncio.sleep(1)
                        continue
                    t = asyncio.create_task(self.refresh())  # ACK502
                    self.kept.add(t)
                    t.add_done_callback(self.kept.discard)

        async def per_message(sub, handle) -> None:
            kept = set()
            async for msg in sub:
                time.perf_counter()
                t = asyncio.create_task(handle(msg))  # ACK502
                kept.add(t)
                t.add_done_callback(kept.discard)
    ''', ["ACK502"])


def test_a_value_cast_to_a_blocking_client_type_is_that_client():
    check_marked('''
        import asyncio
        import typing
        from typing import cast

        import httpx
        import requests

        async def from_registry(registry: dict, url: str) -> int:
            session = cast(requests.Session, registry["http"])
            return session.get(url).status_code  # ACK102

        async def cast_in_place(obj: object, url: str) -> str:
            return typing.cast("requests.Session", obj).get(url).text  # ACK102

        async def cast_to_async_client(obj: object, url: str) -> int:
            client = cast(httpx.AsyncClient, obj)
            return (await client.get(url)).status_code

        async def cast_to_something_unknown(obj: object, url: str) -> int:
            return cast("Fetcher", obj).get(url)

        async def cast_then_offloaded(obj: object, url: str) -> int:
            session = cast(requests.Session, obj)
            return (await asyncio.to_thread(session.get, url)).status_code

        def cast_in_sync_code(obj: object, url: str) -> int:
            return cast(requests.Session, obj).get(url).status_code
    ''', BLOCKING)


def test_a_value_cast_to_an_async_client_makes_coroutines():
    check_marked('''
        from typing import cast

        import httpx

        async def close(holder: dict) -> None:
            cast(httpx.AsyncClient, holder["client"]).aclose()  # ACK301

        async def close_awaited(holder: dict) -> None:
            await cast(httpx.AsyncClient, holder["client"]).aclose()
    ''', ["ACK301"])
