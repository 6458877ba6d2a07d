"""Breaks found running real programs under `asynccheck run` (rreal2): what a script reads of itself must be what
python gives it."""
from __future__ import annotations

import subprocess
import sys
import textwrap

_SELF = textwrap.dedent("""\
    import os, sys
    print("argv", sys.argv)
    print("file", __file__)
    print("spec", __spec__, "name", __name__)
    print("main", sys.modules["__main__"].__file__ == __file__)
    """)


def _both(cwd, *args):
    plain = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120, cwd=cwd)
    checked = subprocess.run([sys.executable, "-m", "asynccheck", "run", "--output", str(cwd / "report.txt"), *args],
                             capture_output=True, text=True, timeout=120, cwd=cwd)
    return plain, checked


def test_argv0_is_the_script_as_typed(tmp_path):
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "tool.py").write_text(_SELF)
    for typed in ("bin/tool.py", "./bin/tool.py", str(tmp_path / "bin" / "tool.py")):
        plain, checked = _both(tmp_path, typed, "x", "--flag")
        assert plain.returncode == checked.returncode == 0, checked.stderr
        assert checked.stdout == plain.stdout
        assert f"argv ['{typed}', 'x', '--flag']" in checked.stdout


def test_file_and_path0_of_a_script_reached_through_dots_and_a_symlink(tmp_path):
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "tool.py").write_text(_SELF + "print('path0', sys.path[0])\n")
    (tmp_path / "links").mkdir()
    (tmp_path / "links" / "tool.py").symlink_to(tmp_path / "bin" / "tool.py")
    for typed in ("bin/../bin/tool.py", "links/tool.py", "./links/../bin/tool.py"):
        plain, checked = _both(tmp_path, typed)
        assert checked.stdout == plain.stdout, checked.stderr
        assert f"path0 {tmp_path.resolve() / 'bin'}" in checked.stdout


_RESTORES_AND_RAISES_AGAIN = textwrap.dedent("""\
    # a server's graceful shutdown as uvicorn does it: take SIGTERM, put back the handler found, raise it again
    import asyncio, os, signal, time
    caught = []
    async def main():
        time.sleep(0.2)  # ACK101: something for the report
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: caught.append(signum))
        print("found default", previous is signal.SIG_DFL, flush=True)
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.sleep(0.05)
        print("restored", signal.signal(signal.SIGTERM, previous) is not signal.SIG_DFL, flush=True)
        print("reads default", signal.getsignal(signal.SIGTERM) is signal.SIG_DFL, flush=True)
    asyncio.run(main())
    print("caught", caught == [signal.SIGTERM], flush=True)
    signal.raise_signal(signal.SIGTERM)
    print("not reached")
    """)


def test_a_program_that_puts_sigterms_default_back_and_raises_it_again_still_gets_its_report(tmp_path):
    (tmp_path / "server.py").write_text(_RESTORES_AND_RAISES_AGAIN)
    plain, checked = _both(tmp_path, "server.py")
    assert checked.returncode == plain.returncode == -15, checked.stderr
    assert checked.stdout == plain.stdout == "found default True\nrestored True\nreads default True\ncaught True\n"
    assert "ACK101" in (tmp_path / "report.txt").read_text()


_SHOWS_ITS_STACK = textwrap.dedent("""\
    import faulthandler, inspect, sys, traceback
    def inner():
        traceback.print_stack(file=sys.stdout)
        print("outer frames", [f.function for f in inspect.stack()])
        sys.stdout.flush()
        faulthandler.dump_traceback(sys.stdout, all_threads=False)
        raise KeyError("crashed")
    inner()
    """)


def test_the_stack_a_script_sees_has_no_launcher_frames(tmp_path):
    import re

    (tmp_path / "app.py").write_text(_SHOWS_ITS_STACK)
    plain, checked = _both(tmp_path, "app.py")
    assert checked.returncode == plain.returncode == 1
    address = re.compile(r"0x[0-9a-f]+")
    assert address.sub("", checked.stdout) == address.sub("", plain.stdout)
    assert "runpy" not in checked.stdout and "runpy" not in checked.stderr
    assert checked.stderr == plain.stderr
