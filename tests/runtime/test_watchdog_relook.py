"""A C call that holds the GIL (a regular expression backtracking) may begin while the watchdog is in the second
pass of a look, which hands the GIL over: its own reads of the threads' schedstat are made on the files thread
(private_files.py), which takes the GIL back only when the call returns, and the watchdog's thread only after
that, when the step may have ended (rheld33 p_cpu_regex: a busy step measuring the regex, then an await, then
the long match, missed every time on an idle machine). The thread that comes back late reads the stacks at once
(Watchdog._relook): the call is found at its line, in a new step as in a step the watchdog had seen already."""
import asyncio
import json
import re
import subprocess
import sys
import threading
import time

import pytest

import asynccheck
from asynccheck.runtime import watchdog as watchdog_module

BACKTRACKS = re.compile(r"(a+)+$")


def spin(seconds):
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


@pytest.mark.parametrize("new_step", [True, False], ids=["in a new step", "in a step seen already"])
def test_a_gil_held_call_begun_during_the_files_thread_s_read_is_reported_at_its_line(monkeypatch, new_step):
    armed, go = threading.Event(), threading.Event()
    original_read = watchdog_module._CpuWaits._read

    def read(self, now, late):
        if armed.is_set():  # a read asked in a look at the busy step: the loop's thread begins its C call now
            armed.clear()
            go.set()
            time.sleep(0.15)  # (the GIL is handed over; it comes back only when the C call returns)
        return original_read(self, now, late)

    monkeypatch.setattr(watchdog_module._CpuWaits, "_read", read)

    async def main():
        await asyncio.sleep(0.05)  # (the watchdog's first looks)
        armed.set()
        while not go.is_set():  # busy (a wait would be a blocking call's, and no look reads the waits then)
            pass
        if new_step:
            await asyncio.sleep(0)
        matched = BACKTRACKS.match("a" * 23 + "!")  # the C call: 0.1-0.5 s holding the GIL
        spin(0.03)  # the step goes on at other lines, whose samples must not outvote the call's
        return matched

    line = next(n for n, text in enumerate(open(__file__), 1) if "matched = BACKTRACKS" in text)
    for _ in range(3):  # (on a loaded machine the OS may keep this thread off a CPU past the switch interval)
        armed.clear()
        go.clear()
        with asynccheck.watch(select=["ACK120"]) as session:
            asyncio.run(main())
        stalls = [(f.code, f.line) for f in session.findings if f.path == __file__]
        if stalls == [("ACK120", line)]:
            break
    assert stalls == [("ACK120", line)], stalls



BACK_TO_BACK = """
import asyncio


async def worker():
    for _ in range(5):
        await asyncio.sleep(0)  # WORKER


async def main():
    await asyncio.gather(*(worker() for _ in range(60_000)))  # (one long step making them: a true stall)


asyncio.run(main())
"""


# Python 3.9 reports one worker's step as a stall of 120-190 ms in most runs: a full garbage collection (60k tasks
# alive: 0.1-0.6 s) begun in that step holds the GIL as a C call does, and the late look credits the step with it.
# Discounting every late look a full collection ran in lost true stalls of C calls that allocate (`json.dumps` of
# a big dict, which starts one itself): not done; telling the collection's own time apart is what is left
@pytest.mark.xfail(sys.version_info < (3, 10), reason="a worker's step is a stall on 3.9 (pre-existing)", strict=False)
def test_many_short_steps_back_to_back_make_no_stall(tmp_path):
    """The look-alike: a loop thread running Python code step after step (the bench's tasks workload) takes the
    GIL from the watchdog for a switch interval at each of a look's hand-overs, and a look may take several
    intervals in all. That is no C call holding the GIL: each hand-over is judged on its own, and a short step is
    never credited with the time of the whole look (a worker's step was reported as a 110 ms stall in 3 of 6
    runs)."""
    program = tmp_path / "back_to_back.py"
    program.write_text(BACK_TO_BACK)
    worker_lines = {n for n, text in enumerate(BACK_TO_BACK.splitlines(), 1) if "WORKER" in text or "range(5)" in text}
    for _ in range(3):
        report = tmp_path / "report.json"
        subprocess.run([sys.executable, "-m", "asynccheck", "run", "--format", "json",
                        "--output", str(report), str(program)], capture_output=True, timeout=120, cwd=tmp_path)
        lines = [f["line"] for f in json.loads(report.read_text())["findings"] if f["code"] == "ACK120"]
        assert not worker_lines & set(lines), lines
