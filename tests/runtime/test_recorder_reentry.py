"""The recorder is entered again on a thread already inside it: making a finding's objects may run the
collector, whose finalizers report (a pending task destroyed: "Task was destroyed but it is pending!"), and a
signal handler (the report on SIGTERM) may run between any two lines. Neither may hang the program."""
import threading

from asynccheck.findings import Finding
from asynccheck.runtime.frames import FrameFilter
from asynccheck.runtime.recorder import Recorder


def test_a_report_made_while_a_finding_is_merged_does_not_hang(monkeypatch):
    recorder = Recorder(frozenset({"ACK101", "ACK302"}), FrameFilter())
    real = Finding.seen_again
    nested = []

    def seen_again(self, other):
        if not nested:  # as a finalizer run by the collector in the middle of the merge would
            nested.append(recorder.report("ACK302", "a task destroyed while pending", None, where=("app.py", 7)))
            recorder.findings  # and the report on SIGTERM reads them all
        return real(self, other)

    monkeypatch.setattr(Finding, "seen_again", seen_again)

    def twice():
        for _ in range(2):
            recorder.report("ACK101", "a sleep", None, where=("app.py", 3), duration=0.2)

    worker = threading.Thread(target=twice, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "the recorder deadlocked on its own lock"
    found = {(f.code, f.line, f.count) for f in recorder.findings}
    assert found == {("ACK101", 3, 2), ("ACK302", 7, 1)}


def test_a_report_made_while_the_sessions_window_merges_does_not_hang(monkeypatch):
    from asynccheck.checker.session import Session

    session = Session()
    sleep = Finding("ACK101", "app.py", 3, 1, "a sleep", source="runtime", duration=0.2)
    destroyed = Finding("ACK302", "app.py", 7, 1, "a task destroyed while pending", source="runtime")
    real = Finding.seen_again
    nested = []

    def seen_again(self, other):
        if not nested:
            nested.append(session._collect(destroyed))  # a listener's call, from a finalizer mid-merge
        return real(self, other)

    monkeypatch.setattr(Finding, "seen_again", seen_again)
    worker = threading.Thread(target=lambda: [session._collect(sleep) for _ in range(2)], daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "the session deadlocked on its own lock"
    assert {(f.code, f.count) for f in session.drain()} == {("ACK101", 2), ("ACK302", 1)}
