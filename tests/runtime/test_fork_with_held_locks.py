"""A fork while another thread of the checker holds one of its locks: the lock would stay held for ever in the
child, whose first finding then waits on it. Each lock the runtime and a Session take is renewed in the child."""
import asyncio
import os
import threading
import time

import pytest

import asynccheck

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")


async def blocks():
    time.sleep(0.02)  # ACK101 in the child: recorded, and collected into the session's window


def _child_exit_status(pid: int, within: float) -> int:
    end = time.monotonic() + within
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.01)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return -9


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded")  # (3.12+: what this test is about)
@pytest.mark.parametrize("held", ["window", "recorder", "locks"])
def test_a_child_forked_while_a_lock_is_held_records_its_findings(held):
    with asynccheck.watch(select=["ACK101"]) as session:
        lock = {"window": session._window_lock, "recorder": session.runtime.recorder._lock,
                "locks": session.runtime.locks._mutex}[held]
        taken, release = threading.Event(), threading.Event()

        def holder():
            with lock:
                taken.set()
                release.wait(10)

        thread = threading.Thread(target=holder)
        thread.start()
        taken.wait(5)
        try:
            pid = os.fork()
            if pid == 0:  # the child: report its own finding, then say whether it was collected
                try:
                    asyncio.run(blocks())
                    os._exit(0 if [f.code for f in session.drain()] == ["ACK101"] else 1)
                finally:
                    os._exit(2)
            assert _child_exit_status(pid, 20) == 0  # -9: the child hung on the lock
        finally:
            release.set()
            thread.join()
