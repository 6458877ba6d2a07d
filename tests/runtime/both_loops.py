"""The two loops an output test runs its program on, and the preamble that picks uvloop's when the program is
given the argument `uvloop` (both runs, python's and the checker's, use the same loop)."""
import subprocess
import sys

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
