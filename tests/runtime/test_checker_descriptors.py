"""The descriptors the checker keeps open (the watchdog's schedstat files) sit far above the program's: a
program started with stdout or stdin closed, or one that closes them itself, gets the lowest free numbers from
its own opens as under python (a daemon's `os.open(os.devnull)` taking 0, 1, 2; libuv, which aborts when a
descriptor of its own is 0 to 2, relies on getting higher ones)."""
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="schedstat files are Linux's")

PROGRAM = textwrap.dedent("""\
    import asyncio
    import os
    import threading
    import time


    async def main():
        worker = threading.Thread(target=time.sleep, args=(0.8,))
        worker.start()
        await asyncio.sleep(0.8)  # the watchdog looks at the loop and lists the threads meanwhile
        worker.join()


    asyncio.run(main())
    os.close(0)
    fds = [os.open(os.devnull, os.O_RDONLY) for _ in range(3)]
    os.write(2, f"fds {fds}\\n".encode())
    """)


def test_program_gets_the_lowest_descriptors(tmp_path):
    (tmp_path / "prog.py").write_text(PROGRAM)
    results = []
    script = os.path.join(os.path.dirname(sys.executable), "asynccheck")
    for launcher in ([sys.executable], [sys.executable, "-m", "asynccheck", "run"], [script, "run"]):
        proc = subprocess.run([*launcher, "prog.py"], cwd=tmp_path, stderr=subprocess.PIPE, text=True, timeout=60,
                              stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
        results.append((proc.returncode, proc.stderr.splitlines()[0]))
    assert results[0] == (0, "fds [0, 1, 3]")
    assert results[1] == results[0] and results[2] == results[0]
