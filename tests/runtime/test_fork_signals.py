"""A forked child under `asynccheck run` ends on SIGTERM as it does under python, even when the signal comes at
once: the child used to inherit the report-writing handler until its fork hook put the default back, and a
SIGTERM in that window (Pool.terminate() on a worker that, under load, had not run since its fork) was taken by
a handler that never ran; the worker lived on and its parent's join waited for ever."""
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

TERMINATED_AT_ONCE = textwrap.dedent("""\
    import os, signal, time
    ends = {}
    for _ in range(20):
        pid = os.fork()
        if pid == 0:
            time.sleep(3)
            os._exit(0)
        os.kill(pid, signal.SIGTERM)  # at once: the child may not have run since the fork
        code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        ends[code] = ends.get(code, 0) + 1
    print(ends)
""")


def run(*args):
    return subprocess.run([sys.executable, "-W", "ignore::DeprecationWarning", *args], capture_output=True,
                          text=True, timeout=120)


def test_a_child_terminated_right_after_its_fork_dies_of_it(tmp_path):
    program = tmp_path / "terminated.py"
    program.write_text(TERMINATED_AT_ONCE)
    plain = run(str(program))
    checked = run("-m", "asynccheck", "run", str(program))
    assert plain.stdout == "{-15: 20}\n"
    assert checked.stdout == plain.stdout, checked.stderr  # (before: most children slept on and ended with 0)


FORKS = textwrap.dedent("""\
    import os, sys, threading
    if sys.argv[1] == "with-a-thread":
        threading.Thread(target=threading.Event().wait, args=(5,), daemon=True).start()
    pid = os.fork()
    if pid == 0:
        os._exit(7)
    print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
""")


def test_a_fork_warns_of_threads_as_under_python(tmp_path):
    """Python 3.12+ warns at a fork in a multi-threaded process: the checker's own thread must not make a
    single-threaded program warn, nor hide the warning from one with threads."""
    program = tmp_path / "forks.py"
    program.write_text(FORKS)
    for threads in ("alone", "with-a-thread"):
        python = [sys.executable, "-W", "default::DeprecationWarning"]
        plain = subprocess.run([*python, str(program), threads], capture_output=True, text=True, timeout=60)
        checked = subprocess.run([*python, "-m", "asynccheck", "run", "--format", "json", "--output",
                                  str(tmp_path / "report.json"), str(program), threads],
                                 capture_output=True, text=True, timeout=60)
        assert (checked.returncode, checked.stdout) == (plain.returncode, plain.stdout), checked.stderr
        assert ("multi-threaded" in checked.stderr) == ("multi-threaded" in plain.stderr)
        if threads == "alone":
            assert plain.stdout == "7\n"
