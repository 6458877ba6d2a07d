"""Shapes found overclaimed on real protocol libraries (realcode26): each beside the real anti-pattern of its
kind, which is still reported."""
from __future__ import annotations

import textwrap

from asynccheck.lint import lint_source

from .helpers import ALL, check_marked


def test_ensure_future_of_an_executor_future_starts_no_task():
    # handed a future, `ensure_future` returns it unchanged: no task is made, and the executor's job holds the
    # future until it completes it. A coroutine handed to it (`to_thread`, a project's own coroutine method that
    # shares the executor method's name) is wrapped in a new task, which is dropped
    check_marked('''
        import asyncio
        import concurrent.futures

        def save(path, data):
            with open(path, "w") as f:
                f.write(data)

        class Store:
            def __init__(self, loop: asyncio.AbstractEventLoop, pool: concurrent.futures.Executor):
                self._loop = loop
                self._pool = pool

            def keep(self, path, data):
                asyncio.ensure_future(asyncio.get_event_loop().run_in_executor(None, save, path, data))

            def keep_on_own_loop(self, path, data):
                asyncio.ensure_future(self._loop.run_in_executor(self._pool, save, path, data))

            def keep_wrapped(self, path, data):
                asyncio.ensure_future(asyncio.wrap_future(self._pool.submit(save, path, data)))

            def keep_in_thread(self, path, data):
                asyncio.ensure_future(asyncio.to_thread(save, path, data))  # ACK302

        class Offloader:
            async def run_in_executor(self, func, *args):
                return func(*args)

            def go(self, path, data):
                asyncio.ensure_future(self.run_in_executor(save, path, data))  # ACK302
    ''', ["ACK302"])


def test_a_context_manager_exit_that_swallows_returns_to_its_async_with():
    # `__aexit__` is awaited by the `async with` leaving its block, never run as a task's own function: swallowing
    # there lets the code after the block carry on (ACK601), it does not end a task (ACK602). A task's own
    # function that swallows and ends is still ACK602, and a function merely named like the method is not a method
    source = '''
        import asyncio

        class Session:
            async def close(self):
                await asyncio.sleep(0.1)

            async def __aenter__(self):
                return self

            async def __aexit__(self, exc_type, exc, tb):
                try:
                    await asyncio.wait_for(self.close(), timeout=5)
                except:  # ACK601
                    pass

        class Feed:
            def __init__(self, source):
                self._source = source

            def __aiter__(self):
                return self

            async def __anext__(self):
                try:
                    return await self._source.get()
                except asyncio.CancelledError:  # ACK601
                    pass

        async def __aexit__(conn):
            try:
                await conn.close()
            except asyncio.CancelledError:  # ACK602
                pass

        class Pump:
            async def pump(self, queue, sink):
                try:
                    while True:
                        await sink.send(await queue.get())
                except asyncio.CancelledError:  # ACK602
                    pass

            def start(self, queue, sink):
                self.task = asyncio.get_running_loop().create_task(self.pump(queue, sink))

            async def join(self):  # awaits it with nobody's cancel first: swallowing costs its caller
                await self.task
    '''
    check_marked(source, ["ACK601", "ACK602"])
    source = textwrap.dedent(source)
    line = next(number for number, text in enumerate(source.splitlines(), 1) if text.strip() == "except:  # ACK601")
    exits = [f.message for f in lint_source(source, "example.py", ALL).findings if f.line == line]
    assert len(exits) == 1 and "the code after the block carries on" in exits[0], exits
