"""What rheld30's held-out suite (manual loops, anyio, asgiref, protocols, streams) found: a threading lock held
across an `await writer.drain()` that had room in the buffer (it returned without suspending) went unreported;
asgiref's `async_to_sync(f)(...)` and anyio's `run`/`from_thread` called on the loop's thread refuse with their
own RuntimeError before asyncio sees a nested loop, and were not ACK108; an async context manager of the
program's whose `__aexit__` returns True was reported at each `async with` rather than at that `return True`."""
import asyncio
import sys
import threading

import pytest

import asynccheck


def _found(session, code):
    return sorted(f.line for f in session.findings if f.code == code and f.path == __file__)


def _line(text):
    return next(n for n, line in enumerate(open(__file__), 1) if text in line and "_line(" not in line)


# -- ACK201: an await that did not suspend this time --------------------------------------------------------------
class Sink:
    def __init__(self):
        self.paused = False
        self.items = []

    async def drain(self):
        if self.paused:  # room in the buffer: returns at once, as StreamWriter.drain() does
            await asyncio.sleep(0.01)

    async def total(self):  # no await of its own: can never suspend
        return len(self.items)


def test_a_lock_held_across_an_await_that_did_not_suspend_this_time():
    sink = Sink()

    async def write(item, lock):
        with lock:  # held across drain
            sink.items.append(item)
            await sink.drain()

    async def main():
        lock = threading.Lock()  # (made while the checker runs: a lock it watches)
        await write(1, lock)
        await write(2, lock)

    with asynccheck.watch() as session:
        asyncio.run(main())
    assert _found(session, "ACK201") == [_line("# held across drain")]


def test_no_report_for_an_await_that_can_never_suspend_nor_for_a_sync_call():
    sink = Sink()

    async def count(lock):
        with lock:
            n = await sink.total()
            sink.items.append(n)
            sink.items.sort()
        await sink.drain()  # after the release
        return n

    async def main():
        lock = threading.Lock()
        return [await count(lock) for _ in range(3)]

    with asynccheck.watch() as session:
        assert asyncio.run(main()) == [0, 1, 2]
    assert _found(session, "ACK201") == []


def test_an_async_for_over_a_generator_that_never_awaits_is_no_suspension():
    async def numbers(n):
        for i in range(n):
            yield i  # an item, not a suspension

    async def paged(n):
        for i in range(n):
            await asyncio.sleep(0) if i > 5 else None  # awaits on later pages only
            yield i

    async def main(gen):
        lock = threading.Lock()
        got = []
        with lock:  # across the async for
            async for i in gen(3):
                got.append(i)
        return got

    with asynccheck.watch() as session:
        assert asyncio.run(main(numbers)) == [0, 1, 2]
    assert _found(session, "ACK201") == []
    with asynccheck.watch() as session:
        assert asyncio.run(main(paged)) == [0, 1, 2]
    assert _found(session, "ACK201") == [_line("# across the async for")]


def test_a_coroutine_driven_by_hand_under_the_lock_is_no_await():
    sink = Sink()

    async def main():
        lock = threading.Lock()
        with lock:
            coro = sink.drain()
            try:
                coro.send(None)  # a sync driver, not an await of the task's
            except StopIteration:
                pass
        await asyncio.sleep(0)

    with asynccheck.watch() as session:
        asyncio.run(main())
    assert _found(session, "ACK201") == []


# -- ACK601: the program's own __aexit__ that returns True ---------------------------------------------------------
class BestEffort:
    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        if exc_type is not None:
            pass  # logged, in a real program
        return True  # swallows everything


quiet = BestEffort()  # an instance at module level: its class's __aexit__


class Ignoring:
    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return True  # a sync exit that swallows everything


def _swallowed(block):
    async def job():
        await block()
        await asyncio.sleep(0.01)  # carries on past the block
        return "done"

    async def main():
        return await asyncio.wait_for(job(), 0.05)

    with asynccheck.watch() as session:
        assert asyncio.run(main()) == "done"
    return _found(session, "ACK601")


needs_cancelling = pytest.mark.skipif(sys.version_info < (3, 11), reason="ACK601 needs Task.cancelling()")


@needs_cancelling
def test_an_own_aexit_returning_true_is_reported_at_its_return():
    async def block():
        async with BestEffort():
            await asyncio.sleep(1)

    assert _swallowed(block) == [_line("return True  # swallows everything")]


@needs_cancelling
def test_an_own_instance_at_module_level_too():
    async def block():
        async with quiet:
            await asyncio.sleep(1)

    assert _swallowed(block) == [_line("return True  # swallows everything")]


@needs_cancelling
def test_an_own_sync_exit_returning_true_is_reported_at_its_return():
    async def block():
        with Ignoring():
            await asyncio.sleep(1)

    assert _swallowed(block) == [_line("return True  # a sync exit that swallows everything")]


@needs_cancelling
def test_a_local_manager_stays_at_the_with_line():
    class Local(BestEffort):
        pass

    async def block():
        async with Local():  # a local class: not read
            await asyncio.sleep(1)

    assert _swallowed(block) == [_line("# a local class: not read")]


@needs_cancelling
def test_a_library_manager_stays_at_the_with_line():
    import contextlib

    async def block():
        with contextlib.suppress(asyncio.CancelledError):  # the library's
            await asyncio.sleep(1)

    assert _swallowed(block) == [_line("# the library's")]


# -- ACK108: a library's own loop runner, refused before asyncio sees it ----------------------------------------
def test_asgiref_async_to_sync_on_the_loop_thread_is_ack108_at_the_coroutines_call():
    sync = pytest.importorskip("asgiref.sync")

    async def fetch(n):
        await asyncio.sleep(0)
        return n * 2

    def load(n):  # a sync code path, shared with management commands
        return sync.async_to_sync(fetch)(n)

    async def view():
        try:
            return load(1)  # from the loop's thread
        except RuntimeError:
            return "refused"

    async def right():
        return await sync.sync_to_async(load, thread_sensitive=False)(2)  # in a worker thread

    with asynccheck.watch() as session:
        assert asyncio.run(view()) == "refused"
        assert asyncio.run(right()) == 4
    assert _found(session, "ACK108") == [_line("# from the loop's thread")]
    assert "async_to_sync(...)()" in next(f.message for f in session.findings if f.code == "ACK108")


def test_anyio_run_and_from_thread_on_the_loop_thread_are_ack108():
    import anyio
    import anyio.from_thread
    import anyio.to_thread

    async def noop():
        return 1

    def nested_run():
        return anyio.run(noop)

    def back_to_loop():
        return anyio.from_thread.run_sync(len, "abc")

    async def main():
        outcomes = []
        for helper in (nested_run, back_to_loop):
            try:
                outcomes.append(helper())  # a loop runner on the loop's thread
            except RuntimeError:
                outcomes.append("refused")
        outcomes.append(await anyio.to_thread.run_sync(back_to_loop))  # from a worker: right
        return outcomes

    with asynccheck.watch() as session:
        assert anyio.run(main) == ["refused", "refused", 3]
    assert _found(session, "ACK108") == [_line("# a loop runner on the loop's thread")]
    assert sum(f.count for f in session.findings if f.code == "ACK108") == 2


def test_library_runners_are_put_back():
    import anyio

    before = anyio.run
    with asynccheck.watch():
        assert anyio.run is not before or "anyio._core._eventloop" not in sys.modules
    assert anyio.run is before
