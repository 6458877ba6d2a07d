"""The uvloop matrix: every program of test_programs.py, run on uvloop's loop (uvloop_runner.py installs its
policy, then runs the program as `python PROGRAM` would), gives the findings marked in it, at the same lines as on
asyncio's loop, except the checks that docs/runtime.md says do not work on uvloop; its exit status and output
are those of plain python on uvloop. The doc's matrix is checked against the exceptions below, so that neither
goes stale."""
from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from asynccheck import rules
from tests.runtime.test_programs import CASES, PROGRAMS, STDIN, checked, marked, python, runs_here

RUNNER = str(Path(__file__).parent / "uvloop_runner.py")
DOC = Path(__file__).resolve().parents[2] / "docs" / "runtime.md"
# code -> why it is not seen on uvloop (the doc's matrix says the same)
NOT_ON_UVLOOP: dict = {}
# code -> what is not seen on uvloop; the lines of such findings are marked `# ACKnnn (asyncio only ...)`
PARTLY_ON_UVLOOP = {
    "ACK401": "up to 3.11, a future's method called through another name than its own (`setter = fut.set_result`) "
              "wakes its waiter through uvloop's compiled call_soon, not wrapped; the program's `fut.set_result(...)` "
              "call sites are checked where they are (Queue/Event/Lock... and the program's tasks cancelled too)",
    "ACK402": "up to 3.11, uvloop's compiled call_soon called through another name; the program's "
              "`loop.call_soon(...)` call sites are checked (call_later, call_at, create_task are wrapped)",
}
ASYNCIO_ONLY = re.compile(r"#\s*(ACK\d{3})\s*\(asyncio only( up to 3\.11)?")


def asyncio_only(path: Path, recent: bool = sys.version_info >= (3, 12)) -> set:
    """The marks not seen on uvloop (those marked "up to 3.11" are seen there from 3.12: sys.monitoring)."""
    return {(code, n) for n, line in enumerate(path.read_text().splitlines(), 1)
            for code, upto in ASYNCIO_ONLY.findall(line) if not (upto and recent)}


@pytest.mark.parametrize("name", CASES)
def test_program_on_uvloop(name, tmp_path):
    pytest.importorskip("uvloop", reason="uvloop is not installed (it does not support this platform)")
    runs_here(name)
    path = PROGRAMS / f"{name}.py"
    plain = python(RUNNER, str(path), input=STDIN.get(name, ""))
    quiet = [] if name.startswith("stall") else ["--ignore", "ACK120"]  # as in test_programs: load stalls
    proc, data = checked(tmp_path, "--select", "ALL", *quiet, RUNNER, str(path), input=STDIN.get(name, ""))
    assert proc.returncode == plain.returncode, proc.stderr
    assert proc.stdout == plain.stdout
    found = {(f["code"], f["line"]) for f in data["findings"] if Path(f["path"]).name == path.name}
    expected = {(code, line) for code, line in marked(path) if code not in NOT_ON_UVLOOP} - asyncio_only(path)
    assert found == expected, json.dumps(data["findings"], indent=1)
    assert all(Path(f["path"]).name == path.name for f in data["findings"])  # nothing blamed on the runner
    for stall in (f for f in data["findings"] if f["code"] == "ACK120"):
        assert stall["duration"] >= 0.1 and stall["thread"] == "MainThread"
        # a task's step, or a callback (stall_helpers has both: its callback's mark says so)
        mark = path.read_text().splitlines()[stall["line"] - 1]
        in_task = name in ("stall", "stall_gil", "stall_nested") or (name == "stall_helpers" and "callback" not in mark)
        assert stall.get("task") == ("Task-1" if in_task else None)


def doc_matrix():
    """{code: (on asyncio, on uvloop)} from the table of the doc's uvloop section: "yes", "partly" or "no"."""
    text = DOC.read_text()
    section = text[text.index("\n## uvloop"):]
    section = section[:section.find("\n## ", 1)] if "\n## " in section[1:] else section
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"ACK\d{3}", cells[0]):
            rows[cells[0]] = tuple(_says(c) for c in cells[1:3])
    return rows


def _says(cell: str) -> str:
    assert cell.startswith(("yes", "no", "partly")), cell
    return cell.split(":")[0].split()[0]


def test_doc_matrix_agrees_with_the_tests():
    matrix = doc_matrix()
    assert set(matrix) == {r.code for r in rules.RULES if r.runtime}  # one row per runtime check
    assert all(on_asyncio == "yes" for on_asyncio, _ in matrix.values())
    assert {code for code, (_, on_uvloop) in matrix.items() if on_uvloop == "no"} == set(NOT_ON_UVLOOP)
    assert {code for code, (_, on_uvloop) in matrix.items() if on_uvloop == "partly"} == set(PARTLY_ON_UVLOOP)
    # a partly-supported code has lines that are seen on uvloop and lines that are not, both tried
    for code in PARTLY_ON_UVLOOP:
        lines = [(name, mark) for name in CASES for mark in marked(PROGRAMS / f"{name}.py") if mark[0] == code]
        only = {(name, mark) for name in CASES for mark in asyncio_only(PROGRAMS / f"{name}.py", recent=False)}
        assert only and set(lines) - only, code
    # every row is tried by a program of the matrix
    tried = {code for name in CASES for code, _ in marked(PROGRAMS / f"{name}.py", here=False)}
    assert set(matrix) <= tried


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_a_stuck_uvloop_loop_is_reported_at_once(tmp_path):
    """The hang notice on uvloop: the step is found from the loop's `run_forever` frame."""
    pytest.importorskip("uvloop", reason="uvloop is not installed (it does not support this platform)")
    report = tmp_path / "report.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "asynccheck", "run", "--hang-ms", "300", "--ignore", "ACK120", "--format", "json",
         "--output", str(report), RUNNER, str(PROGRAMS / "deadlock.py")], stderr=subprocess.PIPE, text=True)
    try:
        notice = ""
        deadline = time.monotonic() + 60
        while "which is waiting at" not in notice:  # deadlocked: it never ends by itself
            assert time.monotonic() < deadline and proc.poll() is None, notice
            notice += proc.stderr.readline()
        assert "has been stuck in one step" in notice and "(task 'Task-3')" in notice
        assert "deadlock.py:17 in taker" in notice and "threading.Lock taken by task 'Task-2' at " in notice
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == -signal.SIGTERM
        assert [(f["code"], f["line"]) for f in json.loads(report.read_text())["findings"]] == [("ACK201", 10)]
    finally:
        proc.kill()
        proc.stderr.close()
