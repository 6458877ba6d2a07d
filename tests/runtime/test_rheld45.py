"""What rheld45's blind held-out suite and its robustness programs found.

A step whose C work held the GIL inside an instruction that does not hand it over (a `FOR_ITER` over
`pattern.finditer(big)`, each `__next__` backtracking) let go of it only when the step entered its next function
(`q.task_done()` on the line after `results[k] = scan(buf)`): the late look found the step there, and the stall
was reported at the `task_done()` line. It is now reported at the line before, whose work it was, when the line
found did nothing but load the call's arguments (runtime/gil_handover.py).

`copy.deepcopy` of an asyncio Lock, Event, Semaphore or Queue nobody had waited on, which python copies, raised
TypeError under the checker: the ACK401 notes on each object hold a loop (runtime/copied_state.py). And
`threading.Lock.__name__` read "Lock" where python's is "allocate_lock" (up to 3.12)."""
import asyncio
import copy
import pickle
import re
import sys
import threading

import pytest

import asynccheck
from asynccheck.runtime.gil_handover import at_entry, line_before_call
from tests.runtime.source_lines import SourceLines

_SOURCE = SourceLines(__file__)
# (the interpreter's `RESUME`, where a function's entry hands the GIL over, and `co_lines` are 3.11's: before, the
# line stays the one found)
# (up to 3.9 each asyncio object holds its loop from the moment it is made: python cannot copy one either)
_UNBOUND = pytest.mark.skipif(sys.version_info < (3, 10), reason="asyncio objects are bound when made up to 3.9")
_RESUMES = pytest.mark.skipif(sys.version_info < (3, 11), reason="the RESUME instruction is 3.11's")


def _probe(*args):
    return line_before_call(sys._getframe(1))


def _work():
    return 1


def _stored_then_called():
    results = {}
    results["k"] = _work()  # the work before
    return _probe()


def _work_on_the_same_line():
    return _probe(_work())


def _loaded_only_after_a_loop():
    total = 0
    for i in range(3):
        total += i  # the loop's last work
    return _probe(total)


@_RESUMES
def test_a_call_whose_line_only_loads_its_arguments_points_at_the_line_before():
    assert _stored_then_called() == _SOURCE.line("# the work before")
    # a line that did work of its own before its call keeps its line
    assert _work_on_the_same_line() is None


@_RESUMES
def test_the_line_before_is_the_last_instruction_that_worked():
    # (the loop's end jumps back to its head: the instruction before the call in the code is the loop's exit)
    assert _loaded_only_after_a_loop() in (_SOURCE.line("for i in range(3)"), _SOURCE.line("# the loop's last work"))


@_RESUMES
def test_at_entry_only_before_the_first_instruction_ran():
    def gen():
        yield 1

    unstarted = gen()
    assert at_entry(unstarted.gi_frame)
    assert not at_entry(sys._getframe())
    next(unstarted)
    assert not at_entry(unstarted.gi_frame)


NUMBERS = re.compile(r"(\d+)\s*ERROR:")


def _scan(buf):
    return [m.group(1) for m in NUMBERS.finditer(buf)]


class _Tally:
    def __init__(self):
        self.done = 0

    def mark(self):
        self.done += 1


async def _worker(buf, tally):
    await asyncio.sleep(0.03)  # (the watchdog's first looks)
    results = {}
    results["big"] = _scan(buf)  # the scan holding the GIL
    tally.mark()
    await asyncio.sleep(0)
    return results


@_RESUMES
@pytest.mark.parametrize("size, stalls", [pytest.param(9000, True, id="a long scan"),
                                          pytest.param(50, False, id="a short scan")])
def test_a_c_iterator_holding_the_gil_is_reported_at_its_line_not_at_the_next_call(size, stalls):
    buf = "ts " + "7" * size + " no error here"
    for _ in range(3):  # (a loaded machine may keep the watchdog off a CPU past the step: a sampling race)
        with asynccheck.watch(select=["ACK120"]) as session:
            asyncio.run(_worker(buf, _Tally()))
        found = _SOURCE.found(session, "ACK120")
        if found or not stalls:
            break
    assert found == ([_SOURCE.line("# the scan holding the GIL")] if stalls else [])


def _copies():
    async def main():
        made = [asyncio.Lock(), asyncio.Event(), asyncio.Semaphore(2), asyncio.Queue(), asyncio.Condition()]
        made[3].put_nowait("item")
        out = []
        for obj in made:
            clone = copy.deepcopy(obj)
            out.append((type(clone).__name__, sorted(k for k in vars(clone) if not k.startswith("_asynccheck_"))))
        out.append(copy.deepcopy(made[3]).get_nowait())
        out.append(type(pickle.loads(pickle.dumps(made[0]))).__name__)
        return out

    return asyncio.run(main())


@_UNBOUND
def test_asyncio_objects_copy_and_pickle_as_under_python():
    plain = _copies()
    with asynccheck.watch():
        checked = _copies()
    assert checked == plain


@_UNBOUND
def test_a_copy_leaves_the_original_checked():
    """The copy drops the checker's notes; the original keeps them: a thread's set() of it is still reported."""
    async def main():
        event = asyncio.Event()
        copy.deepcopy(event)
        thread = threading.Thread(target=event.set)  # the thread's set
        thread.start()
        await asyncio.to_thread(thread.join)
        return event.is_set()

    with asynccheck.watch(select=["ACK401"]) as session:
        assert asyncio.run(main())
    assert _SOURCE.found(session, "ACK401") == [_SOURCE.line("# the thread's set")]


def test_threading_lock_keeps_python_s_name_and_pickles_by_reference():
    plain = (threading.Lock.__name__, threading.RLock.__name__)
    with asynccheck.watch():
        assert (threading.Lock.__name__, threading.RLock.__name__) == plain
        assert pickle.loads(pickle.dumps(threading.Lock)) is threading.Lock


class _App:
    async def _client(self, reader, writer):
        writer.close()

    async def serve(self, drop):
        server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        server.close()
        if drop:
            server.wait_closed()  # dropped, never awaited
        else:
            closing = server.wait_closed()
            await closing
        await asyncio.sleep(0)


@pytest.mark.parametrize("drop", [pytest.param(True, id="dropped"), pytest.param(False, id="kept and awaited")])
def test_a_compiled_coroutine_of_uvloop_dropped_is_reported_at_its_line(drop):
    """uvloop's `Server.wait_closed()` is a Cython coroutine: its finalizer warns by itself, not through the
    function python calls for its own coroutines, and was not reported on uvloop."""
    uvloop = pytest.importorskip("uvloop")
    with asynccheck.watch(select=["ACK301"]) as session:
        with pytest.warns(RuntimeWarning, match="never awaited") if drop else _no_warning():
            loop = uvloop.new_event_loop()
            try:
                loop.run_until_complete(_App().serve(drop))
            finally:
                loop.close()
    assert _SOURCE.found(session, "ACK301") == ([_SOURCE.line("# dropped, never awaited")] if drop else [])


class _no_warning:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

