"""Every foreign-thread finding noted (ACK401/402, ``Recorder.deferred``) is in the findings a reader gets, whatever
the drain was doing when the reader came: a reader that interrupted this thread's own drain (a signal handler), one
inside merge() while another thread's drain waits for the lock it holds, an entry that fails to record. And the
reader never waits long for them."""
import threading
import time

import pytest

from asynccheck.runtime.frames import FrameFilter
from asynccheck.runtime.recorder import Recorder, merge


def noted(recorder, line, **more):
    recorder.deferred.append(("ACK402", "`loop.call_soon()` from a thread", None,
                              dict(where=("app.py", line), thread="worker", test=None, **more)))


def sites(findings):
    return sorted((f.code, f.line) for f in findings)


def test_a_reader_that_interrupts_the_drain_gets_the_entry_under_way():
    recorder = Recorder(frozenset({"ACK402"}), FrameFilter())
    read, come = [], []

    def where_from():  # run by the drain for the entry it has taken off the list: a signal handler comes then
        if not come:
            come.append(True)
            read.append(sites(recorder.findings))
        return None

    noted(recorder, 3, where_from=where_from)
    noted(recorder, 5)
    recorder.report_deferred()
    assert read == [[("ACK402", 3), ("ACK402", 5)]]
    assert sites(recorder.findings) == [("ACK402", 3), ("ACK402", 5)]


def test_a_reader_inside_merge_does_not_wait_for_a_drain_stuck_on_its_lock():
    """The main thread, storing a finding, holds the table's lock when a signal handler reads the findings; the
    watchdog's drain waits for that lock: the reader must not wait for the drain (five seconds, then)."""
    recorder = Recorder(frozenset({"ACK101", "ACK402"}), FrameFilter())
    noted(recorder, 3)
    recorder._lock.acquire()
    drainer = threading.Thread(target=recorder.report_deferred, daemon=True)
    drainer.start()
    deadline = time.monotonic() + 5
    while not recorder._under_way and time.monotonic() < deadline:
        time.sleep(0.001)
    time.sleep(0.05)  # (the drain is in merge, waiting for the lock)
    took, table = [], {}

    def table_of():
        if not took:  # the signal handler, run while this thread is in merge()
            start = time.monotonic()
            recorder.findings
            took.append(time.monotonic() - start)
        return table

    try:
        merge(table_of, "k", object(), threading.RLock())
    finally:
        recorder._lock.release()
    drainer.join(5)
    assert took and took[0] < 1.0
    assert sites(recorder.findings) == [("ACK402", 3)]


def test_an_entry_that_fails_to_record_does_not_stop_the_others():
    recorder = Recorder(frozenset({"ACK402"}), FrameFilter())
    noted(recorder, 3, positions=object())  # (not positions at all: building its stack fails)
    noted(recorder, 5)
    assert sites(recorder.findings) == [("ACK402", 5)]
    for _ in range(3):  # (tried again at the next drains, then given up)
        recorder.report_deferred()
    assert not recorder.deferred


def test_many_noted_entries_are_recorded_quickly():
    """The report at exit with a thousand entries waiting (a thousand threads each scheduling once)."""
    recorder = Recorder(frozenset({"ACK402"}), FrameFilter())
    for i in range(1000):
        recorder.deferred.append(("ACK402", "`loop.call_soon()` from a thread", None,
                                  dict(where=("app.py", 3), thread=f"worker-{i}", test=None)))
    start = time.monotonic()
    found = recorder.findings
    assert time.monotonic() - start < 1.0
    assert [(f.line, f.count) for f in found] == [(3, 1000)]


def test_an_entry_under_way_when_ctrl_c_comes_is_kept_for_the_report():
    """SIGINT's KeyboardInterrupt raised on the main thread while it drains: the program gets it, as it would
    have got it there under python, and the entry it interrupted is still in the report read later."""
    recorder = Recorder(frozenset({"ACK402"}), FrameFilter())
    come = []

    def where_from():
        if not come:
            come.append(True)
            raise KeyboardInterrupt
        return None

    noted(recorder, 3, where_from=where_from)
    noted(recorder, 5)
    with pytest.raises(KeyboardInterrupt):
        recorder.report_deferred()
    assert sites(recorder.findings) == [("ACK402", 3), ("ACK402", 5)]


def test_an_occurrence_counted_while_its_entry_is_recorded_is_not_lost():
    """A worker repeating a call counts it into its waiting entry; the watchdog's drain may read that count just
    before the worker adds one (looked the entry up, then lost the GIL): the report has them all."""
    recorder = Recorder(frozenset({"ACK402"}), FrameFilter())
    entry = dict(where=("app.py", 3), thread="worker", test=None, count=1, key=("k",))
    recorder._pending[("k",)] = entry

    def where_from():  # the drain has read the count: the worker counts one more into the entry it looked up
        entry["count"] += 1
        return None

    entry["where_from"] = where_from
    recorder.deferred.append(("ACK402", "`loop.call_soon()` from a thread", None, entry))
    recorder.report_deferred()
    assert [(f.line, f.count) for f in recorder.findings] == [(3, 2)]


def test_a_file_read_asked_as_the_files_thread_stops_is_answered_at_once():
    """The watchdog recording a noted finding reads its source (noqa comments) on the files thread; the program
    ends meanwhile and that thread is stopped. The read, waiting for the mutex while stop() held it, must not ask
    the ended thread and wait five seconds for nothing (the report at exit waited as long, and went without it)."""
    from asynccheck.runtime.private_files import PrivateFiles

    files = PrivateFiles()
    files.start()
    if not files.private:
        pytest.skip("no private descriptor table here")
    real, caller = files._mutex, []

    class StoppedMeanwhile:  # the mutex: the caller gets it only once stop() has run through
        def acquire(self, *args, **kwargs):
            if threading.current_thread() is caller[0] and not caller[1:]:
                caller.append(True)
                stopper = threading.Thread(target=files.stop)
                stopper.start()
                stopper.join()
                time.sleep(0.1)  # (the thread has woken, found no job and ended)
            return real.acquire(*args, **kwargs)

        def release(self):
            real.release()

    files._mutex = StoppedMeanwhile()
    answers = []

    def ask():
        start = time.monotonic()
        answers.append((files.call(lambda: "text", default=""), time.monotonic() - start < 2))

    caller.append(threading.Thread(target=ask))
    caller[0].start()
    caller[0].join(10)
    assert answers == [("text", True)]
