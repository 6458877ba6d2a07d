"""A full garbage collection holds the GIL as a C call does, for as long as it walks every object tracked, and it
begins at whichever allocation passes the collector's threshold: in a step of microseconds as well as in a long
one. The watchdog, waiting for the GIL meanwhile, came late and credited the step it then found with that wait,
as it does a regular expression backtracking (ACK120 at a worker's `await asyncio.sleep(0)` in the bench's tasks
workload on Python 3.9, where the GIL is handed over at that line after a collection of 0.1-0.3 s). A late look
made while a full collection ran credits no step with its wait; a step seen running at two looks still counts
one within it."""
import json
import subprocess
import sys

# the heap is taken for new since the last full collection (frozen while it runs, then let go), so that one of
# the next few allocations begins a full one: in a short step, `tick`'s
FULL_COLLECTION_IN_A_SHORT_STEP = """
import asyncio
import gc
import time

HEAP = [[] for _ in range(500_000)]  # containers the collector tracks: a full collection walks them all


async def tick(kept):
    await asyncio.sleep(0)
    kept.append([[] for _ in range(20)])  # TICK


def spin(seconds):
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


async def main():
    await asyncio.sleep(0.2)
    gc.freeze()
    gc.collect()
    gc.unfreeze()
    gc.set_threshold(50, 1, 1)
    full, kept = gc.get_stats()[-1]["collections"], []
    while gc.get_stats()[-1]["collections"] == full:
        await tick(kept)
    gc.set_threshold(700, 10, 10)
    await asyncio.sleep(0.05)
    spin(0.3)  # STALL


asyncio.run(main())
"""


def _line(text, mark):
    return next(n for n, line in enumerate(text.splitlines(), 1) if mark in line)


def test_a_full_collection_begun_in_a_short_step_is_no_stall_of_its_line(tmp_path):
    program = tmp_path / "full_collection.py"
    program.write_text(FULL_COLLECTION_IN_A_SHORT_STEP)
    report = tmp_path / "report.json"
    done = subprocess.run([sys.executable, "-m", "asynccheck", "run", "--select", "ACK120", "--stall-ms", "20",
                           "--format", "json", "--output", str(report), str(program)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = [f["line"] for f in json.loads(report.read_text())["findings"] if f["code"] == "ACK120"]
    # the true stall of the same program is still found (the watchdog was looking), the collection's is not
    assert _line(FULL_COLLECTION_IN_A_SHORT_STEP, "# STALL") in lines, lines
    assert _line(FULL_COLLECTION_IN_A_SHORT_STEP, "# TICK") not in lines, lines
