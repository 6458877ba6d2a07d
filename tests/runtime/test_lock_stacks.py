"""The stack an ACK201 finding carries is read lazily (code objects and instruction offsets, the lines worked out
when it is reported; the frames outside the loop's run_forever read once per run of the loop): it must still be
the stack of the moment the lock was taken, for each run of a loop."""
from __future__ import annotations

import asyncio
import sys
import threading

import pytest

import asynccheck
from asynccheck.runtime.frames import FrameFilter, line_at

RUNNERS = ["asyncio"]
try:
    import uvloop  # noqa: F401

    RUNNERS.append("uvloop")
except ImportError:  # pragma: no cover - uvloop is a test dependency
    pass


def _line_of(function, text):
    """The line of ``function``'s source that contains ``text``."""
    import inspect

    lines, first = inspect.getsourcelines(function)
    return first + next(i for i, line in enumerate(lines) if text in line)


def take(lock):
    lock.acquire()  # the acquire


async def holds_across_await(lock):
    take(lock)  # the helper's call
    await asyncio.sleep(0)
    lock.release()


async def also_holds_across_await(lock):
    with lock:  # another site
        await asyncio.sleep(0)


async def releases_in_step(lock):
    take(lock)
    lock.release()
    await asyncio.sleep(0)


def _run(runner, coro):
    if runner == "uvloop":
        import uvloop

        return uvloop.run(coro)
    return asyncio.run(coro)


def run_from_first(runner, lock):
    _run(runner, holds_across_await(lock))  # first run


def run_from_second(runner, lock):
    _run(runner, holds_across_await(lock))  # second run


@pytest.mark.parametrize("runner", RUNNERS)
def test_held_lock_stack_is_the_acquire_stack_of_each_run(runner):
    with asynccheck.watch() as session:
        first, second = threading.Lock(), threading.Lock()
        run_from_first(runner, first)
        run_from_second(runner, second)
    found = [f for f in session.findings if f.code == "ACK201"]
    assert [f.line for f in found] == [_line_of(holds_across_await, "# the helper's call")]
    stack = found[0].stack
    assert (stack[-1].function, stack[-1].line) == ("take", _line_of(take, "# the acquire"))
    assert (stack[-2].function, stack[-2].line) == ("holds_across_await",
                                                    _line_of(holds_across_await, "# the helper's call"))
    # the frames outside the loop are those of the run that took the lock (one finding per site: the first
    # run's occurrence is the one kept, its count 2)
    assert found[0].count == 2
    outer = [frame.function for frame in stack]
    assert "run_from_first" in outer and "run_from_second" not in outer


@pytest.mark.parametrize("runner", RUNNERS)
def test_each_run_of_a_loop_keeps_its_own_outer_stack(runner):
    # one session, two runs of a loop from two functions: the outer frames read once per run are not the first's
    with asynccheck.watch() as session:
        run_from_first(runner, threading.Lock())
        _run_other(runner, threading.Lock())
    found = {f.line: f for f in session.findings if f.code == "ACK201"}
    assert sorted(found) == [_line_of(holds_across_await, "# the helper's call"),
                             _line_of(also_holds_across_await, "# another site")]
    first = [frame.function for frame in found[_line_of(holds_across_await, "# the helper's call")].stack]
    other = [frame.function for frame in found[_line_of(also_holds_across_await, "# another site")].stack]
    assert "run_from_first" in first and "_run_other" not in first
    assert "_run_other" in other and "run_from_first" not in other
    assert other[-1] == "also_holds_across_await"


def _run_other(runner, lock):
    _run(runner, also_holds_across_await(lock))


@pytest.mark.parametrize("runner", RUNNERS)
def test_lock_released_in_its_step_is_quiet(runner):
    with asynccheck.watch() as session:
        _run(runner, releases_in_step(threading.Lock()))
    assert [f.code for f in session.findings if f.code == "ACK201"] == []


def test_line_at_is_the_frames_line():
    frame = sys._getframe()
    while frame is not None:
        assert line_at(frame.f_code, frame.f_lasti) == (frame.f_lineno or 0)
        frame = frame.f_back


def test_positions_read_later_give_the_lines_of_then():
    def where():
        caller = sys._getframe(1)
        return FrameFilter.positions(caller), [(f.f_code.co_filename, f.f_lineno) for f in _outwards(caller)]

    positions, then = where()
    moved = 1  # noqa: F841  (this frame moves on past the line where the stack was kept)
    assert [(r.path, r.line) for r in FrameFilter.at_positions(positions)] == then[-len(positions):]


def _outwards(frame):
    frames = []
    while frame is not None:
        frames.append(frame)
        frame = frame.f_back
    return frames[::-1]
