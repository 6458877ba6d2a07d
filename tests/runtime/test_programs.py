"""Every detector end to end: each program under tests/runtime/programs marks with `# ACKnnn` the lines the
runtime must report; `asynccheck run` must find exactly those, and leave the program's output and exit status
as plain `python` gives them."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import asynccheck

PROGRAMS = Path(__file__).parent / "programs"
PACKAGE = str(Path(asynccheck.__file__).parent)  # not the word: a clone is often a folder named asynccheck
MARK = re.compile(r"#\s*(ACK\d{3})\b(?!\s*\(3\.12\+)")
# seen from Python 3.12 only (sys.monitoring: runtime/foreign_calls.py)
MARK_312 = re.compile(r"#\s*(ACK\d{3})\s*\(3\.12\+")
CASES = ["blocking", "blocking_more", "blocking_clean", "lock_across_await", "lock_kinds", "lock_contention", "unawaited",
         "unawaited_kept", "unawaited_handed", "tasks", "dangling", "cancellation", "dropped_tasks", "kept_tasks",
         "foreign_thread", "foreign_objects", "foreign_always", "foreign_cancel", "foreign_clean", "foreign_fast_paths",
         "stall", "stall_clean", "nested", "queue_growth", "fork_and_signals", "exit_in_loop",
         "bad_arguments", "entry_points", "sqlite_sync", "callbacks", "stall_callbacks", "lock_helpers", "subprocesses",
         "cancellation_more", "cancellation_main", "foreign_unbound", "foreign_futures", "foreign_unbound_more",
         "foreign_early_wait", "foreign_sites", "executor_exit", "stall_gil", "executor_waits", "foreign_handed",
         "cancellation_with", "blocking_processes", "cancellation_exits", "tasks_made_directly",
         "stand_ins_transparent", "patched_os", "foreign_owner_moves", "nested_runner", "stall_helpers",
         "executor_done_callbacks", "executor_shutdown", "tasks_handed_back",
         "foreign_stream_readers", "foreign_unbound_locks", "eager_finished", "cancellation_waits_in_handler", "dropped_tasks_finished",
         "sqlite_dbapi2", "process_waits", "handed_future_setters", "cancellation_ends", "stall_nested",
         "multiprocessing_sockets", "cancellation_owner_ends", "cancellation_group_exit", "dropped_shields",
         "cancellation_owner_shapes"]
STDIN = {"blocking_more": "hello\n"}
# programs whose asyncio objects are made where no loop runs (at module level, or by one loop for another's use):
# Python 3.9 binds such an object to a loop when it is made (get_event_loop()), not at its first wait, so on 3.9
# they are other programs (awaiting a module-level Event from asyncio.run's loop is itself an error there)
LOOP_BOUND_AT_USE = {"foreign_unbound", "foreign_unbound_more", "foreign_early_wait"}


# programs written with asyncio.Runner, new in 3.11
NEEDS_RUNNER = {"nested_runner"}


def runs_here(name: str) -> None:
    if name in LOOP_BOUND_AT_USE and sys.version_info < (3, 10):
        pytest.skip("3.9 binds asyncio objects to a loop when they are made: this program is written for 3.10+")
    if name in NEEDS_RUNNER and sys.version_info < (3, 11):
        pytest.skip("asyncio.Runner is new in 3.11")


# ACK601 stands on `Task.cancelling()`, new in 3.11 (docs/runtime.md): before it the programs must report nothing
_UNSEEN = frozenset() if sys.version_info >= (3, 11) else frozenset({"ACK601", "ACK602"})


def marked(path: Path, here: bool = True):
    """The (code, line) marks of ``path``: those this Python sees, or (``here=False``) every one."""
    marks = [MARK] + ([MARK_312] if sys.version_info >= (3, 12) or not here else [])
    return {(m, n) for n, line in enumerate(path.read_text().splitlines(), 1) for mark in marks
            for m in mark.findall(line) if not (here and m in _UNSEEN)}


# for a program whose point is not timing, checked with every detector: a loaded machine (8 processes on 2 cores)
# can stretch one of its short steps past 100 ms of the loop's time, an ACK120 the test does not expect
CALM = ("--stall-ms", "2000")


def python(*args, **kw):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120, **kw)


def checked(tmp_path, *args, **kw):
    report = tmp_path / "report.json"
    proc = python("-m", "asynccheck", "run", "--format", "json", "--output", str(report), *args, **kw)
    data = json.loads(report.read_text()) if report.exists() else None
    return proc, data


@pytest.mark.parametrize("name", CASES)
def test_program(name, tmp_path):
    runs_here(name)
    path = PROGRAMS / f"{name}.py"
    plain = python(str(path), input=STDIN.get(name, ""))
    # a loaded CI machine can stall any program's loop for 100 ms; only the stall programs are about ACK120
    quiet = [] if name.startswith("stall") else ["--ignore", "ACK120"]
    proc, data = checked(tmp_path, "--select", "ALL", *quiet, str(path), input=STDIN.get(name, ""))
    assert proc.returncode == plain.returncode, proc.stderr
    assert proc.stdout == plain.stdout
    found = {(f["code"], f["line"]) for f in data["findings"] if Path(f["path"]).name == path.name}
    assert found == marked(path), json.dumps(data["findings"], indent=1)
    for f in data["findings"]:
        assert f["source"] == "runtime" and f["name"] and f["category"]


def test_finding_details(tmp_path):
    _, data = checked(tmp_path, *CALM, str(PROGRAMS / "blocking.py"))
    sleep = next(f for f in data["findings"] if f["code"] == "ACK101")
    assert sleep["duration"] >= 0.009 and sleep["thread"] == "MainThread" and sleep["task"] == "Task-1"
    assert sleep["stack"][-1]["function"] == "main" and sleep["stack"][-1]["line"] == 10
    assert not any(frame["path"].startswith(PACKAGE) for frame in sleep["stack"])
    _, data = checked(tmp_path, *CALM, str(PROGRAMS / "lock_across_await.py"))
    (lock,) = data["findings"]
    assert lock["related"][0]["line"] == 10  # the await
    _, data = checked(tmp_path, str(PROGRAMS / "stall.py"))
    (stall,) = data["findings"]
    assert stall["duration"] >= 0.1 and stall["task"]


def test_argv_stdin_and_exit_status(tmp_path):
    path = str(PROGRAMS / "exits.py")
    for args in (["7", "x"], ["0"], ["--crash"]):
        plain = python(path, *args, input="hello\n")
        proc, _ = checked(tmp_path, *CALM, path, *args, input="hello\n")
        assert (proc.returncode, proc.stdout) == (plain.returncode, plain.stdout)
        if "--crash" in args:
            assert proc.returncode == 1
            assert plain.stderr.strip().splitlines()[-1] == "KeyError: 'crashed on purpose'"
            assert proc.stderr.strip().splitlines()[-1] == "KeyError: 'crashed on purpose'"
            assert PACKAGE not in proc.stderr and "runpy" not in proc.stderr


def test_fail_on_findings_and_text_report():
    path = str(PROGRAMS / "unawaited.py")
    proc = python("-m", "asynccheck", "run", "--fail-on-findings", path)
    assert proc.returncode == 3
    assert "unawaited.py:9:1: ACK301" in proc.stderr and "Found 1 finding" in proc.stderr
    clean = python("-m", "asynccheck", "run", "--fail-on-findings", str(PROGRAMS / "blocking_clean.py"))
    assert clean.returncode == 0 and "All checks passed!" in clean.stderr
    failing = python("-m", "asynccheck", "run", "--fail-on-findings", str(PROGRAMS / "exits.py"), "5", input="")
    assert failing.returncode == 5  # the program's own failure wins


def test_module_mode_and_select(tmp_path):
    proc, data = checked(tmp_path, *CALM, "-m", "pkg", "a", "b", cwd=PROGRAMS)
    assert proc.returncode == 0 and proc.stdout == "module __main__ ['a', 'b']\n"
    assert [(f["code"], f["line"]) for f in data["findings"]] == [("ACK101", 7)]
    proc, data = checked(tmp_path, "--ignore", "ACK101", "-m", "pkg", cwd=PROGRAMS)
    assert data["findings"] == []


@pytest.mark.skipif(sys.version_info < (3, 11), reason="ACK601 and these programs' asyncio.timeout are 3.11+")
@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
@pytest.mark.parametrize("name", ["cancellation_modules", "cancellation_late_import"])
def test_swallow_in_another_module(loop, name, tmp_path):
    """ACK601 in a coroutine of another of the program's modules that the main task awaits: the marks are in the
    helper module, and the program's file has none (imported before asyncio.run, or by main() itself)."""
    runner = []
    if loop == "uvloop":
        pytest.importorskip("uvloop", reason="uvloop is not installed (it does not support this platform)")
        runner = [str(Path(__file__).parent / "uvloop_runner.py")]
    program = str(PROGRAMS / f"{name}.py")
    plain = python(*runner, program)
    proc, data = checked(tmp_path, "--select", "ALL", "--ignore", "ACK120", *runner, program)
    assert (proc.returncode, proc.stdout) == (plain.returncode, plain.stdout) == (0, plain.stdout)
    helper = PROGRAMS / "cancellation_helper.py"
    found = {(Path(f["path"]).name, f["code"], f["line"]) for f in data["findings"]}
    assert found == {(helper.name, code, line) for code, line in marked(helper)}, json.dumps(data["findings"])


def test_os_exit_still_reports(tmp_path):
    proc, data = checked(tmp_path, *CALM, str(PROGRAMS / "hard_exit.py"))
    assert proc.returncode == 4
    assert [(f["code"], f["line"]) for f in data["findings"]] == [("ACK101", 8)]


def test_raise_mode_stops_at_the_call(tmp_path):
    proc = python("-m", "asynccheck", "run", "--raise", str(PROGRAMS / "blocking.py"))
    assert proc.returncode == 1
    assert "CheckerError: asynccheck: ACK101" in proc.stderr


def test_missing_program_and_bad_config(tmp_path):
    proc = python("-m", "asynccheck", "run", str(tmp_path / "nope.py"))
    assert proc.returncode == 2 and "can't open file" in proc.stderr
    (tmp_path / "pyproject.toml").write_text("[tool.asynccheck]\nstall-ms = 0\n")
    (tmp_path / "app.py").write_text("print(1)\n")
    proc = python("-m", "asynccheck", "run", str(tmp_path / "app.py"))
    assert proc.returncode == 2 and "stall-ms" in proc.stderr and "pyproject.toml" in proc.stderr


def test_uvicorn_module(tmp_path):
    pytest.importorskip("uvicorn")
    import signal
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    report = tmp_path / "report.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "asynccheck", "run", "--format", "json", "--output", str(report), "-m", "uvicorn",
         "asgi_app:app", "--port", str(port), "--log-level", "warning"],
        cwd=PROGRAMS, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as resp:
                    assert resp.read() == b"ok"
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read() if proc.poll() else ""
                time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, proc.stderr.read()
    data = json.loads(report.read_text())
    assert [(Path(f["path"]).name, f["code"], f["line"]) for f in data["findings"]] == [("asgi_app.py", "ACK101", 13)]


def test_uvloop_program(tmp_path):
    """On uvloop: blocking calls, held locks, lost tasks and nested loops are found, and the program's own
    behaviour is unchanged (uvloop is imported after the checker starts)."""
    pytest.importorskip("uvloop")
    path = PROGRAMS / "on_uvloop.py"
    plain = python(str(path))
    proc, data = checked(tmp_path, "--select", "ALL", "--ignore", "ACK120", str(path))
    assert (proc.returncode, proc.stdout) == (plain.returncode, plain.stdout) == (0, "uvloop uvloop\n")
    assert {(f["code"], f["line"]) for f in data["findings"]} == marked(path)


def test_uvloop_foreign_thread(tmp_path):
    """Pure-Python asyncio objects are checked the same on uvloop's loop."""
    pytest.importorskip("uvloop")
    path = PROGRAMS / "foreign_uvloop.py"
    plain = python(str(path))
    proc, data = checked(tmp_path, "--select", "ALL", "--ignore", "ACK120", str(path))
    assert (proc.returncode, proc.stdout) == (plain.returncode, plain.stdout) == (0, "uvloop 1 uvloop\n")
    assert {(f["code"], f["line"]) for f in data["findings"]} == marked(path)


def test_keyboard_interrupt_ends_as_in_python(tmp_path):
    path = str(PROGRAMS / "interrupted.py")
    plain = python(path)
    proc, data = checked(tmp_path, *CALM, path)
    assert proc.returncode == plain.returncode  # -2 on POSIX: Python dies of the SIGINT after cleaning up
    assert (proc.stdout, proc.stderr) == (plain.stdout, plain.stderr)  # the same traceback, none of our frames
    assert [(f["code"], f["line"]) for f in data["findings"]] == [("ACK101", 6)]


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
def test_forked_child_reports_apart(tmp_path):
    path = PROGRAMS / "fork_child.py"
    plain = python(str(path))
    proc, data = checked(tmp_path, *CALM, str(path))
    assert (proc.returncode, proc.stdout) == (plain.returncode, plain.stdout) == (0, "parent 0\n")
    assert [(f["code"], f["line"]) for f in data["findings"]] == [("ACK101", 12)]
    (child,) = tmp_path.glob("report.json.*")  # the child's own report, beside the parent's
    assert [(f["code"], f["line"]) for f in json.loads(child.read_text())["findings"]] == [("ACK101", 8)]


def test_example_service(tmp_path):
    """examples/service (the README quickstart) commits every runtime finding at its marked line."""
    path = Path(__file__).parents[2] / "examples" / "service" / "app.py"
    plain = python(str(path))
    proc, data = checked(tmp_path, str(path))
    assert (proc.returncode, proc.stdout) == (plain.returncode, plain.stdout)
    found = {(f["code"], f["line"]) for f in data["findings"]}
    assert marked(path) <= found
    assert all(code == "ACK120" for code, _ in found - marked(path))  # a loaded machine may stall elsewhere too


def test_noqa_and_per_file_ignores_apply_at_run_time(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.asynccheck]\nper-file-ignores = {"legacy/*.py" = ["ACK1"]}\n')
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "__init__.py").write_text("")
    (tmp_path / "legacy" / "old.py").write_text("import time\n\n\nasync def pause():\n    time.sleep(0.001)\n")
    (tmp_path / "app.py").write_text(
        "import asyncio\nimport time\n\nfrom legacy.old import pause\n\n\n"
        "async def main():\n"
        "    time.sleep(0.001)  # noqa: ACK101\n"
        "    time.sleep(0.001)  # noqa: ACK2 (another rule: still reported)\n"
        "    time.sleep(0.001)  # NOQA\n"
        "    await pause()\n"
        "    asyncio.sleep(0)  # noqa\n"
        "\n\nasyncio.run(main())\n")
    proc, data = checked(tmp_path, *CALM, str(tmp_path / "app.py"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert [(f["code"], Path(f["path"]).name, f["line"]) for f in data["findings"]] == [("ACK101", "app.py", 9)]


def test_helper_chain_is_named_at_the_coroutines_line(tmp_path):
    _, data = checked(tmp_path, *CALM, str(PROGRAMS / "entry_points.py"))
    by_line = {f["line"]: f for f in data["findings"]}
    assert by_line[22]["message"].startswith("`load()` -> `open()` does file I/O")
    assert by_line[22]["stack"][-1]["function"] == "load"  # the stack still shows where the I/O happened
    if sys.version_info >= (3, 11):  # Python knows each call's column from 3.11
        assert by_line[22]["column"] == 12 and by_line[20]["column"] == 10


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_a_stuck_loop_is_reported_at_once_and_on_sigterm(tmp_path):
    import signal
    import time

    report = tmp_path / "report.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "asynccheck", "run", "--hang-ms", "300", "--ignore", "ACK120", "--format", "json",
         "--output", str(report), str(PROGRAMS / "deadlock.py")], stderr=subprocess.PIPE, text=True)
    try:
        notice = ""
        deadline = time.monotonic() + 60
        while "which is waiting at" not in notice:  # the program never ends by itself: it is deadlocked
            assert time.monotonic() < deadline and proc.poll() is None, notice
            notice += proc.stderr.readline()
        assert "has been stuck in one step" in notice and "deadlock.py:17 in taker" in notice
        assert "threading.Lock taken by task 'Task-2' at " in notice and "deadlock.py:10" in notice
        assert json.loads(report.read_text())["findings"][0]["code"] == "ACK201"  # written already
        report.unlink()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == -signal.SIGTERM  # dies of the signal, as it would have
        assert json.loads(report.read_text())["findings"][0]["code"] == "ACK201"  # the report at the end too
    finally:
        proc.kill()
        proc.stderr.close()


def test_no_overclaiming_when_the_program_did_not_run_to_its_end(tmp_path):
    missing = python("-m", "asynccheck", "run", "-m", "no_such_module_here", cwd=tmp_path)
    plain = python("-m", "no_such_module_here", cwd=tmp_path)
    assert missing.returncode == plain.returncode == 1
    assert missing.stderr == plain.stderr  # python's own words, and no report for a program that never started
    crashed = python("-m", "asynccheck", "run", str(PROGRAMS / "exits.py"), "--crash", input="")
    assert crashed.returncode == 1 and "All checks passed" not in crashed.stderr
    assert "the program ended with status 1, so only the part that ran was checked" in crashed.stderr


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_forked_child_dies_of_sigterm_as_it_would_without_us(tmp_path):
    # The report-writing SIGTERM handler is the parent's: a forked worker parked in a C wait (a Pool worker in
    # sem_wait) could miss a Python-level handler's flag and outlive Pool.terminate(). Our watchdog thread must
    # not take process signals either, or the main thread's wait is never interrupted.
    program = tmp_path / "forks.py"
    program.write_text(
        "import asyncio, os, signal, threading, time\n"
        "async def main():\n"
        "    await asyncio.sleep(0.01)\n"
        "asyncio.run(main())\n"
        "print('parent', signal.getsignal(signal.SIGTERM) is signal.SIG_DFL)\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    print('child', signal.getsignal(signal.SIGTERM) is signal.SIG_DFL, flush=True)\n"
        "    threading.Event().wait(60)\n"
        "    os._exit(0)\n"
        "time.sleep(0.3)\n"
        "os.kill(pid, signal.SIGTERM)\n"
        "print('status', os.waitpid(pid, 0)[1] == signal.SIGTERM)\n"
    )
    proc = python("-m", "asynccheck", "run", str(program), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["parent True", "child True", "status True"]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_the_program_sees_sigterms_default_where_the_report_handler_stands(tmp_path):
    # A service that installs its graceful shutdown only when SIGTERM has no handler yet must install it under
    # the checker as under python; the handler it replaces is told as the default, and its own is then in force.
    program = tmp_path / "graceful.py"
    program.write_text(
        "import asyncio, os, signal\n"
        "print('default', signal.getsignal(signal.SIGTERM) is signal.SIG_DFL)\n"
        "stopping = []\n"
        "def graceful(signum, frame):\n"
        "    stopping.append(signum)\n"
        "if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:\n"
        "    print('replaced default', signal.signal(signal.SIGTERM, graceful) is signal.SIG_DFL)\n"
        "print('ours', signal.getsignal(signal.SIGTERM) is graceful)\n"
        "async def main():\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    await asyncio.sleep(0.05)\n"
        "asyncio.run(main())\n"
        "print('stopping', stopping == [signal.SIGTERM])\n"
    )
    plain = python(str(program), cwd=tmp_path)
    proc = python("-m", "asynccheck", "run", str(program), cwd=tmp_path)
    assert proc.returncode == plain.returncode == 0, proc.stderr
    assert proc.stdout == plain.stdout
    assert proc.stdout.splitlines() == ["default True", "replaced default True", "ours True", "stopping True"]


def test_checked_call_sites_leave_no_bytecode(tmp_path):
    """Up to 3.11 the program's modules with call sites of `set_result`, `cancel`... are compiled with those
    calls checked (runtime/site_calls.py): such a module gets no `.pyc`, so plain python never runs the checked
    code; a module without such calls is loaded as usual. The finding is at the helper module's line."""
    pkg = tmp_path / "app"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "plain.py").write_text("def double(x):\n    return 2 * x\n")
    (pkg / "helper.py").write_text(
        "def resolve(fut, value):\n"
        "    fut.set_result(value)\n")
    (pkg / "__main__.py").write_text(
        "import asyncio\nimport threading\n\nfrom . import helper, plain\n\n\n"
        "async def main():\n"
        "    fut = asyncio.get_running_loop().create_future()\n"
        "    t = threading.Thread(target=helper.resolve, args=(fut, plain.double(21)))\n"
        "    t.start()\n"
        "    while not fut.done():\n"
        "        await asyncio.sleep(0.002)\n"
        "    await asyncio.to_thread(t.join)\n"
        "    print(fut.result())\n\n\n"
        "asyncio.run(main())\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    report = tmp_path / "report.json"
    proc = subprocess.run([sys.executable, "-m", "asynccheck", "run", "--format", "json", "--output", str(report),
                           "-m", "app"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.stdout == "42\n", proc.stderr
    found = [(Path(f["path"]).name, f["code"], f["line"]) for f in json.loads(report.read_text())["findings"]]
    assert found == [("helper.py", "ACK401", 2)]
    import importlib.util

    assert os.path.exists(importlib.util.cache_from_source(str(pkg / "plain.py")))
    # (from 3.12 sys.monitoring sees the call: nothing is compiled differently)
    assert os.path.exists(importlib.util.cache_from_source(str(pkg / "helper.py"))) == (sys.version_info >= (3, 12))
