"""Shapes found by linting real asyncio applications (voice-agent pipelines, browser automation, web crawlers,
backend clients): each look-alike must stay quiet, beside the close case that must still be flagged."""
from __future__ import annotations

import textwrap

from asynccheck.lint import lint_source
from tests.lint.helpers import ALL, check_marked

QUEUES = ["ACK501"]


def test_a_frontier_one_function_fills_and_drains_itself_is_told_to_cap_it_not_to_bound_the_queue():
    # a best-first walk keeps its frontier in a priority queue it makes, takes from and feeds itself: it grows
    # with the crawl, so it is reported, but one task is both ends, so a maxsize would only leave it waiting on
    # its own put: the advice is a cap on what it queues
    source = textwrap.dedent(
        """
        import asyncio


        async def walk(start, expand):
            frontier = asyncio.PriorityQueue()
            await frontier.put((0, start))
            seen = {start}
            while not frontier.empty():
                cost, node = await frontier.get()
                async for step, nxt in expand(node):
                    if nxt not in seen:
                        seen.add(nxt)
                        frontier.put_nowait((cost + step, nxt))
            return seen
        """
    )
    found = [f for f in lint_source(source, "example.py", ALL).findings if f.code == "ACK501"]
    assert [f.line for f in found] == [6]
    assert "waiting on its own put" in found[0].message and "maxsize=N" not in found[0].message


def test_a_frontier_shared_with_worker_tasks_keeps_the_backpressure_advice():
    # the same walk with workers as closures, or with a helper task handed the queue: producer and consumer
    # are different tasks again, the queue is a channel between them, and a maxsize does slow the producer
    source = (
        """
        import asyncio


        async def crawl(start, fetch, n):
            pending = asyncio.Queue()  # ACK501
            pending.put_nowait(start)

            async def worker():
                while True:
                    url = await pending.get()
                    for link in await fetch(url):
                        pending.put_nowait(link)
                    pending.task_done()

            workers = [asyncio.create_task(worker()) for _ in range(n)]
            await pending.join()
            for w in workers:
                w.cancel()


        async def feed(queue, source):
            async for item in source:
                await queue.put(item)


        async def relay(source, sink):
            buffered = asyncio.Queue()  # ACK501
            asyncio.create_task(feed(buffered, source))
            while True:
                await sink(await buffered.get())


        async def tail(stream, handle):
            lines = asyncio.Queue()  # ACK501

            def on_line(line):
                lines.put_nowait(line)

            stream.subscribe(on_line)
            while True:
                await handle(await lines.get())
        """
    )
    check_marked(source, QUEUES)
    found = [f for f in lint_source(textwrap.dedent(source), "example.py", ALL).findings if f.code == "ACK501"]
    assert len(found) == 3 and all("maxsize=N" in f.message for f in found)


BLOCKING = ["ACK103"]


def test_a_cache_keyed_only_by_the_process_environment_is_computed_once():
    # a TLS context cached per trust setting, and every caller passes the environment's setting: the key is
    # the same on every call, so the CA bundle is parsed on the first call of the process only
    check_marked(
        """
        import functools
        import os
        import ssl


        @functools.lru_cache(maxsize=None)
        def _trust_for(bundle, folder):
            return ssl.create_default_context(cafile=bundle, capath=folder)


        def tls():
            return _trust_for(os.environ.get("TRUST_BUNDLE"), os.getenv("TRUST_DIR", None))


        async def connect(open_connection, host):
            return await open_connection(host, 443, ssl=tls())
        """,
        BLOCKING,
    )


def test_a_cache_keyed_by_what_varies_still_blocks_on_each_new_key():
    # keyed by a caller's path, by a public function's arguments (callers elsewhere pass anything), or handed
    # on as a value, the body runs again for every new key: still reported
    check_marked(
        """
        import functools
        import os


        @functools.cache
        def _template(path):
            with open(path) as f:
                return f.read()


        @functools.cache
        def settings_file(path):
            with open(path) as f:
                return f.read()


        @functools.cache
        def _profile(name):
            with open(name) as f:
                return f.read()


        def loaders():
            return [_profile]


        async def render(request):
            page = _template(request.path)  # ACK103
            base = settings_file(os.environ.get("SETTINGS"))  # ACK103
            return page, base


        async def load_profile(name):
            return _profile(os.environ["PROFILE"])  # ACK103
        """,
        BLOCKING,
    )


SPAWNS = ["ACK502"]


def test_a_loop_that_fills_the_slots_left_under_a_cap_is_bounded():
    # a dispatcher tops its running tasks up to a limit: it counts the free slots (limit minus what runs) and
    # starts one task per slot, so no more than the limit ever run at once
    check_marked(
        """
        import asyncio


        class Dispatcher:
            def __init__(self, limit):
                self.limit = limit

            async def run(self, jobs: asyncio.Queue, work):
                running = []
                while running or not jobs.empty():
                    free = self.limit - len(running)
                    while free > 0 and not jobs.empty():
                        running.append(asyncio.create_task(work(jobs.get_nowait())))
                        free -= 1
                    done, pending = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                    running = list(pending)
        """,
        SPAWNS,
    )


def test_a_countdown_over_a_batch_or_a_stream_still_spawns_without_bound():
    # counting down the size of a batch (or nothing at all) bounds nothing on what runs at once
    check_marked(
        """
        import asyncio


        async def fan_out(batch, work):
            left = len(batch)
            while left > 0:
                asyncio.create_task(work(batch[left - 1]))  # ACK502
                left -= 1


        async def serve(inbox, handle):
            while True:
                asyncio.create_task(handle(await inbox.get()))  # ACK502
        """,
        SPAWNS,
    )


def test_a_method_that_drains_the_queue_and_puts_the_same_items_back_adds_nothing():
    # a scheduler re-ranks its waiting jobs now and then: it takes them all out into a list, re-scores them
    # and puts them back; however often it runs, the queue holds what it held before
    check_marked(
        """
        import asyncio
        import time


        class Scheduler:
            def __init__(self):
                self._waiting = asyncio.PriorityQueue()

            async def _rerank(self):
                taken = []
                while not self._waiting.empty():
                    rank, job, since = self._waiting.get_nowait()
                    taken.append((rank - (time.time() - since), job, since))
                for entry in taken:
                    await self._waiting.put(entry)

            async def run(self, work):
                while True:
                    await self._rerank()
                    rank, job, since = await self._waiting.get()
                    await work(job)
        """,
        QUEUES,
    )


def test_a_method_that_puts_a_list_filled_from_elsewhere_still_grows_the_queue():
    # the same loop, but the list put back also holds what a fetch brought in (or only that): it grows
    check_marked(
        """
        import asyncio


        class Spider:
            def __init__(self):
                self._todo = asyncio.Queue()  # ACK501
                self._later = asyncio.Queue()  # ACK501

            async def _refill(self, fetch):
                batch = []
                while not self._todo.empty():
                    batch.append(self._todo.get_nowait())
                batch.extend(await fetch())
                for url in batch:
                    await self._todo.put(url)

            async def _queue_found(self, fetch):
                found = []
                for page in await fetch():
                    found.append(page)
                for url in found:
                    await self._later.put(url)

            async def run(self, fetch, work):
                while True:
                    await self._refill(fetch)
                    await self._queue_found(fetch)
                    await work(await self._todo.get(), await self._later.get())
        """,
        QUEUES,
    )
