"""Shapes found wrong or overclaimed on real async applications (realcode38): each beside the real anti-pattern
of its kind, which is still reported as before."""
from __future__ import annotations

from .helpers import check_marked

QUEUES = ["ACK501"]


def test_a_queue_that_coalesces_repeats_per_pending_key_is_not_an_open_ended_producer():
    # A thumbnail renderer queues each visible tile for rendering. The handler runs on every scroll, but it puts a
    # tile only when the tile is not already waiting (`if tile.key in self._waiting: return`, or a `.get()` of the
    # priority it waits at), records it there, and the worker forgets the key when it takes the tile: the queue
    # holds one entry per tile waiting, however often the handler runs. The same without the worker forgetting
    # (a "seen" filter over a stream: every new message id is queued for good), and without the guard, grow with
    # the stream and are still reported.
    source = '''
        import asyncio


        class TileRenderer:
            def __init__(self):
                self._tiles = asyncio.PriorityQueue()
                self._waiting = {}

            def on_scroll(self, visible):
                for tile in visible:
                    self._want(tile, priority=1)

            def _want(self, tile, priority):
                waiting_at = self._waiting.get(tile.key)
                if waiting_at is not None and waiting_at <= priority:
                    return
                self._waiting[tile.key] = priority
                self._tiles.put_nowait((priority, tile))

            async def worker(self):
                while True:
                    priority, tile = await self._tiles.get()
                    if self._waiting.get(tile.key) != priority:
                        continue
                    del self._waiting[tile.key]
                    await tile.render()


        class Refresher:
            def __init__(self):
                self._due = asyncio.Queue()
                self._pending = set()

            def on_change(self, path):
                if path not in self._pending:
                    self._pending.add(path)
                    self._due.put_nowait(path)

            async def run(self):
                while True:
                    path = await self._due.get()
                    self._pending.discard(path)
                    await self.reload(path)

            async def reload(self, path):
                await asyncio.sleep(0)


        class Relay:
            def __init__(self):
                self._out = asyncio.Queue()  # ACK501
                self._seen = set()

            def on_message(self, message):
                if message.id in self._seen:
                    return
                self._seen.add(message.id)
                self._out.put_nowait(message)

            async def run(self, sink):
                while True:
                    await sink.send(await self._out.get())


        class Feed:
            def __init__(self):
                self._items = asyncio.Queue()  # ACK501
                self._waiting = set()

            def on_message(self, message):
                self._waiting.add(message.id)
                self._items.put_nowait(message)

            async def run(self, sink):
                while True:
                    message = await self._items.get()
                    self._waiting.discard(message.id)
                    await sink.send(message)
    '''
    check_marked(source, QUEUES)


_SCHEDULER = '''
    import heapq
    import inspect


    def _steps(gen):
        sent = None
        while True:
            try:
                value = gen.send(sent)
            except StopIteration as done:
                return done.value
            sent = yield from value.__await__() if hasattr(value, "__await__") else value


    class JobRunner:
        """Runs generator jobs in priority order, one step at a time: no event loop."""

        def __init__(self):
            self._jobs = []

        def add(self, func, *args):
            if inspect.iscoroutinefunction(func):
                gen = func(*args).__await__()
            else:
                gen = _steps(func(*args))
            heapq.heappush(self._jobs, (getattr(func, "order", 0), len(self._jobs), gen))

        def run_all(self):
            while self._jobs:
                _, _, gen = heapq.heappop(self._jobs)
                try:
                    next(gen)
                except StopIteration:
                    continue
'''


def test_coroutines_of_a_project_whose_own_scheduler_runs_them_without_a_loop_are_not_on_a_loop(tmp_path):
    # A firmware generator writes its build steps as `async def emit(config)` jobs that a scheduler module of its
    # own runs with no event loop (`func(*args).__await__()`, stepped under `except StopIteration`): reading the
    # user's files there blocks no loop. Its web dashboard, a module that imports asyncio, does run on a loop and is
    # still reported; so is the same step module in a project without such a scheduler, and one beside an awaitable
    # class whose `__await__` hands on another awaitable's iterator (no scheduler).
    from .helpers import project_findings

    step = '''
        from pathlib import Path


        async def emit(config):
            with Path(config["logo"]).open("rb") as f:
                return f.read()
    '''
    dashboard = '''
        import asyncio
        from pathlib import Path


        async def serve(path):
            await asyncio.sleep(0)
            return Path(path).read_text()
    '''
    found = project_findings(tmp_path / "gen", {
        "forge/__init__.py": "", "forge/jobs.py": _SCHEDULER, "forge/parts/__init__.py": "",
        "forge/parts/logo.py": step,
        "forge/dashboard.py": dashboard}, ["ACK103"])
    assert found == {("forge/dashboard.py", 7, "ACK103")}

    awaitable = '''
        class Reply:
            def __init__(self, waiter):
                self._waiter = waiter

            def __await__(self):
                return self._waiter.wait().__await__()
    '''
    found = project_findings(tmp_path / "plain", {
        "forge/__init__.py": "", "forge/replies.py": awaitable, "forge/parts/__init__.py": "",
        "forge/parts/logo.py": step}, ["ACK103"])
    assert found == {("forge/parts/logo.py", 5, "ACK103"), ("forge/parts/logo.py", 6, "ACK103")}
