"""On Python 3.12+ the checker watches the program's calls through a ``sys.monitoring`` tool id of its own (3 or
4, which Python leaves unnamed). A program (or a profiler, a debugger) that asks for that id by number gets it as
under python: the checker moves to another free id, and goes on watching there."""
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(sys.version_info < (3, 12), reason="sys.monitoring is 3.12's")

PROGRAM = textwrap.dedent("""\
    import asyncio
    import sys
    import threading

    monitoring = sys.monitoring
    starts = []


    def resolve(fut):
        fut.set_result(1)


    async def main():
        fut = asyncio.get_running_loop().create_future()
        worker = threading.Thread(target=resolve, args=(fut,))
        worker.start()
        worker.join()
        await asyncio.sleep(0.05)
        print("result", fut.result())


    asyncio.run(asyncio.sleep(0))  # the checker has its id by now
    for tool in map(int, sys.argv[1:]):
        monitoring.use_tool_id(tool, "the program's")
    mine = int(sys.argv[1])
    monitoring.register_callback(mine, monitoring.events.PY_START,
                                 lambda code, offset: starts.append(code.co_name) if code.co_name == "main" else None)
    monitoring.set_events(mine, monitoring.events.PY_START)
    asyncio.run(main())
    monitoring.set_events(mine, 0)
    print("tools", [monitoring.get_tool(tool) for tool in map(int, sys.argv[1:])], "starts", starts)
    """)


@pytest.mark.parametrize("tools", [["4"], ["4", "3"], ["3"]])
def test_program_takes_the_checkers_tool_id(tmp_path, tools):
    (tmp_path / "prog.py").write_text(PROGRAM)
    plain, checked = (subprocess.run([*launcher, "prog.py", *tools], cwd=tmp_path, capture_output=True, text=True,
                                     timeout=60)
                      for launcher in ([sys.executable], [sys.executable, "-m", "asynccheck", "run"]))
    assert plain.returncode == 0, plain.stderr
    assert (checked.stdout, checked.returncode) == (plain.stdout, plain.returncode), checked.stderr
    # with one id of the two taken, the checker still sees the set_result from the worker thread
    assert ("ACK401" in checked.stderr) == (len(tools) == 1), checked.stderr
