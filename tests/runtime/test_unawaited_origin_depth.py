"""The never-awaited warning of asyncio's debug mode ("Coroutine created at", as deep as debug mode asks) reads as
without asynccheck: our wrappers' frames between the program's, and the frames that run the program's file, used
to count towards the depth and cut the outermost of the program's frames off. A program setting the depth itself
reads back what it set."""
import subprocess
import sys

import pytest

DEBUG = """
import asyncio

async def cleanup(name):
    await asyncio.sleep(0)

def nested(n):
    if n:
        return nested(n - 1)
    cleanup("deep")  # past debug mode's 10 frames: the stack is cut at the same frame as without asynccheck
    return n

async def main():
    asyncio.get_running_loop().slow_callback_duration = 60  # (a loaded machine's slow steps are no matter here)
    await asyncio.sleep(0)
    cleanup("cache")
    nested(12)
    await asyncio.sleep(0)
    print("done")

asyncio.run(main(), debug=True)
"""

OWN_DEPTH = """
import asyncio, sys

async def job():
    pass

def make():
    return job()

async def main():
    sys.set_coroutine_origin_tracking_depth(2)
    print(sys.get_coroutine_origin_tracking_depth())
    c = make()
    print([entry[2] for entry in c.cr_origin][:2])
    del c
    sys.set_coroutine_origin_tracking_depth(0)
    print(sys.get_coroutine_origin_tracking_depth())
    job()  # no origin asked for: the warning has none

asyncio.run(main())
print(sys.get_coroutine_origin_tracking_depth())
"""


@pytest.mark.parametrize("source", [DEBUG, OWN_DEPTH], ids=["debug_mode", "own_depth"])
def test_warning_and_depth_as_without_asynccheck(tmp_path, source):
    program = tmp_path / "program.py"
    program.write_text(source)

    def run(*command):
        done = subprocess.run([sys.executable, *command, str(program)], capture_output=True, text=True, timeout=120,
                              cwd=tmp_path)
        return done.returncode, done.stdout, done.stderr

    plain = run()
    report = tmp_path / "report.json"
    checked = run("-m", "asynccheck", "run", "--format", "json", "-o", str(report))
    assert "was never awaited" in plain[2]
    assert checked == plain
    assert '"ACK301"' in report.read_text()
