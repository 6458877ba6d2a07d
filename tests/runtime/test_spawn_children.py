"""`asynccheck run` checks the child interpreters a program starts with multiprocessing's spawn and forkserver
methods (cli/children.py). Fidelity first: the same program under python and under the checker gives the same
exit status, standard output and standard error (the report goes to --output), for the child behaviours
programs/children_fidelity.py prints. Then the findings: a child's blocking call is in the parent's one report,
at the child's source line, with the child process named; look-alikes report nothing."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PROGRAMS = Path(__file__).parent / "programs"
FIDELITY = PROGRAMS / "children_fidelity.py"
FINDINGS = PROGRAMS / "children_findings.py"
CASES = ["pickle-main", "pool", "executor", "max-tasks", "terminate", "sigterm", "os-exit", "crash", "preload",
         "set-executable", "own-executable", "exit-status"]
# forkserver for the cases where its children differ from spawn's (fewer: each run costs seconds)
FORKSERVER = ["pickle-main", "executor", "terminate", "sigterm", "os-exit", "crash", "preload"]


def _run(args, cwd, checked_with=None, timeout=120):
    prefix = [sys.executable] if checked_with is None else [sys.executable, "-m", "asynccheck", "run", *checked_with]
    return subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd)


def _same(tmp_path, program, *args):
    plain = _run([str(program), *args], tmp_path)
    report = tmp_path / "report.txt"
    checked = _run([str(program), *args], tmp_path, ["--output", str(report)])
    assert (checked.returncode, checked.stdout, checked.stderr) == (plain.returncode, plain.stdout, plain.stderr)
    return plain, report.read_text()


@pytest.mark.parametrize("case, method", [(c, "spawn") for c in CASES] + [(c, "forkserver") for c in FORKSERVER])
def test_children_behave_as_under_python(tmp_path, case, method):
    plain, report = _same(tmp_path, FIDELITY, case, method)
    expected = {"pickle-main": "child runs the program as __mp_main__\nchild got __mp_main__.Payload 42\n",
                "pool": "pool raised Boom('job 3 failed') RemoteTraceback", "executor": "future raised",
                "max-tasks": "workers 3", "terminate": "ready: False", "sigterm": "exit code -15",
                "os-exit": "exit code 7", "crash": "exit code 1", "preload": "8", "set-executable": "child runs True",
                "own-executable": "child runs True", "exit-status": "10"}[case]
    assert expected in plain.stdout
    if case == "crash":
        assert "Boom: the child crashed" in plain.stderr and "in crash" in plain.stderr
    assert plain.returncode == (4 if case == "exit-status" else 0)
    assert "ACK" not in report


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_a_child_without_asyncio_imports_nothing_of_the_checkers(tmp_path, method):
    plain, report = _same(tmp_path, PROGRAMS / "children_sync.py", method)
    assert plain.stdout.startswith("[(0, [], True), (1, [], True), (4, [], True), (9, [], True)]\n"), plain.stdout
    assert report.startswith("All checks passed!"), report


def _findings(tmp_path, case, method="spawn", *options):
    report = tmp_path / "report.txt"
    proc = _run([str(FINDINGS), case, method], tmp_path, ["--output", str(report), *options])
    assert proc.returncode == 0, proc.stderr
    return proc, report.read_text()


def _line_of(text):
    return FINDINGS.read_text().splitlines().index(text) + 1


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_a_blocking_call_in_a_childs_event_loop_is_in_the_parents_report(tmp_path, method):
    proc, report = _findings(tmp_path, "blocking", method)
    assert proc.stdout == "exit code 0\n"
    line = _line_of("    time.sleep(0.2)  # ACK101, in the child")
    assert re.search(rf"{re.escape(str(FINDINGS))}:{line}:\d+: ACK101", report)  # (no columns before 3.11)
    assert re.search(r"thread MainThread of child process \w+Process-1 \(pid \d+\)", report)
    assert "Found 1 finding." in report
    # the child's start (`<string>`, spawn_main, _bootstrap) is folded as asyncio's machinery is
    assert "spawn_main" not in report and "<string>" not in report
    assert re.search(r"\.\.\. \d+ frames of multiprocessing's child start \.\.\.\n\s+\S+:\d+ in serve\n", report), report


def test_the_same_site_in_several_workers_is_one_finding_with_the_counts_summed(tmp_path):
    proc, report = _findings(tmp_path, "pool")
    assert proc.stdout == "['served', 'served', 'served', 'served']\n"
    assert report.count("ACK101") == 1 and "seen 4 times" in report, report


def test_workers_ended_by_terminate_hand_their_findings_over(tmp_path):
    # each worker dies of the SIGTERM `Pool.terminate()` sends, writing its findings first (cli/sigterm.py gives a
    # hand-over that is still at work more than its 3 s: on a loaded machine it can take that long)
    proc, report = _findings(tmp_path, "pool-terminate")
    assert proc.stdout == "['served', 'served', 'served', 'served']\n"
    assert report.count("ACK101") == 1 and "seen 4 times" in report, report


@pytest.mark.parametrize("case", ["to-thread", "sync"])
def test_children_without_the_pattern_report_nothing(tmp_path, case):
    _, report = _findings(tmp_path, case)
    assert report.startswith("All checks passed!"), report


def test_no_children_leaves_them_unchecked(tmp_path):
    _, report = _findings(tmp_path, "blocking", "spawn", "--no-children")
    assert report.startswith("All checks passed!"), report


def test_a_child_that_ends_after_the_parents_report_writes_its_own(tmp_path):
    proc, report = _findings(tmp_path, "outlives")
    assert proc.stdout == "left running\n"
    assert report.startswith("All checks passed!")  # written before python joins the child at exit
    own = [p for p in tmp_path.iterdir() if p.name.startswith("report.txt.")]
    assert len(own) == 1 and "ACK101" in own[0].read_text()
    assert not [p for p in Path(os.environ.get("TMPDIR", "/tmp")).glob("asynccheck-children-*") if
                str(p).endswith(".read")]


def test_the_report_names_the_child_in_json(tmp_path):
    import json

    _, report = _findings(tmp_path, "blocking", "spawn", "--format", "json")
    (finding,) = json.loads(report)["findings"]
    assert finding["code"] == "ACK101" and "child process SpawnProcess-1" in finding["thread"]


# --- servers, stopped the way a user stops them --------------------------------------------------------------

_APP = '''\
import asyncio, time

async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["path"] == "/slow":
        time.sleep(0.2)  # ACK101: blocks the worker's loop
    else:
        await asyncio.to_thread(time.sleep, 0.2)
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})
'''


def _at_the_blocking_line(tmp_path, report):
    return re.search(rf"{re.escape(str(tmp_path / 'app.py'))}:13:\d+: ACK101", report)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(tmp_path, server_args, port, stop, paths):
    (tmp_path / "app.py").write_text(_APP)
    report = tmp_path / "report.txt"
    proc = subprocess.Popen([sys.executable, "-m", "asynccheck", "run", "--output", str(report), "-m", *server_args],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/fast", timeout=10).read()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError(proc.communicate(timeout=30))
                time.sleep(0.3)
        for path in paths:
            assert urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10).read() == b"ok"
        stop(proc)
        out, err = proc.communicate(timeout=90)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return proc.returncode, err, report.read_text()


def test_a_uvicorn_app_with_two_workers_stopped_by_ctrl_c(tmp_path):
    pytest.importorskip("uvicorn")
    port = _free_port()
    status, err, report = _serve(tmp_path, ["uvicorn", "app:app", "--workers", "2", "--port", str(port)], port,
                                 lambda proc: os.killpg(proc.pid, signal.SIGINT), ["/slow", "/fast"])
    assert status == 0, err
    assert _at_the_blocking_line(tmp_path, report), report
    assert "child process SpawnProcess-" in report and "Found 1 finding." in report


def test_a_uvicorn_app_stopped_by_sigterm_to_its_supervisor(tmp_path):
    pytest.importorskip("uvicorn")
    port = _free_port()
    status, err, report = _serve(tmp_path, ["uvicorn", "app:app", "--workers", "2", "--port", str(port)], port,
                                 lambda proc: proc.send_signal(signal.SIGTERM), ["/slow"])
    assert status == 0, err
    assert _at_the_blocking_line(tmp_path, report), report


def test_a_hypercorn_app_with_its_default_worker(tmp_path):
    pytest.importorskip("hypercorn")
    port = _free_port()
    status, err, report = _serve(tmp_path, ["hypercorn", "app:app", "--bind", f"127.0.0.1:{port}"], port,
                                 lambda proc: proc.send_signal(signal.SIGTERM), ["/slow", "/fast"])
    assert status == 0, err
    assert _at_the_blocking_line(tmp_path, report), report
    assert "Found 1 finding." in report


def test_the_same_app_without_the_blocking_route_reports_nothing(tmp_path):
    pytest.importorskip("uvicorn")
    port = _free_port()
    status, err, report = _serve(tmp_path, ["uvicorn", "app:app", "--workers", "2", "--port", str(port)], port,
                                 lambda proc: os.killpg(proc.pid, signal.SIGINT), ["/fast"])
    assert status == 0, err
    assert report.startswith("All checks passed!"), report


def test_a_late_child_without_output_reports_on_standard_error_under_a_heading(tmp_path):
    proc = _run([str(FINDINGS), "outlives", "spawn"], tmp_path, [])
    assert proc.returncode == 0 and proc.stdout == "left running\n"
    parent, _, child = proc.stderr.partition("asynccheck: report of child process SpawnProcess-1 (")
    assert "All checks passed!" in parent and "ACK101" in child, proc.stderr
