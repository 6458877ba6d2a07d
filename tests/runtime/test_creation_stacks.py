"""Debug mode's creation stacks ("created at", an exception handler's ``source_traceback``) end at the program's
call, as without asynccheck: its wrappers of ``create_task``, ``ensure_future`` and uvloop's ``call_later`` and
``call_at`` made them while one of their frames was the innermost (uvloop's own tests read the caller there)."""
import subprocess
import sys

import pytest

PROGRAM = """
import asyncio, sys

async def job():
    pass

def later(loop):
    return loop.call_later(0.001, int)  # a helper of the program's: the frame before main's

async def main():
    loop = asyncio.get_running_loop()
    made = {
        "call_soon": loop.call_soon(int),
        "call_later": later(loop),
        "call_at": loop.call_at(loop.time() + 0.001, int),
        "loop.create_task": loop.create_task(job()),
        "asyncio.create_task": asyncio.create_task(job()),
        "ensure_future": asyncio.ensure_future(job()),
        "create_future": loop.create_future(),
    }
    for name, made_here in made.items():
        stack = made_here._source_traceback
        print(name, [(entry.name, entry.lineno) for entry in stack[-2:]] if stack else stack)
    await asyncio.sleep(0.01)

if sys.argv[1:] == ["uvloop"]:
    import uvloop
    uvloop.run(main(), debug=True)
else:
    asyncio.run(main(), debug=True)
print(asyncio.run(job(), debug=False))  # outside debug mode: no stacks, nothing to do
"""


def _loops():
    try:
        import uvloop  # noqa: F401
    except ImportError:
        return ["asyncio"]
    return ["asyncio", "uvloop"]


@pytest.mark.parametrize("loop", _loops())
def test_creation_stacks_read_as_without_asynccheck(tmp_path, loop):
    program = tmp_path / "stacks.py"
    program.write_text(PROGRAM)

    def run(*command):
        done = subprocess.run([sys.executable, *command, str(program), loop], capture_output=True, text=True,
                              timeout=120, cwd=tmp_path)
        return done.stdout, done.returncode

    plain = run()
    checked = run("-m", "asynccheck", "run", "--output", str(tmp_path / "report.txt"))
    assert "('later'" in plain[0] and "call_at" in plain[0]
    assert checked == plain
