"""A SIGTERM that comes while a report is being written at the program's end (a Pool worker ending by itself as
`Pool.terminate()` reaches it; a service stopped as it finishes) waits for the report, then ends the process as
under python. It used to find the report begun, write none, and end the process halfway: the worker's findings
were lost, about one run in twenty under load."""
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="SIGTERM")

WRITER = textwrap.dedent("""\
    import os, signal, sys, threading, time
    from asynccheck.cli.sigterm import ReportOnSigterm

    written = []

    def write_report():  # once per process, as run's and a child's are
        if written:
            return
        written.append(True)
        os.kill(os.getpid(), signal.SIGTERM)  # comes just as the report begins
        time.sleep(0.2)
        with open(sys.argv[1], "w") as file:
            file.write("the whole report\\n")

    on_sigterm = ReportOnSigterm(write_report)
    assert on_sigterm.install()
    if sys.argv[2] == "main":
        with on_sigterm.writing():
            write_report()
    else:  # written by another thread (os._exit called there): the main thread's handler waits for it
        def write_in_thread():
            with on_sigterm.writing():
                write_report()

        writer = threading.Thread(target=write_in_thread)
        writer.start()
        writer.join()
    time.sleep(5)
    print("ran on after the signal", flush=True)
""")


@pytest.mark.parametrize("where", ["main", "thread"])
def test_a_sigterm_during_the_report_lets_it_finish_then_ends_the_process(tmp_path, where):
    program = tmp_path / "writer.py"
    program.write_text(WRITER)
    report = tmp_path / "report.txt"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(p) for p in sys.path if p])}
    proc = subprocess.run([sys.executable, str(program), str(report), where], capture_output=True, text=True,
                          timeout=60, env=env)
    assert proc.returncode == -signal.SIGTERM, proc.stderr
    assert proc.stdout == ""
    assert report.read_text() == "the whole report\n"


HANGING = textwrap.dedent("""\
    import os, signal, threading, time
    from asynccheck.cli.sigterm import ReportOnSigterm

    never = threading.Lock()
    never.acquire()
    on_sigterm = ReportOnSigterm(never.acquire)  # a report that hangs, using no CPU
    assert on_sigterm.install()
    print("ready", flush=True)
    time.sleep(60)
""")


def test_a_report_that_hangs_still_ends_the_process(tmp_path):
    program = tmp_path / "hangs.py"
    program.write_text(HANGING)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(p) for p in sys.path if p])}
    proc = subprocess.Popen([sys.executable, str(program)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline() == "ready\n"
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == -signal.SIGTERM
        assert time.monotonic() - sent < 30  # (HANG_S after the signal when idle; never BUSY_S's whole bound)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

