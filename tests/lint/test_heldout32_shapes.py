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
