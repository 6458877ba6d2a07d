"""Shapes found overclaimed on real device libraries (realcode25): each beside the real anti-pattern of its
kind, which is still reported."""
from __future__ import annotations

from .helpers import check_marked


def test_an_end_of_stream_put_in_a_done_callback_is_no_open_ended_producer():
    # a lambda given to `task.add_done_callback` runs once, when that task ends: the `None` a reader's task
    # leaves behind for its consumer is one put, not a producer that can outrun the consumer. A lambda the loop
    # calls at each readiness of a descriptor, or a put per packet beside the sentinel, still fills it without end
    check_marked('''
        import asyncio

        class Closer:
            def __init__(self, runner: asyncio.Task):
                self.queue = asyncio.Queue()
                runner.add_done_callback(lambda *_: self.queue.put_nowait(None))

            async def read(self):
                while True:
                    item = await self.queue.get()
                    if item is None:
                        return
                    yield item

        class PacketReader:
            def __init__(self, runner: asyncio.Task):
                self.queue = asyncio.Queue()  # ACK501
                runner.add_done_callback(lambda *_: self.queue.put_nowait(None))

            def datagram_received(self, data, addr):
                self.queue.put_nowait(data)

            async def read(self):
                return await self.queue.get()

        class Watcher:
            def __init__(self, loop: asyncio.AbstractEventLoop, fd: int, read):
                self.queue = asyncio.Queue()  # ACK501
                loop.add_reader(fd, lambda: self.queue.put_nowait(read(fd)))

            async def next_line(self):
                return await self.queue.get()
    ''', ["ACK501"])


def test_a_put_followed_by_a_return_runs_once_whatever_loop_encloses_it():
    # `except Exception as e: await q.put(error); return` inside `while True`: the loop never goes round again
    # after that put (the per-event put of the same loop still fills it: below)
    check_marked('''
        import asyncio

        class ErrorsOnly:
            def __init__(self, response):
                self._queue = asyncio.Queue()
                self._response = response

            async def _listen(self):
                while True:
                    try:
                        await self._response.wait()
                    except Exception as e:
                        await self._queue.put({"type": "error", "error": e})
                        return

            async def next(self):
                return await self._queue.get()
    ''', ["ACK501"])


def test_the_put_that_repeats_is_the_producer_named():
    # beside a put that then returns, the per-event put of the same loop fills the queue without end
    from asynccheck.config import Config
    from asynccheck.lint import lint_source

    source = """
import asyncio

class Events:
    def __init__(self, response):
        self._queue = asyncio.Queue()
        self._response = response

    async def _listen(self):
        while True:
            try:
                async for data in self._response.content:
                    await self._queue.put(data)
            except Exception as e:
                await self._queue.put(e)
                return
"""
    [finding] = [f for f in lint_source(source, "events.py", Config()).findings if f.code == "ACK501"]
    assert finding.line == 6
    assert "(the open-ended producer: line 13)" in finding.message, finding.message
