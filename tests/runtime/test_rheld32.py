"""What rheld32's held-out suite (worker pools, pub/sub, rate limiters, connection pools, repositories, timers,
two loops, anyio, Starlette under uvicorn, websockets) found: a stall at a line whose blocking call is reported
already was a second finding for the same line (`httpx.get(url)` builds its SSL context, ~100 ms of CPU, before
it connects: ACK120 beside ACK102), though the one fix, handing the call to a thread, removes both."""
import asyncio
import dataclasses
import time

import pytest

import asynccheck
from asynccheck.runtime.watchdog import _Step


def _found(session, code):
    return sorted(f.line for f in session.findings if f.code == code and f.path == __file__)


with open(__file__, encoding="utf-8") as _source:
    _LINES = _source.read().splitlines()


def _line(text):
    return next(n for n, line in enumerate(_LINES, 1) if text in line and "_line(" not in line)


def _burn(seconds):
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def _client_get(setup=0.0):
    """A sync client's call: CPU work of its own first (a client's set-up), then a blocking wait."""
    _burn(setup)
    time.sleep(0.001)


def _stall_of(session, line, lines_busy=0.4):
    """Ask the session's watchdog to end a step of ``lines_busy`` seconds spent at ``line`` of this file."""
    watchdog = session.runtime.watchdog
    step = _Step(None, time.perf_counter(), lines_busy)
    step.lines[(__file__, line, 5)] = 10
    watchdog._steps[-1] = step
    watchdog._finish(-1)


def test_a_stall_at_a_line_whose_blocking_call_is_reported_is_not_a_second_finding():
    async def main():
        await asyncio.sleep(0)
        _client_get()  # client set-up and wait

    with asynccheck.watch() as session:
        asyncio.run(main())
        _stall_of(session, _line("# client set-up and wait"))
    assert _found(session, "ACK101") == [_line("# client set-up and wait")]
    assert _found(session, "ACK120") == []


def test_a_stall_elsewhere_in_the_step_of_a_blocking_call_is_still_reported():
    async def main():
        await asyncio.sleep(0)
        sum(range(10))  # CPU work of its own
        time.sleep(0.001)  # then a blocking call

    with asynccheck.watch() as session:
        asyncio.run(main())
        _stall_of(session, _line("# CPU work of its own"))
    assert _found(session, "ACK101") == [_line("# then a blocking call")]
    assert _found(session, "ACK120") == [_line("# CPU work of its own")]


@pytest.mark.filterwarnings("ignore:coroutine .* was never awaited")
def test_a_stall_at_a_line_with_another_kind_of_finding_is_still_reported():
    async def job():
        await asyncio.sleep(0)

    async def main():
        job()  # a dropped coroutine, at the stall's line
        await asyncio.sleep(0)

    with asynccheck.watch() as session:
        asyncio.run(main())
        _stall_of(session, _line("# a dropped coroutine, at the stall's line"))
    assert _found(session, "ACK301") == [_line("# a dropped coroutine, at the stall's line")]
    assert _found(session, "ACK120") == [_line("# a dropped coroutine, at the stall's line")]


def test_the_real_watchdog_reports_the_blocking_call_alone_at_its_line():
    async def main():
        await asyncio.sleep(0)
        _client_get(setup=0.3)  # the whole step at one line
        await asyncio.sleep(0)

    with asynccheck.watch(stall_ms=50) as session:
        asyncio.run(main())
    assert _found(session, "ACK101") == [_line("# the whole step at one line")]
    assert _found(session, "ACK120") == []


# -- a method dataclasses made, called by the program -----------------------------------------------------------------
@dataclasses.dataclass
class Channel:
    name: str
    inbox: asyncio.Queue = dataclasses.field(default_factory=asyncio.Queue)


@dataclasses.dataclass
class Mailbox:
    owner: str
    inbox: asyncio.Queue

    @classmethod
    def open(cls, owner):
        return cls(owner, asyncio.Queue())  # made by the program, handed to the dataclass


def _fill(inbox):
    for i in range(30):
        inbox.put_nowait(i)


def _ack501_sites(make):
    async def main():
        _fill(make().inbox)

    with asynccheck.watch(queue_threshold=20) as session:
        asyncio.run(main())
    return [(f.path, f.line) for f in session.findings if f.code == "ACK501"]


def test_a_queue_a_dataclass_makes_for_its_field_is_reported_at_the_field():
    assert _ack501_sites(lambda: Channel("audit")) == [(__file__, _line("inbox: asyncio.Queue = dataclasses"))]


def test_a_queue_the_program_hands_to_a_dataclass_is_reported_where_it_made_it():
    assert _ack501_sites(lambda: Mailbox.open("ann")) == [(__file__, _line("# made by the program, handed"))]


def test_a_method_dataclasses_made_is_not_the_programs_line():
    import sys

    from asynccheck.runtime.frames import FrameFilter

    captured = []

    @dataclasses.dataclass
    class Point:
        x: int

        def __post_init__(self):
            captured.append(sys._getframe(1))  # the generated __init__

    Point(1)  # the program calls the generated __init__
    frames = FrameFilter()
    assert frames.user_frame(captured[0]).f_code is sys._getframe().f_code
    assert frames.field_site(captured[0]) is None  # (no field's default being made there)


def test_code_the_program_compiles_from_a_string_is_still_the_programs():
    namespace = {"asyncio": asyncio}
    exec("def make():\n    return asyncio.Queue()\n", namespace)

    async def main():
        inbox = namespace["make"]()
        for i in range(30):
            inbox.put_nowait(i)

    with asynccheck.watch(queue_threshold=20) as session:
        asyncio.run(main())
    assert [(f.path, f.line) for f in session.findings if f.code == "ACK501"] == [("<string>", 2)]
