"""Breaks found running real suites under the pytest plugin (rreal1): pytest asks for the frame summary of each
entry of its own traceback list (``extract_tb(entry, limit=1)``), also of an entry that is one of ours; the
private files' thread stopped when a wake-up was pending already."""
from __future__ import annotations

import traceback

import asynccheck
from asynccheck.runtime import plain_stack
from asynccheck.runtime.private_files import PrivateFiles


def _our_tail():
    try:
        plain_stack.plain_traceback(5)  # raises inside plain_stack.py: the chain's last entry is ours
    except AttributeError as exc:
        return exc.__traceback__.tb_next
    raise AssertionError("no error")


def test_a_walk_that_starts_at_our_entry_is_not_empty():
    tail = _our_tail()
    assert tail is not None and tail.tb_frame.f_code.co_filename == plain_stack.__file__
    assert plain_stack.plain_traceback(tail) is tail
    with asynccheck.watch():  # (traceback's walks are ours while a session runs)
        (summary,) = traceback.extract_tb(tail, limit=1)
    assert summary.filename == plain_stack.__file__


def test_stop_with_a_wake_up_pending():
    files = PrivateFiles()
    files.start()
    if files.running:
        files._asked.release()  # a wake-up with no job: the thread ends on it
    files.stop()
    files.stop()
    assert not files.running


def test_a_thread_given_up_on_keeps_its_own_locks():
    files = PrivateFiles()
    files.start()
    if not files.running:
        return  # (a system that refuses a table of its own: nothing runs on a thread)
    first_answered = files._answered
    files.given_up = True  # as after a start or an answer that came too late on a loaded machine
    files.stop()
    files.start()  # a new thread, new locks: the first one ended on stop, or answers only its own
    assert files._answered is not first_answered
    for n in range(20):
        assert files.call(pow, 2, n) == 2 ** n
    files.stop()


def test_answers_nobody_took_do_not_break_the_thread():
    import sys
    import time

    seen = []
    hook, sys.unraisablehook = sys.unraisablehook, seen.append
    try:
        files = PrivateFiles()
        files.start()
        if not files.running:
            return
        files.ANSWER_S = 0.02
        for _ in range(3):  # each caller gives up before the answer comes; the thread answers nobody
            files.given_up = False
            files.call(time.sleep, 0.05)
        time.sleep(0.2)
        files.ANSWER_S = 5.0
        files.given_up = False
        assert files.call(pow, 2, 3) in (8, None)
        files.stop()
        time.sleep(0.1)
    finally:
        sys.unraisablehook = hook
    assert not seen
