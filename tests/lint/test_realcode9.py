"""False-alarm shapes found by linting real async applications and frameworks (agent frameworks, bot, web and
TUI frameworks): each look-alike must stay clean, beside the close case it must still flag."""
import textwrap

from asynccheck.lint import lint_source
from tests.lint.helpers import ALL, check_marked


def test_a_call_in_the_iterable_of_a_loop_runs_once():
    # `async for item in self.stream():` calls `stream` once, however many items it yields: the one put that
    # ends the stream is not made per round. A call in the loop's body still is, and so is one in a `while`
    # test, which is evaluated every round.
    check_marked(
        """
        import asyncio


        class Stream:
            def __init__(self):
                self._out = asyncio.Queue()

            async def events(self):
                async def finish():
                    await self._out.put(None)

                done = asyncio.create_task(finish())
                while (item := await self._out.get()) is not None:
                    yield item
                await done

            async def run(self):
                async for item in self.events():
                    print(item)


        class Feed:
            def __init__(self):
                self._out = asyncio.Queue()  # ACK501

            async def push(self):
                await self._out.put(1)

            async def run(self, source):
                async for item in source:
                    await self.push()


        class Poll:
            def __init__(self):
                self._out = asyncio.Queue()  # ACK501

            async def step(self):
                await self._out.put(1)
                return True

            async def run(self):
                while await self.step():
                    pass
        """,
        ["ACK501"],
    )


def test_a_queue_local_to_a_function_is_new_on_each_call():
    # A queue made inside a function lives for that call: that the function runs per message (an `on_...`
    # handler) makes many queues, each filled once. A put in a loop while it lives, or in a callback handed
    # out, still fills one queue without end.
    check_marked(
        """
        import asyncio


        class Agent:
            async def on_message(self, message):
                async for event in self._answer(message):
                    yield event

            async def _answer(self, message):
                results = asyncio.Queue()

                async def work():
                    await asyncio.sleep(0)
                    results.put_nowait(None)

                task = asyncio.create_task(work())
                while (event := await results.get()) is not None:
                    yield event
                await task

            async def on_stream(self, message, source):
                events = asyncio.Queue()  # ACK501

                async def pump():
                    async for chunk in source:
                        await events.put(chunk)

                task = asyncio.create_task(pump())
                while True:
                    yield await events.get()

            async def on_subscribe(self, bus):
                updates = asyncio.Queue()  # ACK501

                def on_update(update):
                    updates.put_nowait(update)

                bus.listen(on_update)
                while True:
                    yield await updates.get()
        """,
        ["ACK501"],
    )


def test_a_field_queue_is_judged_by_the_code_that_fills_it():
    # `offers: Queue = field(default_factory=Queue)` gives each instance an unbounded queue; it is filled
    # wherever an instance is held (`handoff.offers.put_nowait(...)`, the parameter declared as the class,
    # private or not). A producer that waits for the consumer's answer after each put never runs ahead of it;
    # one that puts every item of a stream does, and a field nobody here fills may be filled from anywhere.
    check_marked(
        """
        import asyncio
        import dataclasses


        @dataclasses.dataclass
        class _Handoff:
            offers: asyncio.Queue = dataclasses.field(default_factory=asyncio.Queue)


        @dataclasses.dataclass
        class Relay:
            items: asyncio.Queue = dataclasses.field(default_factory=asyncio.Queue)  # ACK501


        @dataclasses.dataclass
        class Inbox:
            letters: asyncio.Queue = dataclasses.field(default_factory=asyncio.Queue)  # ACK501


        async def offer(handoff: _Handoff, loop):
            for attempt in range(3):
                answer = loop.create_future()
                handoff.offers.put_nowait(answer)
                if await answer:
                    return


        async def pump(relay: Relay, source):
            async for item in source:
                relay.items.put_nowait(item)
        """,
        ["ACK501"],
    )


def test_a_task_cancelled_by_a_helper_through_a_local_copy_is_the_cancel_idiom():
    # The class's helper cancels the reader through a local copy (`if (task := self._reader) is not None:
    # task.cancel()`), and the closing method keeps its own copy before calling it, then awaits that copy
    # catching its CancelledError: the cancel idiom, as with `self._reader.cancel(); await self._reader`.
    # A copy of a task nobody cancels, awaited the same way, still swallows the closer's own cancellation.
    check_marked(
        """
        import asyncio
        from contextlib import suppress


        class Session:
            def __init__(self):
                self._reader = None
                self._writer = None

            def _stop_reading(self):
                if (task := self._reader) is not None:
                    self._reader = None
                    task.cancel()

            async def close(self):
                task = self._reader
                self._stop_reading()
                if task is not None:
                    with suppress(asyncio.CancelledError):
                        await task

            async def flush(self):
                task = self._writer
                self._stop_reading()
                if task is not None:
                    with suppress(asyncio.CancelledError):  # ACK602
                        await task
        """,
        ["ACK601", "ACK602"],
    )


def test_a_shutdown_that_ends_the_process_after_swallowing_loses_no_cancellation():
    # A lifespan's shutdown swallows the cancel of its own clean-up and then ends the process (`os._exit(0)`,
    # `sys.exit()`, `raise SystemExit`): nothing is left to carry on or to report itself completed. An exit
    # under a condition, or an app's own `exit()` method (which only asks the app to stop), is not that: the
    # coroutine still goes on or ends as completed.
    check_marked(
        """
        import asyncio
        import os
        import shutil
        import sys


        async def shutdown(task, folder):
            try:
                task.cancel()
                await task
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                pass
            shutil.rmtree(folder)
            os._exit(0)


        async def stop(server):
            try:
                await server.close()
            except BaseException:
                pass
            finally:
                print("closed")
            sys.exit(1)


        async def halt(server):
            try:
                await server.close()
            except asyncio.CancelledError:
                pass
            raise SystemExit(2)


        async def maybe_halt(server, hard):
            try:
                await server.close()
            except asyncio.CancelledError:  # ACK602
                pass
            if hard:
                os._exit(0)


        class App:
            def exit(self):
                self.running = False

            async def quit(self, server):
                try:
                    await server.close()
                except asyncio.CancelledError:  # ACK602
                    pass
                self.exit()
        """,
        ["ACK601", "ACK602"],
    )


def test_ensure_future_of_a_task_the_code_keeps_drops_nothing():
    # `ensure_future(task)` hands back the very task it is given: when the code keeps that task by its name
    # (a set of references, the return value), dropping the result of `ensure_future` loses nothing. A
    # coroutine bound to a name and wrapped only there becomes a new task, and that one is dropped.
    check_marked(
        """
        import asyncio

        _REFS = set()


        def schedule(loop, coro):
            task = loop.create_task(coro)
            _REFS.add(task)
            asyncio.ensure_future(task).add_done_callback(lambda _: _REFS.discard(task))
            return task


        async def work():
            pass


        def fire():
            coro = work()
            asyncio.ensure_future(coro)  # ACK302
            asyncio.ensure_future(work())  # ACK302
        """,
        ["ACK302"],
    )


def test_a_cached_function_of_no_arguments_blocks_only_once_per_process():
    # `@functools.cache` on a function of no arguments: its body (a stat of a marker file, a read of a fixed
    # settings file) runs on the first call in the process, and every later call returns the stored value.
    # With an argument it runs again for each new one; without the cache, on every call: both still flag.
    check_marked(
        """
        import functools
        import os
        from functools import cache


        @cache
        def in_container() -> bool:
            return os.path.exists("/.dockerenv")


        @functools.lru_cache(maxsize=None)
        def settings_text():
            with open("/etc/app.conf") as f:
                return f.read()


        @cache
        def read(path):
            with open(path) as f:
                return f.read()


        def marker() -> bool:
            return os.path.exists("/.dockerenv")


        async def handler(path):
            if in_container() or marker():  # ACK110
                settings_text()
            read(path)  # ACK103
        """,
        ["ACK103", "ACK110"],
    )


def test_a_put_handed_over_with_its_item_is_one_put():
    # A helper that runs a call once on the loop's thread, `run_on_loop(loop, q.put_nowait, item)`, takes the
    # put together with the item to put, as `call_soon(fn, *args)` does: each use is one put, and the sentinel
    # put at shutdown is bounded. A put handed over alone is a subscription, called for whatever arrives,
    # as is one handed to `add_reader`, which calls it on every event with the arguments given once.
    check_marked(
        """
        import asyncio


        def run_on_loop(loop, fn, *args):
            loop.call_soon_threadsafe(fn, *args)


        class Waiter:
            def __init__(self, loop):
                self._loop = loop
                self._queue = asyncio.Queue()

            def _stop(self):
                run_on_loop(self._loop, self._queue.put_nowait, None)

            async def wait(self):
                while (item := await self._queue.get()) is not None:
                    item()


        class Inbox:
            def __init__(self, loop):
                self._loop = loop
                self._queue = asyncio.Queue()  # ACK501

            def submit(self, item):
                run_on_loop(self._loop, self._queue.put_nowait, item)


        class Feed:
            def __init__(self, bus):
                self._queue = asyncio.Queue()  # ACK501
                bus.subscribe("topic", self._queue.put_nowait)


        class Pipe:
            def __init__(self, loop, fd):
                self._queue = asyncio.Queue()  # ACK501
                loop.add_reader(fd, self._queue.put_nowait, fd)
        """,
        ["ACK501"],
    )


def test_a_swallowed_cancel_followed_by_another_error_is_told_as_such():
    # After swallowing the cancel, the service raises an error of its own: the task ends with that error, not
    # completed, and the finding says so (it is still the cancellation lost). One that just ends is "completed".
    source = textwrap.dedent(
        """
        import asyncio


        async def serve(task):
            try:
                await task
            except asyncio.CancelledError:
                pass
            raise RuntimeError("service stopped")


        async def run(task):
            try:
                await task
            except asyncio.CancelledError:
                pass
        """
    )
    report = lint_source(source, "example.py", ALL)
    messages = {f.line: f.message for f in report.findings if f.code == "ACK602"}
    assert set(messages) == {8, 16}
    assert "raises another exception in its place" in messages[8]
    assert "finishes as completed" in messages[16]
