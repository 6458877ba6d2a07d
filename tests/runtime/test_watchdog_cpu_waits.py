"""A step is a stall only for the time the loop's thread ran (or held the GIL) in it, never for the time the OS kept
it runnable off a CPU: on a loaded machine a step of a few ms seen at one look may wait 100 ms for a CPU before
the next. Once, the waits were read at a step's first sighting only when that look came late, and a clean program
of short steps was flagged on a busy CI machine.

The looks are made by the test itself, in a set order (no watchdog thread runs), and the OS's schedstat is stood in
for by a clock that says the loop's thread waited for a CPU from the first look to the second: nothing here
depends on how busy the machine is."""
import _thread
import asyncio
import threading
import time

import pytest

import asynccheck
from asynccheck.runtime import watchdog as watchdog_module

HELD_S = 1.0  # the step's time between the two looks (4 x the threshold: the looks' own time under load is left out)


def _scenario(monkeypatch, waits_for_cpu, hangs=None, contended=True, reads=None):
    """Run one step that two looks see, HELD_S apart; the stand-in schedstat says the loop's thread spent that
    time waiting for a CPU if ``waits_for_cpu`` ("by the second look"; "after it": the wait was still under way at
    the second look, and schedstat counts a wait when it ends). The session's findings; the hang notices go to
    ``hangs`` (a list), with a hang time under HELD_S. ``contended``: what the watchdog's own waits for a CPU say
    of the machine (Watchdog._cpus_contended); the looks' reads of the waits are counted in ``reads`` (a list)."""
    monkeypatch.setattr(watchdog_module.Watchdog, "_cpus_contended", lambda self, now: contended)
    def look_not(self):
        # the test looks itself; the watchdog's thread lives on, as it does (one that ended gave its id to the
        # test's loop thread, which the looks then skipped as the watchdog's)
        while not self._stop:
            time.sleep(0.01)

    monkeypatch.setattr(watchdog_module.Watchdog, "_run", look_not)
    loop_tid = []
    since = []  # when the stand-in clock began counting the loop thread's wait (the first read after arming)
    armed, looked = threading.Event(), []

    def read(self, now, came_late=None):
        if reads is not None and armed.is_set():
            reads.append(len(looked))  # (the looks made before this read)
        if not armed.is_set() or not loop_tid:
            return {1: 0}
        if not since:
            since.append(time.perf_counter())
        if waits_for_cpu == "by the second look":
            waited = time.perf_counter() - since[0]
        elif waits_for_cpu == "after it" and len(looked) == 2:
            waited = looked[1] - since[0]
        else:
            waited = 0.0
        return {loop_tid[0]: int(waited * 1e9)}

    monkeypatch.setattr(watchdog_module._CpuWaits, "read", read)
    in_step = threading.Event()
    release = _thread.allocate_lock()
    release.acquire()

    def held():
        in_step.set()
        release.acquire()  # the time between the two looks: the loop's thread off a CPU, or stuck here

    async def main():
        loop_tid.append(threading.get_native_id())
        await asyncio.sleep(0)
        held()  # the step the looks see
        await asyncio.sleep(0)

    with asynccheck.watch(select=["ACK120"], stall_ms=250) as session:
        watchdog = session.runtime.watchdog
        if hangs is not None:
            watchdog.hang_s, watchdog.on_hang = HELD_S / 2, hangs.append
        thread = threading.Thread(target=asyncio.run, args=(main(),))
        thread.start()
        assert in_step.wait(10)
        with watchdog._mutex:
            watchdog._late = False  # a look on time: nothing made the watchdog read the waits then, once
            armed.set()
            watchdog.check_loops()  # first sighting
            looked.append(time.perf_counter())
        time.sleep(HELD_S)
        with watchdog._mutex:
            watchdog.check_loops()  # the same step, HELD_S later
            looked.append(time.perf_counter())
        release.release()
        thread.join(10)
        with watchdog._mutex:
            watchdog.check_loops()  # the step has ended
    return [(f.code, f.line) for f in session.findings if f.path == __file__]


pytestmark = pytest.mark.skipif(not watchdog_module._CpuWaits().works or not hasattr(threading, "get_native_id"),
                                reason="Linux's schedstat")


@pytest.mark.parametrize("counted", ["by the second look", "after it"])
def test_time_a_step_waited_for_a_cpu_after_its_first_sighting_is_not_a_stall(monkeypatch, counted):
    assert _scenario(monkeypatch, waits_for_cpu=counted) == []


def test_the_same_time_spent_in_the_step_is_a_stall(monkeypatch):
    line = next(n for n, text in enumerate(open(__file__), 1) if "held()  # the step" in text)
    assert _scenario(monkeypatch, waits_for_cpu=None) == [("ACK120", line)]


def test_time_a_step_waited_for_a_cpu_does_not_make_it_a_hang(monkeypatch):
    # a loaded machine stretched a short step past the hang time: no "loop stuck" notice on the program's stderr
    hangs = []
    assert _scenario(monkeypatch, waits_for_cpu="by the second look", hangs=hangs) == []
    assert hangs == []


def test_a_step_that_runs_past_the_hang_time_is_told_of(monkeypatch):
    hangs = []
    _scenario(monkeypatch, waits_for_cpu=None, hangs=hangs)
    assert len(hangs) == 1 and "stuck" in hangs[0]


def test_on_an_idle_machine_a_first_sighting_reads_no_waits_and_a_stall_is_still_one(monkeypatch):
    # nothing waits for a CPU there: the read at each first sighting, a round trip to the files thread that handed
    # the GIL over and back at nearly every look of a workload of short steps, is left out; a step seen again reads
    # them from then on
    line = next(n for n, text in enumerate(open(__file__), 1) if "held()  # the step" in text)
    reads = []
    assert _scenario(monkeypatch, waits_for_cpu=None, contended=False, reads=reads) == [("ACK120", line)]
    assert reads and 0 not in reads


def test_on_a_contended_machine_the_first_sighting_reads_the_waits(monkeypatch):
    reads = []
    assert _scenario(monkeypatch, waits_for_cpu="by the second look", reads=reads) == []
    assert 0 in reads


def test_the_watchdog_s_own_waits_for_a_cpu_tell_a_contended_machine():
    watchdog = watchdog_module.Watchdog.__new__(watchdog_module.Watchdog)

    class Own:
        works = True

    watchdog._own = Own()
    watchdog._contended_at = 10.0
    assert watchdog._cpus_contended(10.0 + watchdog_module._CONTENDED_FOR / 2)
    assert not watchdog._cpus_contended(10.0 + watchdog_module._CONTENDED_FOR * 2)
    Own.works = False  # (schedstat unreadable: nothing tells an idle machine)
    assert watchdog._cpus_contended(10.0 + watchdog_module._CONTENDED_FOR * 2)
