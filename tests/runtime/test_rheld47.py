"""What rheld47's blind held-out suite and its robustness programs found.

A task's stack, as `Task.get_stack()` and `print_stack()` give it, listed the launcher's frames and the loop's
`run_forever` wrapper for the task that was running (`asyncio.current_task().get_stack()`, a task dashboard):
asyncio's `base_tasks._task_get_stack` walks `f_back` out of the coroutine's frame, and the C task calls the
function it looked up when it was imported, so patching the module's name did nothing (runtime/plain_stack.py).

Left as documented: the few standard modules the checker imports are in `sys.modules` for the program to see
(`"faulthandler" in sys.modules` was true under the checker alone); the test below holds them to that list."""
import asyncio
import json
import subprocess
import sys

import pytest

import asynccheck
from tests.runtime.both_loops import LOOPS, run_program

PROGRAMS = {
    # the running task's stack, whole and cut, its printed form, and the stacks of a waiting and a failed task
    "task_stacks": """
        import asyncio, io

        async def worker(ev):
            await ev.wait()

        async def failing():
            await asyncio.sleep(0)
            raise KeyError("gone")

        def names(frames):
            return [f.f_code.co_name for f in frames]

        async def main():
            ev = asyncio.Event()
            waiting = asyncio.create_task(worker(ev))
            failed = asyncio.create_task(failing())
            await asyncio.sleep(0.01)
            me = asyncio.current_task()
            print(names(me.get_stack()))
            print(names(me.get_stack(limit=2)), names(me.get_stack(limit=0)), names(me.get_stack(limit=-1)))
            print(names(waiting.get_stack()), names(failed.get_stack()), names(failed.get_stack(limit=0)))
            buf = io.StringIO()
            me.print_stack(file=buf)
            print(len(buf.getvalue().splitlines()), buf.getvalue().count("File "))
            ev.set()
            await waiting
            print(names(waiting.get_stack()))
            try:
                await failed
            except KeyError:
                pass

        asyncio.run(main())
        """,
    # a task running in a thread's own loop, and one of a loop the program drives itself
    "task_stacks_own_loops": """
        import asyncio, threading

        async def where():
            await asyncio.sleep(0)
            return [f.f_code.co_name for f in asyncio.current_task().get_stack()]

        def in_thread(out):
            out.append(asyncio.run(where()))

        out = []
        t = threading.Thread(target=in_thread, args=(out,))
        t.start()
        t.join()
        print(out)
        loop = asyncio.new_event_loop()
        print(loop.run_until_complete(where()))
        loop.close()
        """,
}


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_a_task_s_stack_is_python_s(tmp_path, name, loop):
    plain = run_program(tmp_path, PROGRAMS, name, loop, checked=False)
    checked = run_program(tmp_path, PROGRAMS, name, loop, checked=True)
    assert plain.returncode == 0, plain.stderr
    assert (checked.returncode, checked.stdout) == (plain.returncode, plain.stdout)
    assert "main" in plain.stdout or "where" in plain.stdout


def test_the_function_asyncio_s_task_holds_is_given_back():
    function = asyncio.base_tasks._task_get_stack
    code = function.__code__

    async def main():
        return [f.f_code.co_name for f in asyncio.current_task().get_stack()]

    with asynccheck.watch():
        assert asyncio.base_tasks._task_get_stack is function
        assert function.__code__ is not code
        inside = asyncio.run(main())
    assert function.__code__ is code and function.__kwdefaults__ is None
    # (no launcher under pytest: what is left out is the loop's run_forever wrapper alone)
    assert inside == asyncio.run(main())


# (docs/runtime.md, "What the program sees": the standard modules the checker imports, besides asyncio's own)
_CHECKER_MODULES = {"faulthandler", "gc", "runpy", "_ctypes"} | (
    {"pkgutil", "textwrap", "fcntl"} if sys.version_info < (3, 10) else set())


def test_the_standard_modules_the_checker_adds_are_the_documented_ones(tmp_path):
    probe = tmp_path / "modules.py"
    probe.write_text("import asyncio, json, sys\nprint(json.dumps([m for m in sys.modules if 'asynccheck' not in m]))\n")
    plain = subprocess.run([sys.executable, str(probe)], capture_output=True, text=True, timeout=120)
    checked = subprocess.run([sys.executable, "-m", "asynccheck", "run", "--output", str(tmp_path / "report.txt"),
                              str(probe)], capture_output=True, text=True, timeout=120)
    python_s, ours = set(json.loads(plain.stdout)), set(json.loads(checked.stdout))
    assert python_s <= ours
    assert ours - python_s <= _CHECKER_MODULES
