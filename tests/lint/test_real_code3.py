"""False-alarm shapes found by linting more real asyncio code (nextcord, temporalio, distributed, ...): each
look-alike must stay clean, beside the close case it must still flag."""
from tests.lint.helpers import check_marked


def test_a_buffer_its_consumer_refills_only_once_it_is_empty():
    # A paginating iterator: `next()` fetches one more page only when it has handed out the last one.
    check_marked(
        """
        import asyncio


        class Pages:
            def __init__(self, fetch):
                self.fetch = fetch
                self.items = asyncio.Queue()

            async def next(self):
                if self.items.empty():
                    await self._fill()
                return self.items.get_nowait()

            async def _fill(self):
                for item in await self.fetch():
                    await self.items.put(item)

            async def all(self):
                out = []
                while True:
                    out.append(await self.next())


        class EarlyExit:
            def __init__(self, fetch):
                self.fetch = fetch
                self.items = asyncio.Queue()

            async def next(self):
                if not self.items.empty():
                    return self.items.get_nowait()
                await self._fill()
                return self.items.get_nowait()

            async def _fill(self):
                for item in await self.fetch():
                    self.items.put_nowait(item)

            async def all(self):
                while True:
                    yield await self.next()


        class Unguarded:
            def __init__(self, fetch):
                self.fetch = fetch
                self.items = asyncio.Queue()  # ACK501

            async def next(self):
                if self.items.qsize_hint:
                    await self._fill()
                return self.items.get_nowait()

            async def _fill(self):
                for item in await self.fetch():
                    await self.items.put(item)

            async def all(self):
                while True:
                    yield await self.next()


        class OtherQueueChecked:
            def __init__(self, fetch):
                self.fetch = fetch
                self.items = asyncio.Queue()  # ACK501
                self.other = asyncio.Queue(10)

            async def next(self):
                if self.other.empty():
                    await self._fill()
                return self.items.get_nowait()

            async def _fill(self):
                for item in await self.fetch():
                    await self.items.put(item)

            async def all(self):
                while True:
                    yield await self.next()


        class WholeStreamOnEmpty:
            def __init__(self, stream):
                self.stream = stream
                self.items = asyncio.Queue()  # ACK501

            async def next(self):
                if self.items.empty():
                    await self._fill()
                return self.items.get_nowait()

            async def _fill(self):
                async for item in self.stream:
                    await self.items.put(item)
        """,
        ["ACK501"],
    )


def test_a_closure_scheduled_once_per_future_or_timer_is_not_an_event_handler():
    # An `as_completed` clone: each future's done callback queues it once; the timeout callback queues one
    # marker per pending future. The queue holds at most as many items as there are futures.
    # A server's per-request done callback queues one result per task: the tasks are the backlog (see
    # test_done_callback_queues.py); a callback scheduled with call_soon per event still fills it per event.
    check_marked(
        """
        import asyncio


        def as_completed(fs, timeout=None):
            done = asyncio.Queue()
            loop = asyncio.get_running_loop()
            todo = [asyncio.ensure_future(f) for f in fs]

            def _on_timeout():
                for f in todo:
                    f.remove_done_callback(_on_completion)
                    done.put_nowait(None)
                todo.clear()

            def _on_completion(f):
                todo.remove(f)
                done.put_nowait(f)

            for f in todo:
                f.add_done_callback(_on_completion)
            if timeout is not None:
                loop.call_later(timeout, _on_timeout)
            return [done.get() for _ in todo]


        class Server:
            def __init__(self):
                self.results = asyncio.Queue()

            async def handle_request(self, request):
                def on_done(task):
                    self.results.put_nowait(task.result())

                task = asyncio.ensure_future(self.serve(request))
                task.add_done_callback(on_done)

            async def serve(self, request):
                return request


        async def watch(stream):
            seen = asyncio.Queue()  # ACK501

            def on_event(event):
                seen.put_nowait(event)

            async for event in stream:
                asyncio.get_running_loop().call_soon(on_event, event)
            return seen
        """,
        ["ACK501"],
    )


def test_a_queue_get_in_a_helper_whose_every_caller_checks_the_queue_is_not_empty():
    # The consumer waits (asynchronously) until the thread-fed queue holds something, then a shared helper
    # takes the item: `get()` returns at once.
    check_marked(
        """
        import asyncio
        import queue


        class Results:
            def __init__(self):
                self.queue = queue.Queue()
                self.ready = asyncio.Event()

            def _take(self):
                item = self.queue.get()
                return item

            def __next__(self):
                while self.queue.empty():
                    pass
                return self._take()

            async def __anext__(self):
                while self.queue.empty():
                    await self.ready.wait()
                return self._take()


        class ChecksAnotherQueue:
            def __init__(self):
                self.queue = queue.Queue()
                self.other = queue.Queue()
                self.ready = asyncio.Event()

            def _take(self):
                return self.queue.get()

            async def first(self):
                while self.other.empty():
                    await self.ready.wait()
                return self._take()  # ACK106
        """,
        ["ACK106"],
    )


def test_a_swallow_in_the_finally_of_a_try_left_only_by_an_exception_defers_the_cancel():
    # `try: while True: ... finally:` is left only by an exception: it is raised again once the cleanup ends,
    # so suppressing a second cancel while waiting for the cleanup does not lose the first. Left by a `break`,
    # a cancel that arrives during that cleanup is lost, but the coroutine then ends: ACK602, not ACK601.
    check_marked(
        """
        import asyncio
        import contextlib


        async def serve(queue, close):
            try:
                while True:
                    item = await queue.get()
                    await item.send()
            finally:
                closing = asyncio.ensure_future(close())
                while not closing.done():
                    with contextlib.suppress(asyncio.CancelledError):
                        await asyncio.shield(closing)


        async def serve_except(queue, close):
            try:
                while True:
                    await queue.get()
            finally:
                try:
                    await close()
                except asyncio.CancelledError:
                    pass


        async def serve_until_none(queue, close):
            try:
                while True:
                    item = await queue.get()
                    if item is None:
                        break
            finally:
                closing = asyncio.ensure_future(close())
                while not closing.done():
                    with contextlib.suppress(asyncio.CancelledError):  # ACK602
                        await asyncio.shield(closing)


        async def serve_with_return(queue, close):
            try:
                while True:
                    if await queue.get() is None:
                        return
            finally:
                try:
                    await close()
                except asyncio.CancelledError:  # ACK601
                    pass
                await close()


        async def serve_handled(queue, close):
            try:
                while True:
                    await queue.get()
            except ValueError:
                pass
            finally:
                with contextlib.suppress(asyncio.CancelledError):  # ACK601
                    await close()
                await close()
        """,
        ["ACK601", "ACK602"],
    )
