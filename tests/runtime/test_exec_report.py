"""A program that replaces itself with ``os.exec*`` (a re-exec after an upgrade, a launcher handing over to the
real program) ends the checked run there: the checker's report of what ran so far is written before the process
image is gone, and the program's output and exit status are those it has under python."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="os.exec* replaces the process on POSIX only")

PROGRAM = textwrap.dedent("""\
    import asyncio
    import os
    import sys
    import time


    async def main():
        time.sleep(0.3)  # a finding before the exec
        print("before", flush=True)


    asyncio.run(main())
    how = sys.argv[1]
    print("unflushed", end="")  # lost at the exec under python too (stdout block-buffered into a pipe)
    code = "import sys; print('replaced'); sys.exit(5)"
    if how == "execv":
        os.execv(sys.executable, [sys.executable, "-c", code])
    elif how == "execlp":
        os.execlp(os.path.basename(sys.executable), "python", "-c", code)
    elif how == "execve":
        os.execve(sys.executable, [sys.executable, "-c", code], dict(os.environ))
    elif how == "missing":
        try:
            os.execvp("no-such-program-here", ["no-such-program-here"])
        except OSError:
            print("exec failed", flush=True)
        sys.exit(4)
    """)


def _run(tmp_path, how, *options):
    (tmp_path / "prog.py").write_text(PROGRAM)
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    results = []
    for launcher in ([sys.executable], [sys.executable, "-m", "asynccheck", "run", "--stall-ms", "100", *options]):
        results.append(subprocess.run([*launcher, "prog.py", how], cwd=tmp_path, env=env, capture_output=True,
                                      text=True, timeout=60))
    return results


@pytest.mark.parametrize("how", ["execv", "execlp", "execve"])
def test_report_written_before_exec(tmp_path, how):
    plain, checked = _run(tmp_path, how)
    assert plain.stdout == "before\nreplaced\n" and plain.returncode == 5, plain.stderr
    assert (checked.stdout, checked.returncode) == (plain.stdout, plain.returncode)
    # the report of the run before the exec, once (execlp tries each PATH folder with execv)
    assert checked.stderr.count("ACK101") == 1, checked.stderr
    assert "Traceback" not in checked.stderr


def test_report_file_written_before_exec(tmp_path):
    report = tmp_path / "report.json"
    plain, checked = _run(tmp_path, "execv", "--format", "json", "--output", str(report))
    assert (checked.stdout, checked.returncode) == (plain.stdout, plain.returncode)
    assert "ACK101" in [f["code"] for f in json.loads(report.read_text())["findings"]]


def test_failed_exec_goes_on_checked(tmp_path):
    plain, checked = _run(tmp_path, "missing")
    assert plain.stdout == "before\nunflushedexec failed\n" and plain.returncode == 4
    assert (checked.stdout, checked.returncode) == (plain.stdout, plain.returncode)
    # the program went on: its one report is the one at its end, with the finding once
    assert checked.stderr.count("ACK101") == 1, checked.stderr
