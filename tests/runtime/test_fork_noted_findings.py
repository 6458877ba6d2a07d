"""A fork while foreign-thread findings are only noted (ACK401/402 wait in ``Recorder.deferred`` for a drain) and
while another thread of the parent is draining them: the child starts with none of the parent's notes (the parent
reports them), never waits for a drain that did not come along, and still reports what it does itself; the
parent keeps every note it had."""
import os
import threading
import time

import pytest

import asynccheck
from tests.runtime.test_fork_with_held_locks import _child_exit_status

pytestmark = [pytest.mark.skipif(not hasattr(os, "fork"), reason="fork"),
              pytest.mark.filterwarnings("ignore:This process .* is multi-threaded")]  # (3.12+)


def noted(recorder, line):
    # what the foreign thread's note leaves (recorder._note): the finding made later, by whoever drains
    recorder.deferred.append(("ACK402", "`loop.call_soon()` from a thread", None,
                              dict(where=("app.py", line), thread="worker", test=None)))


def sites(findings):
    return sorted((f.code, f.line) for f in findings if f.path == "app.py")


@pytest.mark.parametrize("drain_under_way", [False, True])
def test_a_forked_child_reports_its_own_notes_and_none_of_its_parents(drain_under_way):
    with asynccheck.watch(select=["ACK402"]) as session:
        recorder = session.runtime.recorder
        noted(recorder, 3)
        noted(recorder, 5)
        held, release = threading.Event(), threading.Event()

        def drainer():  # a drain of the parent's, stopped in merge() on the table's lock when the fork comes
            with recorder._draining:
                held.set()
                release.wait(10)

        thread = threading.Thread(target=drainer, daemon=True)
        if drain_under_way:
            thread.start()
            assert held.wait(5)
        try:
            pid = os.fork()
            if pid == 0:
                try:
                    before = (len(recorder.deferred), len(recorder._pending))
                    noted(recorder, 7)
                    start = time.monotonic()
                    got = sites(recorder.findings)
                    waited = time.monotonic() - start
                    os._exit(0 if before == (0, 0) and got == [("ACK402", 7)] and waited < 2 else 1)
                finally:
                    os._exit(2)
            assert _child_exit_status(pid, 20) == 0  # 1: the parent's notes came along, or the child waited for a drain that is not there
        finally:
            release.set()
            if drain_under_way:
                thread.join()
        assert sites(session.findings) == [("ACK402", 3), ("ACK402", 5)]
