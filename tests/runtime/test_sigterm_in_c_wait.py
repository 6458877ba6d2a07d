"""Under python a process whose main thread is inside a call that does not look at signals (sqlite waiting for
a locked database, a C extension's blocking call) dies of SIGTERM at once. Under `asynccheck run` the report is
written by a Python handler, which runs between bytecodes: the process used to die only when that call returned
(a service stopped while stuck on a database lock outlived its stop by the whole wait). Now a C-level notice of
the signal (cli/sigterm.py) has a thread of the checker's write the report and end the process with the
default action. What the program sees of signals must stay as under python: the wake-up fd is the program's,
its own handlers replace ours whole, forked children and other signals are left alone."""
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="SIGTERM")

WAIT = 6.0  # sqlite's busy wait; the process must die long before it ends

STUCK_ON_A_LOCKED_DATABASE = textwrap.dedent(f"""\
    import asyncio, os, sqlite3, sys
    async def main(path):
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("create table t (x)")
        holder.execute("begin exclusive")
        other = sqlite3.connect(path, timeout={WAIT})
        print("ready", flush=True)
        other.execute("select * from t")  # sqlite sleeps and retries in C, the GIL released
    asyncio.run(main(sys.argv[1]))
""")


def seconds_to_die(args, tmp_path, stderr=subprocess.DEVNULL):
    """Seconds from SIGTERM to the process's death (by that signal); with ``stderr``, a file, what it wrote."""
    proc = subprocess.Popen([sys.executable, *args, str(tmp_path / "db")], stdout=subprocess.PIPE,
                            stderr=stderr, text=True)
    try:
        assert proc.stdout.readline() == "ready\n"
        time.sleep(0.3)  # into sqlite's wait
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(WAIT + 30) == -signal.SIGTERM
        return time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_sigterm_ends_a_program_stuck_in_a_c_wait_at_once(tmp_path):
    program = tmp_path / "stuck.py"
    program.write_text(STUCK_ON_A_LOCKED_DATABASE)
    (tmp_path / "plain").mkdir()
    (tmp_path / "checked").mkdir()
    if seconds_to_die([str(program)], tmp_path / "plain") >= WAIT / 2:  # python: the default action, at once
        pytest.skip("this machine was too slow to tell the two apart")
    assert seconds_to_die(["-m", "asynccheck", "run", str(program)], tmp_path / "checked") < WAIT / 2


def checked(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "asynccheck", "run", *args], capture_output=True, text=True,
                          timeout=60, **kwargs)


def plain(*args, **kwargs):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=60, **kwargs)


def test_the_report_comes_once_from_a_program_stuck_in_a_c_wait(tmp_path):
    program = tmp_path / "stuck.py"
    program.write_text(STUCK_ON_A_LOCKED_DATABASE)
    with open(tmp_path / "stderr", "w+") as stderr:
        assert seconds_to_die(["-m", "asynccheck", "run", str(program)], tmp_path, stderr) < WAIT / 2
        stderr.seek(0)
        report = stderr.read()
    assert report.count("Found 4 findings.") == 1, report  # written by the checker's thread, and only by it
    # the coroutine's sqlite calls that ended (the duration is a call's own: the stuck one never had one)
    assert [line.split(":")[1] for line in report.splitlines() if "ACK105" in line] == ["3", "4", "5", "6"]


SIGNAL_HANDLERS_OF_ITS_OWN = textwrap.dedent("""\
    import asyncio, os, signal, sqlite3, sys, time
    async def main(path):
        loop = asyncio.get_running_loop()
        stopped = asyncio.Event()
        loop.add_signal_handler(signal.SIGTERM, stopped.set)  # the program's wake-up fd, and its handler
        os.kill(os.getpid(), signal.SIGTERM)
        await stopped.wait()
        print("stopped by its own handler", flush=True)
        import faulthandler
        print("faulthandler holds SIGTERM:", faulthandler.unregister(signal.SIGTERM))
        time.sleep(0.01)
    asyncio.run(main(sys.argv[1]))
    print("wake-up fd after the loop:", signal.set_wakeup_fd(-1))
""")


def test_a_program_handling_sigterm_itself_sees_what_it_sees_under_python(tmp_path):
    program = tmp_path / "own.py"
    program.write_text(SIGNAL_HANDLERS_OF_ITS_OWN)
    under_python = plain(str(program), str(tmp_path / "db"))
    under_checker = checked(str(program), str(tmp_path / "db"))
    assert under_python.returncode == 0, under_python.stderr
    assert under_checker.returncode == 0, under_checker.stderr
    assert under_checker.stdout == under_python.stdout == (
        "stopped by its own handler\nfaulthandler holds SIGTERM: False\nwake-up fd after the loop: -1\n")
    assert "ACK101" in under_checker.stderr  # and it is checked as before


WAKEUP_FD_OF_ITS_OWN = textwrap.dedent("""\
    import os, signal, socket
    a, b = socket.socketpair()
    a.setblocking(False)
    print(signal.set_wakeup_fd(a.fileno(), warn_on_full_buffer=False))  # trio warns when this is not -1
    print(signal.set_wakeup_fd(-1) == a.fileno())
""")


def test_the_wakeup_fd_is_the_programs(tmp_path):
    program = tmp_path / "wakeup.py"
    program.write_text(WAKEUP_FD_OF_ITS_OWN)
    assert checked(str(program)).stdout == plain(str(program)).stdout == "-1\nTrue\n"


IDLE = textwrap.dedent("""\
    import asyncio, sys, time
    async def main():
        time.sleep(0.01)
        print("ready", flush=True)
        await asyncio.sleep(60)
    asyncio.run(main())
""")


@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
def test_sigterm_to_an_idle_program_writes_the_report_and_kills(tmp_path, loop):
    source = IDLE
    if loop == "uvloop":
        pytest.importorskip("uvloop")
        source = source.replace("asyncio.run(main())", "import uvloop\nuvloop.run(main())")
    program = tmp_path / "idle.py"
    program.write_text(source)
    report = tmp_path / "report.json"
    proc = subprocess.Popen([sys.executable, "-m", "asynccheck", "run", "--format", "json", "--output",
                             str(report), str(program)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "ready\n"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == -signal.SIGTERM
        assert [finding["code"] for finding in json.loads(report.read_text())["findings"]] == ["ACK101"]
        assert proc.stderr.read() == ""  # nothing of the C-level notice's (faulthandler's traceback) shows
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_uvloop_program_stuck_in_a_c_wait_dies_at_once(tmp_path):
    pytest.importorskip("uvloop")
    program = tmp_path / "stuck.py"
    program.write_text(STUCK_ON_A_LOCKED_DATABASE.replace("asyncio.run(main(sys.argv[1]))",
                                                          "import uvloop\nuvloop.run(main(sys.argv[1]))"))
    (tmp_path / "checked").mkdir()
    # uvloop holds the wake-up fd all the while its loop runs: the notice must not depend on it
    assert seconds_to_die(["-m", "asynccheck", "run", str(program)], tmp_path / "checked") < WAIT / 2


OTHER_SIGNALS = textwrap.dedent("""\
    import os, signal, sqlite3, sys, time
    signal.signal(signal.SIGUSR1, lambda *a: print("usr1", flush=True))
    os.kill(os.getpid(), signal.SIGUSR1)
    time.sleep(0.05)
    holder = sqlite3.connect(sys.argv[1], isolation_level=None)
    holder.execute("create table t (x)")
    holder.execute("begin exclusive")
    other = sqlite3.connect(sys.argv[1], timeout=1.0)
    os.kill(os.getpid(), signal.SIGINT)  # KeyboardInterrupt, once the main thread is back in Python
    try:
        other.execute("select * from t")
    except KeyboardInterrupt:
        print("interrupted")
    except sqlite3.OperationalError:
        print("timed out")
""")


def test_other_signals_are_left_as_they_are(tmp_path):
    program = tmp_path / "others.py"
    program.write_text(OTHER_SIGNALS)
    under_python = plain(str(program), str(tmp_path / "plain.db"))
    under_checker = checked(str(program), str(tmp_path / "checked.db"))
    assert (under_checker.returncode, under_checker.stdout) == (under_python.returncode, under_python.stdout)
    assert under_python.stdout.startswith("usr1\n")


FORKED = textwrap.dedent("""\
    import faulthandler, os, signal, sqlite3, sys, time
    holder = sqlite3.connect(sys.argv[1], isolation_level=None)
    holder.execute("create table t (x)")
    holder.execute("begin exclusive")
    pid = os.fork()
    if pid == 0:
        print("child: SIGTERM is default", signal.getsignal(signal.SIGTERM) is signal.SIG_DFL, flush=True)
        print("child: faulthandler holds SIGTERM", faulthandler.unregister(signal.SIGTERM), flush=True)
        signal.signal(signal.SIGTERM, lambda *a: None)  # a handler of its own (the parent must not see it)
        print("child: ready", flush=True)
        sqlite3.connect(sys.argv[1], timeout=4).execute("select * from t")
        os._exit(0)
    print(sys.stdin.readline().strip(), flush=True)  # the test has sent the child a SIGTERM, which it ignored
    time.sleep(0.5)
    os.kill(pid, signal.SIGKILL)
    print("parent lives on, child ended with", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)
""")


def test_forked_children_are_left_alone(tmp_path):
    program = tmp_path / "forked.py"
    program.write_text(FORKED)
    outputs = []
    for command in ([sys.executable, "-W", "ignore::DeprecationWarning", str(program)],
                    [sys.executable, "-W", "ignore::DeprecationWarning", "-m", "asynccheck", "run", str(program)]):
        db = tmp_path / f"{len(outputs)}.db"
        proc = subprocess.Popen([*command, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        lines = [proc.stdout.readline() for _ in range(3)]
        child = int(subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()[0])
        time.sleep(0.3)
        os.kill(child, signal.SIGTERM)
        proc.stdin.write("sent\n")
        proc.stdin.close()
        lines += proc.stdout.readlines()
        assert proc.wait(30) == 0
        outputs.append(lines)
    assert outputs[0] == outputs[1] == [
        "child: SIGTERM is default True\n", "child: faulthandler holds SIGTERM False\n", "child: ready\n",
        "sent\n", "parent lives on, child ended with -9\n"]


FAULTHANDLER_OF_ITS_OWN = textwrap.dedent("""\
    import faulthandler, os, signal, sys
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    faulthandler.register(signal.SIGTERM, file=sys.stdout, all_threads=False, chain=False)
    os.kill(os.getpid(), signal.SIGTERM)
    print("alive", flush=True)
""")


def test_a_program_registering_sigterm_with_faulthandler_gets_its_dump(tmp_path):
    """faulthandler keeps one entry per signal: had ours stayed in it, the program's register would have found
    it taken and not installed its handler (SIGTERM stayed ignored, no dump)."""
    program = tmp_path / "dump.py"
    program.write_text(FAULTHANDLER_OF_ITS_OWN)
    under_python, under_checker = plain(str(program)), checked(str(program))
    assert under_python.stdout.splitlines()[0] == "Stack (most recent call first):"
    assert under_checker.returncode == under_python.returncode == 0
    assert under_checker.stdout.splitlines()[0] == "Stack (most recent call first):"
    assert under_checker.stdout.endswith("alive\n")
