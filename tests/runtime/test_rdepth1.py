"""Gaps the runtime checker had in issue 10's closing note, each as a program it must report and a look-alike it
must leave alone."""
from __future__ import annotations

import textwrap

from tests.runtime.test_programs import checked, python


def run_checked(tmp_path, source: str, *options: str):
    program = tmp_path / "program.py"
    program.write_text(textwrap.dedent(source))
    proc, data = checked(tmp_path, *options, str(program))
    plain = python(str(program))
    assert (proc.returncode, proc.stdout) == (plain.returncode, plain.stdout), proc.stderr
    return sorted((f["code"], f["line"]) for f in data["findings"])


# multiprocessing.connection.wait() waits for any of several pipe ends, as poll(timeout) does for one
CONNECTION_WAIT = '''
import asyncio
import threading
from multiprocessing import Pipe
from multiprocessing.connection import wait as wait_for_ends


def later(end):
    end.send("late")


async def main():
    mine, theirs = Pipe()
    threading.Timer(0.05, later, (theirs,)).start()
    ready = wait_for_ends([mine])  # blocks the loop until the timer's send
    print(mine.recv(), len(ready))
    other, far = Pipe()
    far.send("now")
    if wait_for_ends([other], timeout=0):  # asks, does not wait: and the recv() takes what is there
        print(other.recv())
    print(wait_for_ends([other], 0))
    await asyncio.to_thread(wait_for_ends, [mine], 0.01)  # in a worker thread


asyncio.run(main())
'''


def test_connection_wait_on_the_loop_is_a_wait_and_a_zero_timeout_is_not(tmp_path):
    assert run_checked(tmp_path, CONNECTION_WAIT, "--select", "ACK106") == [("ACK106", 15)]
