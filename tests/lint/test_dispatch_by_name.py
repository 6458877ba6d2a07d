"""A method chosen by name (`getattr(self, f"handle_{kind}")`): a coroutine when every method the prefix names is."""
from __future__ import annotations

from tests.lint.helpers import check_marked


def test_dropped_call_of_an_async_handler_chosen_by_name():
    check_marked('''
        import asyncio

        class Bot:
            async def handle_ping(self, msg):
                await asyncio.sleep(0)

            async def handle_join(self, msg):
                await asyncio.sleep(0)

            async def on_message(self, kind, msg):
                getattr(self, f"handle_{kind}")(msg)  # ACK301

            async def on_event(self, kind, msg):
                handler = getattr(self, "handle_" + kind, None)
                if handler is not None:
                    handler(msg)  # ACK301

            async def dispatched(self, kind, msg):
                await getattr(self, f"handle_{kind}")(msg)
                task = asyncio.create_task(getattr(self, f"handle_{kind}")(msg))
                await task
    ''', ("ACK301",))


def test_handlers_that_are_not_all_coroutines_or_not_named_by_a_prefix():
    check_marked('''
        import asyncio

        class Mixed:
            async def handle_ping(self, msg):
                await asyncio.sleep(0)

            def handle_stats(self, msg):
                return len(msg)

            async def on_message(self, kind, msg):
                getattr(self, f"handle_{kind}")(msg)

        class Plain:
            async def ping(self):
                await asyncio.sleep(0)

            def run(self, name: str):
                return getattr(self, name)()

            async def by_name(self, name: str):
                getattr(self, name)()
                getattr(self, f"{name}_done")()

        class Other:
            async def handle_ping(self, msg):
                await asyncio.sleep(0)

        async def on_message(bot, kind, msg):
            getattr(bot, f"handle_{kind}")(msg)
    ''', ("ACK301",))


def test_an_http_verb_chosen_at_run_time_on_a_sync_client_is_a_request():
    check_marked('''
        import asyncio

        import httpx
        import requests

        class Api:
            def __init__(self, base: str):
                self.base = base
                self.session = requests.Session()
                self.async_http = httpx.AsyncClient()

            async def call(self, method: str, path: str) -> dict:
                return getattr(self.session, method.lower())(self.base + path).json()  # ACK102

            async def call_async(self, method: str, path: str) -> dict:
                resp = await getattr(self.async_http, method.lower())(self.base + path)
                return resp.json()

            async def header(self, name: str):
                # a computed attribute read, not a call
                return getattr(self.session, name, None)

        async def dispatch(method: str, url: str) -> int:
            return getattr(requests, method.lower())(url, timeout=5).status_code  # ACK102

        async def dispatch_offloaded(method: str, url: str) -> int:
            resp = await asyncio.to_thread(getattr(requests, method.lower()), url, timeout=5)
            return resp.status_code

        def dispatch_sync(client: httpx.Client, method: str, url: str) -> int:
            return getattr(client, method)(url).status_code
    ''', ["ACK102", "ACK301"])
