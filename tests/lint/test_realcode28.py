"""Shapes found by linting more real asyncio applications (peer-to-peer overlays, directory clients, chat servers):
each look-alike must stay clean, beside the close case of the same shape that must still flag."""
import textwrap

from asynccheck.lint import lint_source
from tests.lint.helpers import ALL, check_marked, project_findings


def test_awaiting_the_tasks_a_helper_of_the_class_hands_back_cancelled_is_the_cancel_idiom():
    # `task.cancel()` then `await task` under `suppress(CancelledError)` is the idiom when the cancel is in the
    # same function; a method of the class (or of a base class) that cancels the tasks and returns them is the
    # same cancel, one call away. A helper that returns tasks it did not cancel (or has just started) leaves
    # them running: awaiting them there swallows this task's own cancellation.
    check_marked(
        """
        import asyncio
        from contextlib import suppress


        class Pool:
            def __init__(self):
                self._running = {}

            def stop_one(self, name):
                task = self._running.pop(name, None)
                if task is None:
                    return None
                task.cancel()
                return task

            def stop_all(self):
                return [self.stop_one(name) for name in list(self._running)]

            def live(self):
                return list(self._running.values())

            def restart(self, name, job):
                return asyncio.create_task(job())


        class Service(Pool):
            async def close(self):
                tasks = self.stop_all()
                if tasks:
                    with suppress(asyncio.CancelledError):
                        await asyncio.gather(*tasks)
                await self.flush()

            async def close_one(self, name):
                task = self.stop_one(name)
                try:
                    await task
                except asyncio.CancelledError:
                    pass
                await self.flush()

            async def drain(self):
                tasks = self.live()
                with suppress(asyncio.CancelledError):  # ACK601
                    await asyncio.gather(*tasks)
                await self.flush()

            async def bounce(self, name, job):
                task = self.restart(name, job)
                with suppress(asyncio.CancelledError):  # ACK601
                    await task
                await self.flush()

            async def flush(self):
                await asyncio.sleep(0)
        """,
        {"ACK601", "ACK602"},
    )


def test_a_cancelling_helper_inherited_from_a_base_class_of_another_module(tmp_path):
    # The base class lives in another module of the project: the interface says its method returns what it
    # cancelled. Its sibling that only lists the tasks says nothing of the kind.
    found = project_findings(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/base.py": """
            class Manager:
                def __init__(self):
                    self._tasks = {}

                def cancel_everything(self):
                    return [self._stop(name) for name in list(self._tasks)]

                def _stop(self, name):
                    task = self._tasks.pop(name)
                    task.cancel()
                    return task

                def pending(self):
                    return list(self._tasks.values())
            """,
        "pkg/cache.py": """
            import asyncio
            from contextlib import suppress

            from pkg.base import Manager


            class Cache(Manager):
                async def shutdown(self):
                    tasks = self.cancel_everything()
                    with suppress(asyncio.CancelledError):
                        await asyncio.gather(*tasks)
                    await asyncio.sleep(0)

                async def wait_all(self):
                    tasks = self.pending()
                    with suppress(asyncio.CancelledError):
                        await asyncio.gather(*tasks)
                    await asyncio.sleep(0)
            """,
    }, {"ACK601", "ACK602"})
    assert found == {("pkg/cache.py", 16, "ACK601")}


def test_a_swallow_in_a_coroutine_nothing_shows_is_a_task_says_only_what_is_known():
    # A command method a shell dispatches by name is neither started as a task nor awaited in its module: the
    # finding cannot say "the task finishes as completed", only that it returns normally, which harms both an
    # awaiting caller and a task running it. The same swallow in a function the module starts as a task keeps
    # the task's own wording.
    source = textwrap.dedent(
        """
        import asyncio


        class Shell:
            async def do_fetch(self, url):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    print("interrupted")


        async def pump(queue):
            try:
                await queue.get()
            except asyncio.CancelledError:
                print("interrupted")


        async def start(queue):
            await asyncio.wait_for(asyncio.create_task(pump(queue)), 5)
        """
    )
    report = lint_source(source, "example.py", ALL)
    messages = {f.line: f.message for f in report.findings if f.code in ("ACK601", "ACK602")}
    assert set(messages) == {9, 16}
    assert "returns normally" in messages[9] and "whoever awaits it carries on" in messages[9]
    assert "the task finishes as completed" not in messages[9]
    assert "the task finishes as completed" in messages[16]


def test_shielding_a_cleanup_until_it_is_done_in_a_finally_loses_only_a_late_cancel():
    # In a `finally:`, `while not t.done(): with suppress(CancelledError): await shield(t)` waits out a cleanup
    # through repeated cancels, and the exception in flight (a cancel that came in the `try`) is raised again
    # when the `finally` ends. Only a cancel that arrives during the cleanup of a `try` that finished normally
    # is lost, and the coroutine then ends: ACK602 (ends completed), not ACK601 (carries on), and the message
    # says which cancel. The same loop with more work awaited after the `try`, inside a serving loop, or
    # outside any `finally`, or one that awaits anything but the shielded task, carries on: ACK601.
    check_marked(
        """
        import asyncio
        from contextlib import suppress


        async def save(store, item):
            try:
                await store.put(item)
            finally:
                flush = asyncio.ensure_future(store.flush())
                while not flush.done():
                    with suppress(asyncio.CancelledError):  # ACK602
                        await asyncio.shield(flush)


        async def save_then_report(store, item):
            try:
                await store.put(item)
            finally:
                flush = asyncio.ensure_future(store.flush())
                while not flush.done():
                    with suppress(asyncio.CancelledError):  # ACK601
                        await asyncio.shield(flush)
            await store.report(item)


        async def serve(store, queue):
            while True:
                try:
                    await store.put(await queue.get())
                finally:
                    flush = asyncio.ensure_future(store.flush())
                    while not flush.done():
                        with suppress(asyncio.CancelledError):  # ACK601
                            await asyncio.shield(flush)


        async def save_and_poll(store, item):
            try:
                await store.put(item)
            finally:
                flush = asyncio.ensure_future(store.flush())
                while not flush.done():
                    with suppress(asyncio.CancelledError):  # ACK601
                        await asyncio.sleep(0.1)


        async def wait_flush(store):
            flush = asyncio.ensure_future(store.flush())
            while not flush.done():
                with suppress(asyncio.CancelledError):  # ACK601
                    await asyncio.shield(flush)
            await store.report(None)
        """,
        {"ACK601", "ACK602"},
    )


def test_a_task_kept_by_a_closure_that_outlives_the_call_is_kept():
    # A starter that returns (or stores, or hands on) a closure cancelling or awaiting the task keeps it alive
    # through that closure. A nested `def` that reads the task but that nothing returns, stores or calls dies
    # with the call: the task is as dropped as if the closure were not there.
    check_marked(
        """
        import asyncio


        async def tick(interval):
            while True:
                await asyncio.sleep(interval)


        def start(interval):
            task = asyncio.create_task(tick(interval))

            def stop():
                task.cancel()
            return stop


        def start_waiter(interval):
            task = asyncio.ensure_future(tick(interval))

            async def wait():
                return await task
            return wait


        def start_lambda(interval):
            task = asyncio.create_task(tick(interval))
            return lambda: task.cancel()


        class Ticker:
            def start(self, interval, registry):
                task = asyncio.create_task(tick(interval))

                async def stop():
                    task.cancel()
                registry.append(stop)


        def start_forgotten(interval):
            task = asyncio.create_task(tick(interval))  # ACK302

            def stop():
                task.cancel()
            return None


        def start_unrelated(interval):
            task = asyncio.create_task(tick(interval))  # ACK302

            def stop():
                print("stopping")
            return stop
        """,
        {"ACK302"},
    )


def test_a_queue_handed_to_a_helper_is_filled_as_often_as_that_call_runs():
    # `_add(queue, item)` puts whatever queue it is handed: the control queue, handed to it once at start, is
    # not filled by the loop that hands it the inbox, and the inbox's finding names that loop, not another
    # caller of the helper.
    source = textwrap.dedent(
        """
        import asyncio


        class Bridge:
            def __init__(self):
                self._inbox = asyncio.Queue()
                self._control = asyncio.Queue()

            async def _add(self, queue, item):
                await queue.put(item)

            async def start(self):
                await self._add(self._control, "hello")

            async def pump(self, reader):
                while True:
                    line = await reader.readline()
                    await self._add(self._inbox, line)
        """
    )
    report = lint_source(source, "example.py", ALL)
    found = {f.line: f.message for f in report.findings if f.code == "ACK501"}
    assert set(found) == {7}
    assert "in `_add()`, called in a loop" in found[7]


def test_putting_back_in_a_finally_what_a_task_took_from_the_same_queue_is_no_producer():
    # A listener takes waiters from the queue (through a task running `queue.get()` and `get_nowait()`), and
    # on its way out puts back those it has not answered: each call returns at most what it took. A `finally`
    # that queues what it fetched elsewhere still fills the queue each time the loop calls it.
    check_marked(
        """
        import asyncio


        class Rooms:
            def __init__(self):
                self._waiting = asyncio.Queue()
                self._jobs = asyncio.Queue()  # ACK501

            async def listen(self, source):
                changed = asyncio.create_task(self._waiting.get())
                held = []
                try:
                    while True:
                        await asyncio.wait([changed])
                        held.append(changed.result())
                        while not self._waiting.empty():
                            held.append(self._waiting.get_nowait())
                        changed = asyncio.create_task(self._waiting.get())
                        await source.sync()
                finally:
                    if changed.done() and not changed.cancelled():
                        held.append(changed.result())
                    for waiter in held:
                        self._waiting.put_nowait(waiter)
                    changed.cancel()

            async def collect(self, source):
                pending = []
                try:
                    while True:
                        pending.append(await source.fetch())
                finally:
                    for job in pending:
                        self._jobs.put_nowait(job)

            async def run(self, source):
                while True:
                    await self.listen(source)
                    await self.collect(source)
                    await asyncio.sleep(1)
        """,
        {"ACK501"},
    )


def test_a_spawn_only_when_the_kept_task_is_gone_runs_one_at_a_time():
    # In a loop, `if self._flusher is None (or done): self._flusher = create_task(...)` replaces a task that no
    # longer runs: at most one is in flight, however many items come. A test that can be true while the kept
    # task still runs (`or force`, `is not None`) starts a new one beside it each time.
    check_marked(
        """
        import asyncio


        class Sink:
            def __init__(self):
                self._flusher = None
                self._pending = []

            async def flush(self):
                await asyncio.sleep(0.1)

            async def feed(self, source):
                async for item in source:
                    self._pending.append(item)
                    if self._flusher is None or self._flusher.done():
                        self._flusher = asyncio.create_task(self.flush())

            async def feed_once(self, source):
                async for item in source:
                    self._pending.append(item)
                    if not self._flusher:
                        self._flusher = asyncio.create_task(self.flush())

            async def feed_forced(self, source, force):
                async for item in source:
                    if self._flusher is None or force:
                        self._flusher = asyncio.create_task(self.flush())  # ACK502

            async def feed_while_running(self, source):
                async for item in source:
                    if self._flusher is not None:
                        self._flusher = asyncio.create_task(self.flush())  # ACK502
        """,
        {"ACK502"},
    )


def test_the_position_of_a_file_opened_only_for_reading_moves_no_data():
    # `f.tell()` on a file opened for reading is an lseek(): no data moves and nothing waits (the `open()` and
    # the reads beside it are still reported). `seek()` there is one too in binary mode, or back to the start;
    # on a file opened for writing both flush the write buffer first, and a text file's seek to a cookie may
    # read to restore its decoder.
    check_marked(
        """
        async def index(path, offset, cookie):
            with open(path, "rb") as f:  # ACK103
                start = f.tell()
                f.seek(offset)
                line = f.readline()  # ACK103
            with open(path, encoding="utf-8") as t:  # ACK103
                where = t.tell()
                t.seek(0)
                t.seek(cookie)  # ACK103
            with open(path, "a") as log:  # ACK103
                end = log.tell()  # ACK103
                log.seek(0)  # ACK103
            return start, line, where, end
        """,
        {"ACK103"},
    )
