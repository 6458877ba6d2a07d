"""A class that is a queue type of its own (its `put`/`get`/`qsize` hand on to the asyncio queue it makes with the
maxsize its constructor takes, as sqlalchemy's AsyncAdaptedQueue does for the pool's free list) is not reported for
its own default, as asyncio.Queue's is not: its users set the bound. Made in the same module with the default, it is
judged as before; a class that merely keeps a queue (no queue methods of its own) keeps the maker policy."""
from __future__ import annotations

from .helpers import check_marked

CODES = ["ACK501"]

FACADE = '''
    import asyncio

    class AdaptedQueue:
        def __init__(self, maxsize: int = 0, use_lifo: bool = False):
            self.maxsize = maxsize
            self.use_lifo = use_lifo
            self._made = None

        @property
        def _queue(self) -> asyncio.Queue:
            if self._made is None:
                if self.use_lifo:
                    self._made = asyncio.LifoQueue(maxsize=self.maxsize)
                else:
                    self._made = asyncio.Queue(maxsize=self.maxsize)
            return self._made

        def qsize(self) -> int:
            return self._queue.qsize()

        def put_nowait(self, item) -> None:
            self._queue.put_nowait(item)

        def get_nowait(self):
            return self._queue.get_nowait()

    class DirectQueue:
        def __init__(self, maxsize=0):
            self._q = asyncio.Queue(maxsize)

        def empty(self) -> bool:
            return self._q.empty()

        async def put(self, item) -> None:
            await self._q.put(item)

        async def get(self):
            return await self._q.get()
'''


def test_facades_leave_the_bound_to_their_users():
    check_marked(FACADE, CODES)


def test_facade_made_here_with_its_default_is_judged():
    check_marked(FACADE.replace(
        "            self._q = asyncio.Queue(maxsize)\n",
        "            self._q = asyncio.Queue(maxsize)  # ACK501\n",
    ) + '''
    INBOX = DirectQueue()

    def on_message(m):
        INBOX._q.put_nowait(m)
    ''', CODES)


def test_facade_made_here_with_a_size_stays_quiet():
    check_marked(FACADE + '''
    POOL = AdaptedQueue(5)
    ''', CODES)


def test_a_class_that_keeps_a_queue_is_no_facade():
    check_marked('''
        import asyncio

        class Wrapper:
            def __init__(self, maxsize: int = 0):
                self._q = asyncio.Queue(maxsize)  # ACK501

            async def pump(self, src):
                async for m in src:
                    await self._q.put(m)

            def qsize(self):
                return self._q.qsize()
    ''', CODES)
