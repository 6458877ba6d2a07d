"""An uncaught exception is printed as Python prints it: asynccheck's launcher frames (runpy, below the program)
are left out, but a program that runs another file with runpy itself (a launcher of its own, a tool's runner)
keeps those runpy frames in its traceback, as under python."""
import subprocess
import sys
import textwrap


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
