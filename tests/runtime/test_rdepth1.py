"""Gaps the runtime checker had in issue 10's closing note, each as a program it must report and a look-alike it
must leave alone."""
from __future__ import annotations

import sys
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


# leaving `with executor:` waits for every job handed to it: those the coroutine never awaited block the loop
EXECUTOR_EXIT = '''
import asyncio
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def job(n):
    time.sleep(0.3)
    return n


async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(2) as pool:  # the exit waits for three jobs nobody awaited
        for n in range(3):
            pool.submit(job, n)
    with ThreadPoolExecutor(2) as pool:  # awaited: done before the exit
        print(await loop.run_in_executor(pool, job, 4))
    with ThreadPoolExecutor(2) as pool:  # not awaited, but ended before the exit (polled: a loaded machine waits)
        quick = pool.submit(print, "quick")
        while not quick.done(): await asyncio.sleep(0.01)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        pool.submit(job, 5)  # ... nor this one
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        print(await loop.run_in_executor(pool, job, 6))
    def elsewhere():
        with ThreadPoolExecutor(1) as pool:  # off the loop's thread
            pool.submit(job, 7)
    await asyncio.to_thread(elsewhere)
    print("end")


if __name__ == "__main__":
    asyncio.run(main())
'''


def test_executor_exit_waiting_for_jobs_nobody_awaited(tmp_path):
    # Python 3.9 runs a `with` block's exit at the block's last line (docs/runtime.md, Limits)
    lines = [15, 23] if sys.version_info >= (3, 10) else [17, 24]
    assert run_checked(tmp_path, EXECUTOR_EXIT, "--select", "ACK106") == [("ACK106", n) for n in lines]
