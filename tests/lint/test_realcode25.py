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
