"""The two loops an output test runs its program on, and the preamble that picks uvloop's when the program is
given the argument `uvloop` (both runs, python's and the checker's, use the same loop)."""
import subprocess
import sys
import textwrap

import pytest

LOOPS = ["asyncio", pytest.param("uvloop", marks=pytest.mark.skipif(
    subprocess.run([sys.executable, "-c", "import uvloop"], capture_output=True).returncode != 0,
    reason="uvloop is not installed"))]

PREAMBLE = """\
import sys
if sys.argv[1:] == ["uvloop"]:
    import asyncio, uvloop
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
"""


def run_program(tmp_path, programs, name, loop, checked):
    """Program ``name`` of ``programs`` run by python, or by `asynccheck run` when ``checked``, on ``loop``."""
    path = tmp_path / f"{name}.py"
    path.write_text(PREAMBLE + textwrap.dedent(programs[name]))
    prefix = ["-m", "asynccheck", "run", "--output", str(tmp_path / "report.txt")] if checked else []
    return subprocess.run([sys.executable, *prefix, str(path), loop], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)
