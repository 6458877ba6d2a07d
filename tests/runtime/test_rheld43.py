"""What rheld43's blind held-out suite and its probes found. A coroutine dropped by a conditional expression used
as a statement (`self.flush() if dirty else None`) is freed at the POP_TOP where both arms meet, an instruction
the compiler gives no line: the finding was reported at line 0, and python's own "never awaited" warning, placed
again by the checker at that frame, raised inside warn_explicit (its source lookup for a line below 1) and printed
"Exception ignored in" on the program's stderr. Such an instruction now counts as the line of the code just before
it, and the warning is placed at line -1 with no source, as python places it.

A threading lock taken by an async context manager's `__aenter__` and held by the `async with` block across an
await was reported at the acquire inside `__aenter__`; the linter, and the runtime for a sync context manager's
`with locked():`, report the line that entered it. It is now reported at the `async with`. (A coroutine of
another name that returns holding the lock, `await claim()`, keeps its acquire line: tests/runtime/programs/
lock_helpers.py; the linter reports neither.)"""
import asyncio
import subprocess
import sys
import textwrap
import threading

import pytest

import asynccheck
from asynccheck.runtime.frames import line_at
from tests.runtime.source_lines import SourceLines

# (asyncio.Runner, which runs each case on both loops, is 3.11's; so is the line-less instruction where the arms of
# a conditional expression meet, and python's warning placed at line -1 for it)
pytestmark = pytest.mark.skipif(sys.version_info < (3, 11), reason="asyncio.Runner and the shape are 3.11's")

_SOURCE = SourceLines(__file__)
_line, _found = _SOURCE.line, _SOURCE.found


class _Writer:
    def __init__(self):
        self.sent = []

    async def flush(self):
        self.sent.append("flushed")

    async def noop(self):
        return None

    async def write_dropping(self, dirty):
        self.flush() if dirty else None  # dropped where the arms meet
        await asyncio.sleep(0)

    async def write_awaiting(self, dirty):
        await (self.flush() if dirty else self.noop())
        await asyncio.sleep(0)


def _loop_factories():
    try:
        import uvloop
    except ImportError:
        return [None]
    return [None, uvloop.new_event_loop]


def _run(method):
    sessions = []
    for factory in _loop_factories():
        with asynccheck.watch() as session:
            with asyncio.Runner(loop_factory=factory) as runner:
                runner.run(method(_Writer(), True))
            session.collect()
        sessions.append(session)
    return sessions


def test_a_coroutine_dropped_by_a_conditional_expression_is_reported_at_its_line():
    for session in _run(_Writer.write_dropping):
        assert _found(session, "ACK301") == [_line("# dropped where the arms meet")]


def test_a_conditional_expression_that_is_awaited_is_no_finding():
    for session in _run(_Writer.write_awaiting):
        assert _found(session, "ACK301") == []


def test_an_instruction_with_no_line_takes_the_line_of_the_code_before_it():
    code = _Writer.write_dropping.__code__
    lineless = [start for start, _end, line in code.co_lines() if line is None and start > 0]
    assert lineless  # (the POP_TOP where the arms meet, on 3.11 and 3.13)
    assert all(line_at(code, offset) > 0 for offset in lineless)
    assert line_at(code, lineless[0]) == _line("# dropped where the arms meet")


_PROGRAM = textwrap.dedent("""\
    import asyncio

    async def flush():
        pass

    async def write(dirty):
        flush() if dirty else None
        await asyncio.sleep(0)

    asyncio.run(write(True))
    print("done")
""")


def test_pythons_warning_for_it_is_printed_as_under_python(tmp_path):
    program = tmp_path / "conditional_drop.py"
    program.write_text(_PROGRAM)
    plain = subprocess.run([sys.executable, str(program)], capture_output=True, text=True, timeout=60)
    checked = subprocess.run([sys.executable, "-m", "asynccheck", "run", "-o", str(tmp_path / "report.txt"),
                              str(program)], capture_output=True, text=True, timeout=60)
    assert (checked.returncode, checked.stdout, checked.stderr) == (plain.returncode, plain.stdout, plain.stderr)
    assert ":-1: RuntimeWarning: coroutine 'flush' was never awaited" in plain.stderr
    assert "conditional_drop.py:7:" in (tmp_path / "report.txt").read_text()


class _Exclusive:
    def __init__(self):
        self._lock = threading.Lock()

    async def __aenter__(self):
        self._lock.acquire()
        return self

    async def __aexit__(self, *exc):
        self._lock.release()
        return False


class _Slots:
    def __init__(self):
        self._lock = threading.Lock()

    async def take(self):
        self._lock.acquire()  # taken by a helper coroutine that returns holding it

    async def take_and_give(self):
        self._lock.acquire()
        self._lock.release()

    async def hold_inside(self):
        with self._lock:  # held across the helper's own await
            await asyncio.sleep(0)

    def give(self):
        self._lock.release()


async def _through_aenter():
    async with _Exclusive():  # entered through __aenter__
        await asyncio.sleep(0)


async def _through_helper():
    slots = _Slots()
    await slots.take()
    await asyncio.sleep(0)
    slots.give()


async def _helper_holds_inside():
    await _Slots().hold_inside()


async def _released_before_returning():
    slots = _Slots()
    await slots.take_and_give()
    await asyncio.sleep(0)


async def _asyncio_lock_in_aenter():
    lock = asyncio.Lock()

    class Guard:
        async def __aenter__(self):
            await lock.acquire()

        async def __aexit__(self, *exc):
            lock.release()

    async with Guard():
        await asyncio.sleep(0)


def _locks_found(main):
    lines = []
    for factory in _loop_factories():
        with asynccheck.watch() as session:
            with asyncio.Runner(loop_factory=factory) as runner:
                runner.run(main())
        lines.append(_found(session, "ACK201"))
    return lines


def test_a_lock_taken_in_aenter_is_reported_at_the_async_with_that_entered_it():
    for found in _locks_found(_through_aenter):
        assert found == [_line("# entered through __aenter__")]


def test_a_lock_taken_by_a_helper_coroutine_of_another_name_keeps_its_acquire_line():
    for found in _locks_found(_through_helper):
        assert found == [_line("# taken by a helper coroutine that returns holding it")]


def test_a_helper_coroutine_holding_the_lock_across_its_own_await_is_reported_inside_it():
    for found in _locks_found(_helper_holds_inside):
        assert found == [_line("# held across the helper's own await")]


def test_a_lock_released_before_the_helper_returns_or_an_asyncio_lock_is_no_finding():
    for main in (_released_before_returning, _asyncio_lock_in_aenter):
        assert _locks_found(main) == [[]] * len(_loop_factories())
