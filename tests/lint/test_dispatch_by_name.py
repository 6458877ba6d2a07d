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
