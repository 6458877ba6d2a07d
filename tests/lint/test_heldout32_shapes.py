"""Shapes found missing on the thirty-second held-out set: each flagged shape beside look-alikes that stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_a_thread_that_loops_over_a_stream_fills_an_unbounded_queue_without_end():
    # the reader thread iterates what it was started to wait on (a device's frames, a consumer's messages): it
    # runs at the device's pace, not the consumer's, so the queue it fills has no bound on what it holds
    check_marked('''
        import asyncio
        import threading
        from concurrent.futures import ThreadPoolExecutor

        class FrameReader:
            def __init__(self, camera):
                self.camera = camera
                self.frames: asyncio.Queue = asyncio.Queue()  # ACK501

            def _read(self) -> None:
                for frame in self.camera.frames():
                    self.frames.put_nowait(frame)

            def start(self) -> None:
                threading.Thread(target=self._read, daemon=True).start()

        class SafeFrameReader:
            def __init__(self, camera, loop):
                self.camera = camera
                self.loop = loop
                self.frames: asyncio.Queue = asyncio.Queue()  # ACK501

            def _read(self) -> None:
                for frame in self.camera.frames():
                    self.loop.call_soon_threadsafe(self.frames.put_nowait, frame)

            async def start(self) -> None:
                await asyncio.to_thread(self._read)

        async def follow(consumer, handle) -> None:
            loop = asyncio.get_running_loop()
            inbox: asyncio.Queue = asyncio.Queue()  # ACK501

            def poll() -> None:
                for message in consumer.poll_forever():
                    loop.call_soon_threadsafe(inbox.put_nowait, message)

            with ThreadPoolExecutor(1) as pool:
                loop.run_in_executor(pool, poll)
                while True:
                    await handle(await inbox.get())
    ''', ["ACK501"])


def test_a_thread_that_loops_over_what_it_already_holds_is_bounded_by_it():
    check_marked('''
        import asyncio
        import os
        import threading

        class Scanner:
            def __init__(self, root, loop):
                self.root = root
                self.loop = loop
                self.names = ["a", "b"]
                self.seen = {}
                self.found: asyncio.Queue = asyncio.Queue()

            def _scan(self) -> None:
                for name in os.listdir(self.root):
                    self.loop.call_soon_threadsafe(self.found.put_nowait, name)
                for name in self.names:
                    self.loop.call_soon_threadsafe(self.found.put_nowait, name)
                for key, value in self.seen.items():
                    self.loop.call_soon_threadsafe(self.found.put_nowait, (key, value))

            def start(self) -> None:
                threading.Thread(target=self._scan).start()

        class BoundedReader:
            def __init__(self, camera, loop):
                self.camera = camera
                self.loop = loop
                self.frames: asyncio.Queue = asyncio.Queue(maxsize=64)

            def _read(self) -> None:
                for frame in self.camera.frames():
                    asyncio.run_coroutine_threadsafe(self.frames.put(frame), self.loop).result()

            def start(self) -> None:
                threading.Thread(target=self._read).start()

        class Snapshot:
            def __init__(self, camera):
                self.camera = camera
                self.frames: asyncio.Queue = asyncio.Queue()

            def load(self) -> None:
                # a sync method nothing runs on a thread: a `for` over a call stays a bounded batch
                for frame in self.camera.frames():
                    self.frames.put_nowait(frame)
    ''', ["ACK501"])


def test_a_protocol_that_starts_a_task_per_datagram_spawns_without_bound():
    # the transport calls datagram_received/data_received for each packet or chunk: a task per call is one task
    # per packet, started at the sender's pace however slowly they finish (ACK502 is opt-in)
    check_marked('''
        import asyncio

        class Echo(asyncio.DatagramProtocol):
            def __init__(self, handler):
                self.handler = handler
                self.inflight: set = set()

            def connection_made(self, transport):
                self.transport = transport

            def datagram_received(self, data, addr):
                task = asyncio.get_running_loop().create_task(self.handler(data, addr))  # ACK502
                self.inflight.add(task)
                task.add_done_callback(self.inflight.discard)

        class Lines(asyncio.Protocol):
            def __init__(self, handle):
                self.handle = handle
                self.tasks: set = set()
                self.buf = b""

            def data_received(self, data):
                self.buf += data
                *lines, self.buf = self.buf.split(b"\\n")
                for line in lines:
                    self.tasks.add(asyncio.ensure_future(self.handle(line)))  # ACK502

        class Frames(asyncio.Protocol):
            def __init__(self, parser):
                self.parser = parser
                self.tasks: set = set()

            def data_received(self, data):
                events = self.parser.feed(data)
                if len(events) > 0:  # whether there is work, not a cap on it
                    self.tasks.add(asyncio.create_task(self.process(events)))  # ACK502

            async def process(self, events):
                for event in events:
                    await event.handle()
    ''', ["ACK502"])


def test_a_protocol_with_one_task_in_flight_or_a_cap_is_bounded():
    check_marked('''
        import asyncio

        LIMIT = 64

        class Flusher(asyncio.Protocol):
            def __init__(self, sink):
                self.sink = sink
                self.pending = bytearray()
                self._flush = None

            def data_received(self, data):
                self.pending += data
                if self._flush is None or self._flush.done():
                    self._flush = asyncio.ensure_future(self.sink(bytes(self.pending)))

        class Capped(asyncio.DatagramProtocol):
            def __init__(self, handler):
                self.handler = handler
                self.inflight: set = set()

            def connection_made(self, transport):
                self.transport = transport
                self.ticker = asyncio.get_running_loop().create_task(self.tick())

            async def tick(self):
                await asyncio.sleep(1)

            def datagram_received(self, data, addr):
                if len(self.inflight) >= LIMIT:
                    return
                task = asyncio.get_running_loop().create_task(self.handler(data, addr))
                self.inflight.add(task)
                task.add_done_callback(self.inflight.discard)

        class Paused(asyncio.Protocol):
            def __init__(self, handler):
                self.handler = handler
                self.inflight: set = set()

            def connection_made(self, transport):
                self.transport = transport

            def data_received(self, data):
                task = asyncio.ensure_future(self.handler(data))
                self.inflight.add(task)
                task.add_done_callback(self.inflight.discard)
                if len(self.inflight) > 8:
                    self.transport.pause_reading()

        class Queued(asyncio.Protocol):
            def __init__(self):
                self.inbox: asyncio.Queue = asyncio.Queue(maxsize=100)

            def data_received(self, data):
                self.inbox.put_nowait(data)

        class NotAProtocol:
            def __init__(self, handler):
                self.handler = handler
                self.tasks: set = set()

            async def data_received(self, data):
                await self.handler(data)
    ''', ["ACK502"])
