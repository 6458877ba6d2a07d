"""What rheld33's held-out suite (aiohttp and Starlette handlers, refreshers, circuit breakers, retry wrappers,
caches, logging handlers, signal handlers, executors, thread bridges, process pools, two loops, uvloop) found: a
blocking callable that is not the program's code, handed to the loop as a callback (`loop.call_soon(worker.join)`,
`loop.call_later(1, time.sleep, 0.2)`), blocked the loop with no frame of the program's on the stack, and was
not reported; the line to change is the hand-over, as the linter reports it."""
import asyncio
import threading
import time

import pytest

import asynccheck
from tests.runtime.source_lines import SourceLines

LOOPS = ["asyncio", "uvloop"]


_SOURCE = SourceLines(__file__)
_line, _found = _SOURCE.line, _SOURCE.found


def _watched(kind, main):
    """The session that watched ``main()`` run to its end on a new loop of ``kind``."""
    with asynccheck.watch() as session:
        _run(kind, main)
    return session


def _run(kind, main):
    """``main()`` to its end on a new loop of ``kind``, made while the checker runs."""
    if kind == "uvloop":
        uvloop = pytest.importorskip("uvloop")
        loop = uvloop.new_event_loop()
    else:
        loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(main())
    finally:
        loop.close()


async def _until(predicate, timeout=30.0):
    """Wait, on the loop, until ``predicate()`` holds (a generous bound: runtime tests run on loaded machines)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline
        await asyncio.sleep(0.005)


@pytest.mark.parametrize("kind", LOOPS)
def test_a_threads_join_handed_to_the_loop_is_reported_at_the_hand_over(kind):
    ran = []

    async def main():
        worker = threading.Thread(target=ran.append, args=(1,))
        worker.start()
        asyncio.get_running_loop().call_soon(worker.join)  # the loop joins the thread
        await _until(lambda: ran and not worker.is_alive())
        await asyncio.sleep(0.01)

    session = _watched(kind, main)
    assert _found(session, "ACK106") == [_line("# the loop joins the thread")]


@pytest.mark.parametrize("kind", LOOPS)
def test_time_sleep_itself_scheduled_as_a_callback_is_reported_at_the_call_later(kind):
    slept = []

    async def main():
        loop = asyncio.get_running_loop()
        loop.call_later(0.001, time.sleep, 0.01)  # the loop sleeps
        loop.call_later(0.002, slept.append, 1)
        await _until(lambda: slept)

    session = _watched(kind, main)
    assert _found(session, "ACK101") == [_line("# the loop sleeps")]


@pytest.mark.parametrize("kind", LOOPS)
def test_the_same_join_handed_to_an_executor_is_no_finding(kind):
    async def main():
        worker = threading.Thread(target=time.sleep, args=(0.01,))
        worker.start()
        await asyncio.get_running_loop().run_in_executor(None, worker.join)

    session = _watched(kind, main)
    assert _SOURCE.codes(session) == []


@pytest.mark.parametrize("kind", LOOPS)
def test_a_callback_of_the_programs_that_blocks_is_still_reported_inside_it(kind):
    done = []

    def flush():
        time.sleep(0.001)  # the callback's own sleep
        done.append(1)

    async def main():
        asyncio.get_running_loop().call_soon(flush)
        await _until(lambda: done)

    session = _watched(kind, main)
    assert _found(session, "ACK101") == [_line("# the callback's own sleep")]


def test_a_blocking_callable_a_library_schedules_is_not_blamed_on_a_hand_over_of_another_name():
    async def main():
        loop = asyncio.get_running_loop()
        stop, idle = threading.Event(), threading.Event()
        loop.call_soon(stop.set)  # (hands a callable named `set`: not the one that blocks below)
        loop._ready.append(asyncio.Handle(idle.wait, (0.001,), loop))  # what a library schedules on its own
        await asyncio.sleep(0.01)

    session = _watched("asyncio", main)
    assert _SOURCE.codes(session) == []


# -- ACK601: a retry loop whose next attempt fails without suspending ------------------------------------------------
needs_cancelling = pytest.mark.skipif(not hasattr(asyncio.Task, "cancelling"), reason="ACK601 needs 3.11+")


class _Flaky:
    """The first call waits (and is cancelled there); later ones fail at once, without suspending."""

    def __init__(self):
        self.calls = 0
        self.inside = None

    async def call(self):
        self.calls += 1
        if self.calls == 1:
            self.inside.set()
            await asyncio.sleep(30)
        raise ConnectionError("down")


async def _retrying(fn, attempts):
    for _attempt in range(attempts):
        try:
            return await fn()
        except BaseException as exc:  # retries whatever it caught
            await asyncio.sleep(0.001 if exc else 0)
    return None


async def _stopping(fn):
    try:
        return await fn()
    except asyncio.CancelledError as exc:  # stops when told, after a cleanup
        await asyncio.sleep(0.001)
        await asyncio.sleep(0.001 if exc else 0)
        return "stopped"


def _cancel_inside(kind, body):
    flaky = _Flaky()

    async def main():
        flaky.inside = asyncio.Event()
        task = asyncio.ensure_future(body(flaky.call))
        await flaky.inside.wait()
        task.cancel()
        return await task

    with asynccheck.watch() as session:
        result = _run(kind, main)
    return session, result


@needs_cancelling
@pytest.mark.parametrize("kind", LOOPS)
def test_a_retry_loop_that_swallows_the_cancel_and_retries_is_ack601(kind):
    session, result = _cancel_inside(kind, lambda fn: _retrying(fn, 3))
    assert result is None
    assert _found(session, "ACK601") == [_line("# retries whatever it caught")]


@needs_cancelling
@pytest.mark.parametrize("kind", LOOPS)
def test_a_handler_that_awaits_its_cleanup_and_returns_on_its_owners_cancel_stays_quiet(kind):
    session, result = _cancel_inside(kind, _stopping)
    assert result == "stopped"
    assert _SOURCE.codes(session) == []


# -- ACK302: the future of a gather, dropped ---------------------------------------------------------------------------
async def _send(sent, n):
    await asyncio.sleep(0.001)
    sent.append(n)


@pytest.mark.parametrize("kind", LOOPS)
def test_a_gather_whose_future_is_dropped_is_ack302_at_the_gather(kind):
    sent = []

    async def main():
        asyncio.gather(_send(sent, 1), _send(sent, 2))  # fire and forget
        await _until(lambda: len(sent) == 2)

    session = _watched(kind, main)
    assert _found(session, "ACK302") == [_line("# fire and forget")]


@pytest.mark.parametrize("kind", LOOPS)
def test_a_gather_awaited_kept_or_handed_on_is_no_finding(kind):
    sent = []

    async def main():
        await asyncio.gather(_send(sent, 1), _send(sent, 2))
        later = asyncio.gather(_send(sent, 3))
        await asyncio.sleep(0.005)
        await later
        await asyncio.wait_for(asyncio.gather(_send(sent, 4)), 30)
        mine = [asyncio.ensure_future(_send(sent, n)) for n in (5, 6)]
        asyncio.gather(*mine)  # (of tasks it holds itself: nothing lost)
        await asyncio.wait(mine)

    session = _watched(kind, main)
    assert sorted(sent) == [1, 2, 3, 4, 5, 6]
    assert _SOURCE.codes(session) == []
