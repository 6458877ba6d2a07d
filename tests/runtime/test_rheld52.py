"""What rheld52's blind runs found. A blocking call made in a callback the loop ran is reported in that callback,
where it entered the program's helper; a lambda handed to `add_done_callback` that only forwards to the program's
function (`lambda f: self.db.persist(base, f)`) made the lambda's line the report's, where the same callback
written as a `functools.partial` was reported inside the function: the lambda is the function's adapter now.
A program's audit hook (`sys.addaudithook`) recorded the watchdog's own look at the threads (`os.listdir`,
`open` of their schedstat files); and the process was named after the console script, `asynccheck`."""
import asyncio
import functools
import os
import sys
import threading
import time

import pytest

import asynccheck
from asynccheck.runtime.plain_stack import CHECKER_THREADS
from tests.runtime.source_lines import SourceLines

SOURCE = SourceLines(__file__)


def persist(rows, fut):
    rows.append(fut.result())
    time.sleep(0.001)  # persisted


def _blocking_lines(register):
    with asynccheck.watch(select=["ACK101"]) as session:
        loop = asyncio.new_event_loop()

        async def main():
            rows = []
            fut = loop.create_future()
            register(fut, rows)
            fut.set_result(1)
            await asyncio.sleep(0.01)
            return rows

        assert 1 in loop.run_until_complete(main())
        loop.close()
    return SOURCE.found(session, "ACK101")


def test_forwarding_lambda_is_its_functions_adapter():
    lines = _blocking_lines(lambda fut, rows: fut.add_done_callback(lambda f: persist(rows, f)))
    assert lines == [SOURCE.line("# persisted")]


def test_forwarding_lambda_and_partial_agree():
    by_partial = _blocking_lines(lambda fut, rows: fut.add_done_callback(functools.partial(persist, rows)))
    by_lambda = _blocking_lines(lambda fut, rows: fut.add_done_callback(lambda f: persist(rows, f)))
    assert by_partial == by_lambda == [SOURCE.line("# persisted")]


def test_lambda_that_blocks_itself_is_the_line():
    lines = _blocking_lines(lambda fut, rows: fut.add_done_callback(
        lambda f: (rows.append(f.result()), time.sleep(0.001))))  # the lambda blocks
    assert lines == [SOURCE.line("# the lambda blocks")]


def test_lambda_doing_more_than_forwarding_is_the_line():
    lines = _blocking_lines(lambda fut, rows: fut.add_done_callback(
        lambda f: (rows.append(0), persist(rows, f))))  # does more than forward
    assert lines == [SOURCE.line("# does more than forward")]


def test_named_callback_calling_a_helper_stays_at_its_call():
    def on_done(rows, fut):
        persist(rows, fut)  # the callback enters the helper

    lines = _blocking_lines(lambda fut, rows: fut.add_done_callback(functools.partial(on_done, rows)))
    assert lines == [SOURCE.line("# the callback enters the helper")]


_AUDITED = []


def _audit(event, args):
    if event == "os.listdir" and args and args[0] == "/proc/rheld52-audit-probe":
        _AUDITED.append(threading.get_ident())


def _list_probe():
    try:
        os.listdir("/proc/rheld52-audit-probe")
    except OSError:
        pass


def test_program_audit_hook_skips_checker_threads():
    with asynccheck.watch(select=["ACK101"]):
        sys.addaudithook(_audit)  # (for good: audit hooks cannot be removed; it ignores every other event)
        checker_side = []

        def as_checker_thread():
            CHECKER_THREADS.add(threading.get_ident())
            try:
                _list_probe()
            finally:
                CHECKER_THREADS.discard(threading.get_ident())
            checker_side.append(True)

        t = threading.Thread(target=as_checker_thread)
        t.start()
        t.join()
        _list_probe()
    assert checker_side == [True]
    assert _AUDITED == [threading.get_ident()]
    assert sys.addaudithook is not None and sys.addaudithook.__name__ == "addaudithook"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/comm is Linux's")
def test_process_takes_the_interpreters_name():
    from asynccheck.cli.process_name import take_interpreter_name

    with open("/proc/self/comm") as f:
        before = f.read().strip()
    try:
        take_interpreter_name()
        with open("/proc/self/comm") as f:
            assert f.read().strip() == os.path.basename(sys.executable)[:15]
    finally:
        with open("/proc/self/comm", "w") as f:
            f.write(before)
