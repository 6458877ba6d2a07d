"""The checker's own work on the loop's thread (recording a finding: the caller's stack, the noqa comments read
from the program's source, the first finding's imports) is no part of the step's time: on a loaded machine that
work took over 100 ms and the pytest plugin's suite found an ACK120 at a `time.sleep(0.001)` line whose call
was ACK101 (a clean step, flagged for the checker's time). Here the checker's work is made slow on purpose,
busy on the CPU, so nothing depends on how busy the machine is."""
import asyncio
import time

import asynccheck

SLOW_S = 0.3  # the checker's CPU time per report (6 x the threshold below)


def _spin(seconds):
    # the thread's own CPU time: on a loaded machine wall time spent waiting for a CPU is rightly no stall
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def _findings():
    async def main():
        time.sleep(0.001)  # the blocking call
        await asyncio.sleep(0)

    with asynccheck.watch(select=["ACK101", "ACK120"], stall_ms=50) as session:
        recorder = session.runtime.recorder
        accept = recorder.accept

        def slow_accept(code, path, line):  # (where the noqa comments are read from the program's source)
            _spin(SLOW_S)
            return accept is None or accept(code, path, line)

        recorder.accept = slow_accept
        asyncio.run(main())
    return sorted(f.code for f in session.findings if f.path == __file__)


def test_time_spent_recording_a_finding_is_no_stall():
    assert _findings() == ["ACK101"]


def test_the_same_time_spent_by_the_program_is_a_stall():
    async def main():
        time.sleep(0.001)
        _spin(SLOW_S)  # the program's own
        await asyncio.sleep(0)

    with asynccheck.watch(select=["ACK101", "ACK120"], stall_ms=50) as session:
        asyncio.run(main())
    assert sorted(f.code for f in session.findings if f.path == __file__) == ["ACK101", "ACK120"]
