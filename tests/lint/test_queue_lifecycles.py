"""ACK501 on queues that connection state changes fill (a close, a failure, a reconnect), not traffic, and on a
queue `__init__` makes that a start-up hook replaces before anything is put into it."""
from __future__ import annotations

from tests.lint.helpers import check_marked

CODES = ("ACK501",)


def test_a_put_handed_to_a_worker_class_is_judged_where_the_worker_calls_it():
    # the shard calls the put only on its failure paths, each followed by leaving its read loop: at most one
    # event per shard waits at a time, however much traffic the shard reads
    check_marked('''
        import asyncio
        from typing import Callable

        class Shard:
            def __init__(self, ws, queue_put: Callable[[tuple], None]):
                self.ws = ws
                self._queue_put: Callable[[tuple], None] = queue_put

            async def _handle_disconnect(self, exc):
                if isinstance(exc, OSError):
                    self._queue_put(("resume", self, exc))
                    return
                await asyncio.sleep(1.0)
                self._queue_put(("reconnect", self, exc))

            async def worker(self):
                while True:
                    try:
                        await self.ws.poll_event()
                    except OSError as exc:
                        await self._handle_disconnect(exc)
                        break
                    except Exception as exc:
                        self._queue_put(("terminate", self, exc))
                        break

        class Client:
            def __init__(self):
                self._queue = asyncio.PriorityQueue()

            def launch(self, ws):
                Shard(ws, self._queue.put_nowait)

            async def connect(self):
                while True:
                    item = await self._queue.get()
                    print(item)

        class Reader:
            def __init__(self, ws, on_item):
                self.ws = ws
                self._on_item = on_item

            async def run(self):
                async for message in self.ws:
                    self._on_item(message)

        class Hub:
            def __init__(self):
                self._queue = asyncio.Queue()  # ACK501

            def launch(self, ws):
                Reader(ws, self._queue.put_nowait)

            async def consume(self):
                while True:
                    print(await self._queue.get())

        class Relay:
            def __init__(self):
                self._queue = asyncio.Queue()  # ACK501

            def launch(self, ws, registry):
                registry.append(self._queue.put_nowait)  # handed to code we cannot follow

            async def consume(self):
                while True:
                    print(await self._queue.get())
    ''', CODES)


def test_lifecycle_and_recovery_puts_are_not_traffic():
    check_marked('''
        import asyncio

        class Connection:
            def __init__(self):
                self._events = asyncio.Queue()

            def on_connect(self, info):
                self._events.put_nowait(("connected", info))

            def on_close(self, code):
                self._events.put_nowait(("closed", code))

            async def reconnect(self, reason):
                await asyncio.sleep(1)
                self._events.put_nowait(("reconnected", reason))

            async def _read(self, ws):
                try:
                    async for message in ws:
                        print(message)
                except ConnectionError as exc:
                    self._events.put_nowait(("failed", exc))

            async def events(self):
                while True:
                    yield await self._events.get()

        class Inbox:
            def __init__(self):
                self._errors = asyncio.Queue()  # ACK501

            def on_message(self, message):
                try:
                    print(message)
                except ValueError as exc:
                    self._errors.put_nowait(exc)  # one per bad message: traffic

            async def run(self):
                while True:
                    await self._errors.get()

        class Feed:
            def __init__(self):
                self._items = asyncio.Queue()  # ACK501

            async def reconnect(self, ws):
                async for message in ws:  # a reconnect that then reads the stream is the read loop
                    self._items.put_nowait(message)

            async def items(self):
                while True:
                    yield await self._items.get()
    ''', CODES)


def test_a_queue_replaced_by_a_startup_hook_is_judged_as_the_one_used():
    check_marked('''
        import asyncio

        class Backend:
            def __init__(self):
                self._events = asyncio.Queue()
                self._other = asyncio.Queue()
                self._channel = asyncio.Queue()

            async def on_startup(self):
                self._events = asyncio.Queue(maxsize=100)
                self._other = asyncio.Queue()  # ACK501
                self._task = asyncio.create_task(self._listen())

            async def __aenter__(self):
                self._channel = make_channel()
                return self

            async def _listen(self):
                while True:
                    await self._events.put(await read())
                    await self._other.put(await read())
                    await self._channel.put(await read())

            async def events(self):
                while True:
                    yield await self._events.get(), await self._other.get(), await self._channel.get()

        class SometimesReplaced:
            def __init__(self):
                self._events = asyncio.Queue()  # ACK501

            async def start(self, fresh):
                if fresh:
                    self._events = asyncio.Queue(maxsize=10)
                self._task = asyncio.create_task(self._listen())

            async def _listen(self):
                while True:
                    await self._events.put(await read())

            async def events(self):
                while True:
                    yield await self._events.get()

        class ReplacedElsewhere:
            def __init__(self):
                self._events = asyncio.Queue()  # ACK501

            def reset(self):  # not a start-up hook: the first queue may well be filled first
                self._events = asyncio.Queue(maxsize=10)

            async def listen(self):
                while True:
                    await self._events.put(await read())

            async def events(self):
                while True:
                    yield await self._events.get()
    ''', CODES)
