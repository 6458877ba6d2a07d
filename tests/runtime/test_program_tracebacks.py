"""An uncaught exception is printed as Python prints it: asynccheck's launcher frames (runpy, below the program)
are left out, but a program that runs another file with runpy itself (a launcher of its own, a tool's runner)
keeps those runpy frames in its traceback, as under python."""
import subprocess
import sys
import textwrap

import pytest


def _both(tmp_path, *args):
    plain = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    checked = subprocess.run([sys.executable, "-m", "asynccheck", "run", "--output", str(tmp_path / "report.txt"),
                              *args], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    return plain, checked


def _write(tmp_path):
    (tmp_path / "crash.py").write_text(textwrap.dedent("""\
        import asyncio


        async def main():
            await asyncio.sleep(0)
            raise ValueError("boom")


        asyncio.run(main())
        """))
    (tmp_path / "launcher.py").write_text(textwrap.dedent("""\
        import runpy
        import sys

        runpy.run_path(sys.argv[1], run_name="__main__")
        """))


def test_a_program_using_runpy_keeps_its_runpy_frames(tmp_path):
    _write(tmp_path)
    plain, checked = _both(tmp_path, "launcher.py", "crash.py")
    assert plain.returncode == checked.returncode == 1
    assert "runpy" in plain.stderr and "ValueError: boom" in plain.stderr
    assert checked.stderr == plain.stderr


def test_the_launchers_own_frames_stay_out(tmp_path):
    _write(tmp_path)
    plain, checked = _both(tmp_path, "crash.py")
    assert plain.returncode == checked.returncode == 1
    assert "runpy" not in checked.stderr and "asynccheck" not in checked.stderr
    assert checked.stderr == plain.stderr


def test_a_traceback_through_asyncios_recompiled_methods_is_pythons(tmp_path):
    """asyncio's methods the checker recompiles (runtime/threads.py) keep the file's columns: Python 3.13 draws
    carets under a line only where they do not span it, so shifted columns printed carets python does not."""
    (tmp_path / "timeouts.py").write_text(textwrap.dedent("""\
        import asyncio


        async def main():
            ready, jobs = asyncio.Event(), asyncio.Queue()
            try:
                await asyncio.wait_for(ready.wait(), 0.01)
            except asyncio.TimeoutError:
                import traceback
                traceback.print_exc()
            await asyncio.wait_for(jobs.get(), 0.01)


        asyncio.run(main())
        """))
    plain, checked = _both(tmp_path, "timeouts.py")
    assert plain.returncode == checked.returncode == 1
    assert "locks.py" in plain.stderr and "queues.py" in plain.stderr
    assert checked.stderr == plain.stderr


@pytest.mark.skipif(sys.version_info < (3, 11), reason="code positions (columns) are new in 3.11")
def test_recompiled_methods_keep_the_files_columns():
    """The instructions a recompiled method keeps from asyncio's source are placed where the file has them,
    not at the columns of the dedented source the checker parsed (the method's indentation to the left)."""
    import asyncio

    import asynccheck

    with asynccheck.watch():
        methods = [vars(cls)[name] for cls in (asyncio.Event, asyncio.Queue, asyncio.Lock)
                   for name in ("wait", "set", "get", "put_nowait", "get_nowait", "release")
                   if getattr(vars(cls).get(name), "__wrapped__", None) is not None]
        assert methods  # (what the checker recompiles: else this test checks nothing)
        for method in methods:
            old = {p for p in method.__wrapped__.__code__.co_positions() if None not in p}
            new = {p for p in method.__code__.co_positions() if None not in p}
            assert len(old & new) * 2 > len(old), method  # most are where they were
            dedented = {(line, end, col - 4, end_col - 4) for line, end, col, end_col in old}
            assert not (new & dedented) - old, method


def test_what_an_uncaught_exception_leaves_is_pythons(tmp_path):
    # python's PyErr_Print leaves sys.last_value (and its traceback) for an atexit hook or a post-mortem debugger
    (tmp_path / "crash.py").write_text(textwrap.dedent("""\
        import atexit
        import sys

        atexit.register(lambda: print("left:", repr(getattr(sys, "last_value", None)),
                                      getattr(sys, "last_traceback", None) is not None))
        raise KeyError("gone")
        """))
    plain, checked = _both(tmp_path, "crash.py")
    assert plain.returncode == checked.returncode == 1
    assert plain.stdout == checked.stdout == "left: KeyError('gone') True\n"


def test_a_coroutine_the_crash_holds_is_reported_and_warned_of_as_python_does(tmp_path):
    # the frames of the uncaught exception keep the coroutine alive to the interpreter's end, past the report:
    # reported from those frames at its creation line, and python's own warning comes at the end ("sys:1")
    (tmp_path / "crash.py").write_text(textwrap.dedent("""\
        import asyncio


        async def refresh():
            await asyncio.sleep(0)


        def main():
            pending = refresh()
            raise ValueError("boom")


        main()
        """))
    plain, checked = _both(tmp_path, "crash.py")
    assert plain.returncode == checked.returncode == 1
    assert plain.stderr.endswith(": RuntimeWarning: coroutine 'refresh' was never awaited\n")  # sys:1, <sys>:0
    assert checked.stderr == plain.stderr  # (no "Enable tracemalloc" line: python cannot import it by then)
    report = (tmp_path / "report.txt").read_text()
    assert "crash.py:9:" in report and "ACK301" in report
