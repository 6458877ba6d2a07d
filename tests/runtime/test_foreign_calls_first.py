"""A loop object used from a foreign thread (ACK401/402): the thread's call runs first, as under python, and the
finding is made out of its way. Building it there (a first finding's imports, the noqa comments read from the
source, the listeners) let the loop's thread run on before the call: on 3.13 with uvloop a future failed from a
reader thread was set only after the loop had gone to sleep, and `wait_for(fut, 5)` timed out."""
from __future__ import annotations

import asyncio
import sys
import threading

import pytest

import asynccheck

from tests.runtime.both_loops import LOOPS


def new_loop(kind):
    if kind == "uvloop":
        import uvloop

        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


def run_on(kind, main):
    loop = new_loop(kind)
    try:
        loop.run_until_complete(main())
    finally:
        loop.close()


def fail_waiter(loop, worker):
    """A future the loop awaits, failed from the thread (asyncio: its waiter is woken through call_soon)."""
    fut = loop.create_future()
    worker(lambda: fut.set_exception(ConnectionResetError("peer closed")))  # ACK401
    return fut


def set_event(loop, worker):
    """An asyncio Event the loop waits on, set from the thread (a pure-Python object)."""
    event = asyncio.Event()
    waiter = loop.create_task(event.wait())
    worker(event.set)  # handed: no frame of the program's on the thread's stack
    return waiter


def schedule(loop, worker):
    """``loop.call_later`` from the thread (the scheduling methods' check; uvloop's is compiled)."""
    fut = loop.create_future()
    worker(lambda: loop.call_later(0, fut.set_result, 1))  # ACK402
    return fut


SHAPES = {"fail_waiter": fail_waiter, "set_event": set_event, "schedule": schedule}


@pytest.mark.parametrize("loop_kind", LOOPS)
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_foreign_threads_call_comes_before_the_finding(shape, loop_kind):
    if (shape, loop_kind) == ("fail_waiter", "uvloop") and sys.version_info < (3, 12):
        pytest.skip("up to 3.11 a C future's setter is seen in the program's code rewritten as it loads, not here")
    workers, told = [], []

    def worker(call):
        def run():
            call()
        workers.append(threading.Thread(target=run))

    async def main():
        loop = asyncio.get_running_loop()
        waiting = asyncio.ensure_future(asyncio.wait_for(SHAPES[shape](loop, worker), 5))
        await asyncio.sleep(0.01)  # (the loop awaits the object before the thread uses it)
        workers[0].start()
        try:
            await waiting
        except ConnectionResetError:
            pass
        workers[0].join()

    with asynccheck.watch(select=["ACK401", "ACK402"]) as session:
        session.listeners.append(lambda f: told.append((f.code, threading.get_ident())))
        run_on(loop_kind, main)
        found = session.findings
    assert [f.code for f in found] == ["ACK402" if shape == "schedule" else "ACK401"], found
    assert told and workers[0].ident not in {ident for _, ident in told}


def test_raise_mode_still_raises_at_the_call():
    """``--raise``: the finding is the exception, raised on the thread before the call, as it was."""
    errors = []

    async def main():
        loop = asyncio.get_running_loop()
        fut = loop.create_future()

        def run():
            try:
                loop.call_soon(fut.set_result, 1)
            except asynccheck.runtime.CheckerError as e:
                errors.append(e)
            loop.call_soon_threadsafe(fut.set_result, 2)

        thread = threading.Thread(target=run)
        thread.start()
        assert await fut == 2
        thread.join()

    with asynccheck.watch(raise_on_finding=True, select=["ACK401", "ACK402"]):
        asyncio.run(main())
    assert len(errors) == 1 and "ACK402" in str(errors[0])


@pytest.mark.parametrize("loop_kind", LOOPS)
def test_a_call_repeated_by_a_thread_is_counted_where_it_waits(loop_kind):
    """A worker scheduling once per item: one entry waits to be recorded, with the count, not one per call
    (with ACK402 alone no watchdog runs to record them as they come)."""
    if loop_kind == "uvloop" and sys.version_info < (3, 12):
        pytest.skip("up to 3.11 uvloop's compiled call_soon is seen in the program's code rewritten as it loads")
    waiting = []

    async def main():
        loop = asyncio.get_running_loop()
        got = []

        def work():
            for i in range(500):
                loop.call_soon(got.append, i)  # ACK402
            waiting.append(len(recorder.deferred))

        thread = threading.Thread(target=work)
        thread.start()
        await asyncio.get_running_loop().run_in_executor(None, thread.join)
        await asyncio.sleep(0.01)
        assert len(got) == 500

    with asynccheck.watch(select=["ACK402"]) as session:
        recorder = session.runtime.recorder
        run_on(loop_kind, main)
        found = session.findings
    assert [(f.code, f.count) for f in found] == [("ACK402", 500)]
    assert waiting == [1]


def test_many_waiting_findings_are_recorded_one_after_another():
    """Each of 300 threads schedules once: 300 entries wait (a thread's name is part of a finding), recorded in a
    row, not each from inside the previous one's record (that nested 300 deep)."""
    async def main():
        loop = asyncio.get_running_loop()
        got = []

        def work(i):
            loop.call_soon(got.append, i)  # ACK402

        for i in range(300):
            thread = threading.Thread(target=work, args=(i,))
            thread.start()
            thread.join()
        await asyncio.sleep(0.01)
        assert len(got) == 300

    with asynccheck.watch(select=["ACK402"]) as session:
        asyncio.run(main())
        found = session.findings
    assert [(f.code, f.count) for f in found] == [("ACK402", 300)]
