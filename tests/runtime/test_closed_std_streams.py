"""A program started with stdout or stderr closed (`>&-`, a daemon's launcher), or writing into a pipe whose
reader has gone (`| head`), ends under `asynccheck run` as under python: same exit status, same output on the
streams still open, and nothing of the checker's where python would write nothing."""
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="closes descriptors as a POSIX shell does")

PROGRAM = textwrap.dedent("""\
    import asyncio
    import sys


    async def main():
        await asyncio.sleep(0)
        print("out", sys.stdout is None, sys.stderr is None)
        return sys.argv[1]


    how = asyncio.run(main())
    if how == "raise":
        raise ValueError("boom")
    if how == "message":
        sys.exit("bye")
    sys.exit(int(how))
    """)


def _env():
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)  # stdout block-buffered into a pipe, as most programs run
    return env


def _both(tmp_path, how, closing=(), **streams):
    (tmp_path / "prog.py").write_text(PROGRAM)

    def shut():
        for fd in closing:
            os.close(fd)

    results = []
    for launcher in ([sys.executable], [sys.executable, "-m", "asynccheck", "run"]):
        results.append(subprocess.run([*launcher, "prog.py", how], cwd=tmp_path, env=_env(), preexec_fn=shut,
                                      timeout=60, **streams))
    return results


@pytest.mark.parametrize("how", ["0", "3", "raise", "message"])
def test_stdout_closed(tmp_path, how):
    plain, checked = _both(tmp_path, how, closing=(1,), stderr=subprocess.PIPE, text=True)
    assert checked.returncode == plain.returncode
    assert "asynccheck/" not in checked.stderr and "Traceback" not in checked.stderr.replace(plain.stderr, "")


@pytest.mark.parametrize("how", ["0", "3", "raise", "message"])
def test_stderr_closed(tmp_path, how):
    plain, checked = _both(tmp_path, how, closing=(2,), stdout=subprocess.PIPE, text=True)
    assert plain.stdout == "out False True\n"
    assert (checked.returncode, checked.stdout) == (plain.returncode, plain.stdout)


def _gone_reader():
    read, write = os.pipe()
    os.close(read)
    return write


@pytest.mark.parametrize("how", ["0", "3", "raise"])
def test_stdout_into_a_pipe_nobody_reads(tmp_path, how):
    write = _gone_reader()
    try:
        plain, checked = _both(tmp_path, how, stdout=write, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write)
    assert plain.returncode == 120  # python's status when stdout cannot be flushed at exit
    assert checked.returncode == plain.returncode
    assert "Exception ignored" in plain.stderr and "BrokenPipeError" in plain.stderr
    program_part, _, exit_part = plain.stderr.partition("Exception ignored")
    assert program_part in checked.stderr and checked.stderr.endswith("Exception ignored" + exit_part)
    assert "asynccheck/" not in checked.stderr


@pytest.mark.parametrize("how", ["0", "3"])
def test_report_into_a_stderr_nobody_reads(tmp_path, how):
    write = _gone_reader()
    try:
        plain, checked = _both(tmp_path, how, stdout=subprocess.PIPE, stderr=write, text=True)
    finally:
        os.close(write)
    assert (checked.returncode, checked.stdout) == (plain.returncode, plain.stdout) == (int(how), "out False False\n")
