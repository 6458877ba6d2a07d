"""The checker must not change what a program does: multiprocessing with every start method, thread pools, logging
from threads, Timer/Condition/Barrier, subprocesses, signal handlers, atexit, daemon threads and sys.exit from a
thread behave exactly as under plain python, under `asynccheck run` and under the pytest plugin in both modes."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MATRIX = Path(__file__).parent / "matrix"
METHODS = ["fork", "spawn", "forkserver"]
REPORT_TAIL = "\nNo findings; the program ended with status 4, so only the part that ran was checked.\n"


def run(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120, cwd=cwd,
                          env=dict(os.environ, **(env or {})))


@pytest.mark.parametrize("method", METHODS)
def test_program_runs_as_under_python(method):
    program = str(MATRIX / "stdlib_mix.py")
    plain = run(program, method, "4")
    checked = run("-m", "asynccheck", "run", "--ignore", "ACK120", program, method, "4")  # no load stalls
    assert plain.returncode == 4, plain.stderr
    assert checked.returncode == plain.returncode, checked.stderr
    assert checked.stdout == plain.stdout
    assert checked.stderr == plain.stderr + REPORT_TAIL  # the program's own stderr, then a clean report


@pytest.mark.parametrize("method", ["fork", "spawn"])  # forkserver costs as much as spawn and adds nothing here
def test_suite_outcomes_unchanged_by_the_plugin(method, tmp_path):
    for name in ("stdlib_mix.py", "mix_suite.py"):
        shutil.copy(MATRIX / name, tmp_path / name)
    env = {"MIX_START_METHOD": method, "PYTHONPATH": str(tmp_path)}
    common = ["-m", "pytest", "mix_suite.py", "-p", "no:cacheprovider", "-q", "-rA", "-s"]
    plain = run(*common, "-p", "no:asynccheck", cwd=tmp_path, env=env)
    assert plain.returncode == 0, plain.stdout + plain.stderr
    for mode in ("warn", "fail"):
        # a loaded machine can stall any loop for 100 ms: stalls are not what this test is about
        checked = run(*common, "--asynccheck", f"--asynccheck-mode={mode}", "--asynccheck-ignore=ACK120",
                      cwd=tmp_path, env=env)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert _outcomes(checked.stdout) == _outcomes(plain.stdout)
        assert "asynccheck:" not in checked.stdout and "ACK" not in checked.stdout  # nothing found, nothing said


def _outcomes(output: str):
    return sorted(line for line in output.splitlines() if line.startswith(("PASSED", "FAILED", "ERROR")))
