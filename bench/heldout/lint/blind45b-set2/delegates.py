"""Readers and pipelines that delegate to each other across a thread boundary."""
from __future__ import annotations

import asyncio
import threading


class LineReader:  # expect: thread-unsafe-capture
    def __init__(self, stream, out: asyncio.Queue):
        self.stream = stream
        self.out = out

    def run(self) -> None:
        for line in self.stream:
            self.out.put_nowait(line)


class ReaderHost:  # expect: clean
    def __init__(self, stream, out: asyncio.Queue):
        self.reader = LineReader(stream, out)

    def start(self) -> threading.Thread:
        t = threading.Thread(target=self.reader.run, daemon=True)
        t.start()
        return t


class Pipeline:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, out: asyncio.Queue):
        self.out = out
        self.buffer: list = []

    def run(self) -> None:
        while self.buffer:
            self.out.put_nowait(self.buffer.pop(0))

    async def tick(self, items: list) -> None:
        self.buffer.extend(items)
        self.run()
        await asyncio.sleep(0)


class Notifier(threading.Thread):  # expect: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, on_change, source):
        super().__init__(daemon=True)
        self.loop = loop
        self.on_change = on_change
        self.source = source

    def run(self) -> None:
        for change in self.source.watch():
            self.loop.call_soon(self.on_change, change)


class NotifierSafe(threading.Thread):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, on_change, source):
        super().__init__(daemon=True)
        self.loop = loop
        self.on_change = on_change
        self.source = source

    def run(self) -> None:
        for change in self.source.watch():
            self.loop.call_soon_threadsafe(self.on_change, change)


class PrivateLoopThread(threading.Thread):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, fetch_all, urls: list[str]):
        super().__init__(daemon=True)
        self.fetch_all = fetch_all
        self.urls = urls
        self.results: list = []

    def run(self) -> None:
        loop = asyncio.new_event_loop()
        try:
            done = asyncio.Event()
            self.results = loop.run_until_complete(self.fetch_all(self.urls, done))
        finally:
            loop.close()
