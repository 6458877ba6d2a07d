"""Unannotated instance attributes: what a class's own methods assign to `self._loop` (in `__init__` or another
method, through `loop or asyncio.get_event_loop()`, an Optional loop parameter) is what `self._loop` and a
property returning it are, in the class, its subclasses and on its instances, in this module or another. What no
method says stays unknown, so `x.loop.create_task(...)` is a dropped task only where `x.loop` is known to be a loop."""
from __future__ import annotations

from .helpers import check_marked
from .test_types_project import expected, found, write

CODES = ["ACK302"]

ONE_MODULE = '''
    import asyncio
    from typing import Optional

    class Client:
        def __init__(self, loop: Optional[asyncio.AbstractEventLoop] = None, other=None):
            self._loop = loop or asyncio.get_event_loop()
            self._other = other
            self._runner = None

        @property
        def loop(self):
            return self._loop

        def spawn(self, coro):
            self._loop.create_task(coro)  # ACK302
            self._other.create_task(coro)  # a parameter nothing says anything about

        def start(self, coro):
            self._runner = self.loop.create_task(coro)  # kept: not dropped

    class Lazy:
        def __init__(self, loop: "asyncio.AbstractEventLoop | None" = None):
            self._loop = loop
            self._pending = None

        async def connect(self):
            self._loop = asyncio.get_running_loop()

        def spawn(self, coro):
            self._loop.create_task(coro)  # ACK302
            self._pending.create_task(coro)  # only ever None

    class Scheduler:
        def __init__(self, scheduler):
            self._loop = scheduler  # named like a loop, but what is it?

        def spawn(self, coro):
            self._loop.create_task(coro)

    def use(client: Client, lazy: Lazy, scheduler: Scheduler, coro):
        client.loop.create_task(coro)  # ACK302
        Client().loop.create_task(coro)  # ACK302
        lazy._loop.create_task(coro)  # ACK302
        scheduler._loop.create_task(coro)
'''

PROJECT = {
    "app/__init__.py": "",
    "app/loops.py": '''
        import asyncio
        from typing import Optional

        class Client:
            def __init__(self, loop: Optional[asyncio.AbstractEventLoop] = None, other=None):
                self._loop = loop or asyncio.get_event_loop()
                self._other = other

            @property
            def loop(self):
                return self._loop

            @property
            def other(self):
                return self._other

        class Lazy:
            def __init__(self):
                self._loop = None

            async def connect(self):
                self._loop = asyncio.get_running_loop()
    ''',
    "app/spawn.py": '''
        from .loops import Client, Lazy

        class Event:
            def __init__(self, client: Client, lazy: Lazy):
                self._client = client
                self._lazy = lazy

            def respond(self, coro):
                self._client.loop.create_task(coro)  # ACK302 (a property returning what __init__ assigned)
                self._lazy._loop.create_task(coro)  # ACK302 (assigned in another method)
                self._client.other.create_task(coro)  # nothing says what `other` is

        class Sub(Client):
            def go(self, coro):
                self._loop.create_task(coro)  # ACK302
                self.other.create_task(coro)
    ''',
}


def test_attributes_assigned_in_methods():
    check_marked(ONE_MODULE, CODES)


def test_attributes_of_another_modules_class(tmp_path):
    write(tmp_path, PROJECT)
    assert {f for f in found([tmp_path], tmp_path, use_cache=False) if f[2] in CODES} == expected(PROJECT)
