"""What rheld51's blind run found. Up to Python 3.11 `wait_for` runs its coroutine as a task and, when the
timeout expires, cancels it; a task that caught that CancelledError and returned from its handler made
`wait_for` hand back its value instead of raising TimeoutError. That is ACK602 (the task ended as completed, the
catalogue's own example), and from 3.12, where `wait_for` is `asyncio.timeout()`, it was reported so; on 3.11 it
was ACK601, the code of a task that carries on past its handler. Told apart as from 3.12: a task the program made
and handed to `wait_for` (its awaiter holds it) that ends in its handler is ACK602; a coroutine handed to
`wait_for` returns its value to the awaiter, which carries on (ACK601, as the linter has it), and so does a task
that carries on past its handler."""
import asyncio
import inspect
import sys

import pytest

import asynccheck

# (3.9 and 3.10 have no cancellation count: neither code is reported there)
needs_cancelling = pytest.mark.skipif(sys.version_info < (3, 11), reason="Task.cancelling() is new in 3.11")


def new_loop(kind):
    if kind == "uvloop":
        return pytest.importorskip("uvloop").new_event_loop()
    return asyncio.new_event_loop()


def _run(kind, main):
    with asynccheck.watch(select=["ACK601", "ACK602"]) as session:
        loop = new_loop(kind)
        result = loop.run_until_complete(main())
        loop.close()
    return result, {(f.rule.code, f.line) for f in session.findings}


def _line(func, text):
    return next(n for n, line in enumerate(inspect.getsource(func).splitlines(), func.__code__.co_firstlineno)
                if text in line)


async def flush_stops_early(dirty, written):
    try:
        for key in dirty:
            await asyncio.sleep(0.02)
            written.append(key)
    except asyncio.CancelledError:  # swallowed, and the task returns
        return len(written)
    return len(written)


async def flush_carries_on(dirty, written):
    for key in dirty:
        try:
            await asyncio.sleep(0.02 if len(written) < 5 else 0)
        except asyncio.CancelledError:  # swallowed, and the loop goes on
            pass
        written.append(key)
    return len(written)


async def flush_reraises(dirty, written):
    try:
        for key in dirty:
            await asyncio.sleep(0.02)
            written.append(key)
    except asyncio.CancelledError:
        written.append("partial")
        raise
    return len(written)


def _shutdown(flusher, as_task):
    async def main():
        written = []
        job = flusher([f"k{n}" for n in range(10)], written)
        if as_task:
            job = asyncio.create_task(job)
        try:
            return await asyncio.wait_for(job, 0.05)
        except asyncio.TimeoutError:
            return "timed out"
    return main


@needs_cancelling
@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
@pytest.mark.parametrize("as_task", [False, True], ids=["coroutine", "task"])
def test_a_task_handed_to_wait_for_that_returns_from_its_handler_is_ack602_on_every_version(kind, as_task):
    result, found = _run(kind, _shutdown(flush_stops_early, as_task))
    assert isinstance(result, int)  # (wait_for handed back the count, as under python: no TimeoutError)
    handler = _line(flush_stops_early, "except asyncio.CancelledError")
    # a coroutine handed to wait_for returns its value to the awaiter, which carries on: ACK601, as from 3.12
    # (where it runs in the awaiter's own task) and as the linter reports it; a task the program made: ACK602
    assert found == {("ACK602" if as_task else "ACK601", handler)}


@needs_cancelling
@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
def test_a_task_that_carries_on_past_its_handler_under_wait_for_is_still_ack601(kind):
    result, found = _run(kind, _shutdown(flush_carries_on, False))
    assert result == 10
    handler = _line(flush_carries_on, "except asyncio.CancelledError")
    assert found == {("ACK601", handler)}


@needs_cancelling
@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
def test_a_task_that_reraises_under_wait_for_is_quiet(kind):
    result, found = _run(kind, _shutdown(flush_reraises, True))
    assert result == "timed out"
    assert found == set()


async def checkpoint_and_return(done):
    try:
        for _ in range(100):
            await asyncio.sleep(0.01)
            done.append(1)
    except asyncio.CancelledError:  # swallowed: the coroutine returns its value to wait_for's awaiter
        return "checkpointed"
    return "complete"


@needs_cancelling
@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
def test_a_coroutine_handed_to_wait_for_that_returns_a_value_from_its_handler_is_ack601(kind):
    async def main():
        return await asyncio.wait_for(checkpoint_and_return([]), 0.03)

    result, found = _run(kind, main)
    assert result == "checkpointed"
    assert found == {("ACK601", _line(checkpoint_and_return, "except asyncio.CancelledError"))}


class Cache:
    def __init__(self):
        self.flusher = None

    async def close(self):
        self.flusher = asyncio.ensure_future(flush_stops_early([f"k{n}" for n in range(10)], []))
        return await asyncio.wait_for(self.flusher, 0.05)


@needs_cancelling
@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
def test_a_task_kept_in_an_attribute_and_handed_to_wait_for_is_ack602(kind):
    result, found = _run(kind, lambda: Cache().close())
    assert isinstance(result, int)
    assert found == {("ACK602", _line(flush_stops_early, "except asyncio.CancelledError"))}
