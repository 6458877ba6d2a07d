"""The recorder is entered again on a thread already inside it: making a finding's objects may run the
collector, whose finalizers report (a pending task destroyed: "Task was destroyed but it is pending!"), and a
signal handler (the report on SIGTERM) may run between any two lines. Neither may hang the program."""
import sys
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


def test_a_noted_finding_whose_first_recording_fails_is_recorded_at_the_next_drain(monkeypatch):
    """A foreign thread's finding is only noted there and recorded by whoever drains next (the watchdog, the
    reader of the findings). A failure of that recording (a first finding's import that raised on the watchdog's
    thread while the program's thread imported too) leaves the entry for the next drain instead of losing it."""
    recorder = Recorder(frozenset({"ACK401"}), FrameFilter())

    def feed_data():
        recorder.report("ACK401", "`StreamReader.feed_data()` from a thread", sys._getframe())

    def feed_eof():
        recorder.report("ACK401", "`StreamReader.feed_eof()` from a thread", sys._getframe())

    worker = threading.Thread(target=lambda: (feed_data(), feed_eof()))
    worker.start()
    worker.join()
    assert len(recorder.deferred) == 2
    real, failures = Recorder._record, []

    def fails_once(self, *args, **kw):
        if not failures:
            failures.append(args[0])
            raise ImportError("deadlock detected by _ModuleLock")
        return real(self, *args, **kw)

    monkeypatch.setattr(Recorder, "_record", fails_once)
    recorder.report_deferred()  # the watchdog's drain: the first entry fails
    assert failures == ["ACK401"]
    lines = sorted(f.message.split("`")[1] for f in recorder.findings)  # the reader's drain
    assert lines == ["StreamReader.feed_data()", "StreamReader.feed_eof()"]


def test_a_noted_finding_that_always_fails_is_given_up(monkeypatch):
    recorder = Recorder(frozenset({"ACK401"}), FrameFilter())
    worker = threading.Thread(
        target=lambda: recorder.report("ACK401", "`Event.set()` from a thread", sys._getframe()))
    worker.start()
    worker.join()

    def always(self, *args, **kw):
        raise RuntimeError("ours")

    monkeypatch.setattr(Recorder, "_record", always)
    for _ in range(5):
        recorder.report_deferred()
    assert recorder.deferred == []
