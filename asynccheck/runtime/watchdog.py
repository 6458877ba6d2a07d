"""ACK120 (and held locks for ACK201, queue sizes for ACK501) from a background thread: the loop's hot path pays nothing for them.

Stalls: every few milliseconds the watchdog reads each thread's stack. A thread inside a loop's `_run_once`
that runs the same asyncio Handle (one task step, or one callback) as at the last look is still in that one
step; once it has run longer than the threshold, the watchdog counts the user lines it finds there, and reports
the line it saw most when the step ends. Held threading locks are checked on the same pass (see locks.py).

"""
from __future__ import annotations

import _thread
import selectors
import sys
import threading
import time
import weakref
from asyncio import tasks
from collections import Counter
from typing import Any, Dict, Optional

from asynccheck.runtime.locks import LockDetector
from asynccheck.runtime.loop import loop_activity
from asynccheck.runtime.recorder import Recorder

_perf = time.perf_counter


class _Step:
    __slots__ = ("handle", "first", "last", "lines", "task", "stack", "thread")

    def __init__(self, handle: Any, now: float):
        self.handle, self.first, self.last = weakref.ref(handle), now, now
        self.lines: Counter = Counter()
        self.task: Optional[str] = None
        self.stack: Any = None
        self.thread: Optional[str] = None


class Watchdog:
    def __init__(self, recorder: Recorder, locks: LockDetector, queues: Any, stall_s: float):
        self.recorder = recorder
        self.locks = locks
        self.queues = queues
        self._last_queue_check = 0.0
        self.stall_s = stall_s
        self.interval = max(0.002, min(stall_s / 4, 0.025))
        self._steps: Dict[int, _Step] = {}
        self._stop = False
        self._thread: Optional[int] = None  # the watchdog's own thread id
        self._mutex = _thread.allocate_lock()

    def start(self) -> None:
        if not any(self.recorder.wants(code) for code in ("ACK120", "ACK201", "ACK501")):
            return
        self._stop = False
        # a raw thread: it must not show up in threading.enumerate() or delay interpreter exit
        self._thread = _thread.start_new_thread(self._run, ())

    def stop(self) -> None:
        """Stop sampling, and report the step that was still being watched (the program may end right after a
        stall, before the next sample would have seen it end)."""
        self._stop = True
        with self._mutex:
            for key in list(self._steps):
                self._finish(key)
        self.queues.check_queues()

    def _run(self) -> None:
        sleep = time.sleep.__wrapped__ if hasattr(time.sleep, "__wrapped__") else time.sleep
        while not self._stop:
            sleep(self.interval)
            try:
                with self._mutex:
                    if not self._stop:
                        self.check_loops()
                now = _perf()
                if now - self._last_queue_check > 0.2:
                    self._last_queue_check = now
                    self.queues.check_queues()
            except Exception:  # the checked program must never see the watchdog fail
                pass

    def check_loops(self) -> None:
        stalls = self.recorder.wants("ACK120")
        now = _perf()
        seen = set()
        for thread_id, frame in sys._current_frames().items():
            if thread_id == self._thread:
                continue
            if not self.locks.held and frame.f_code.co_filename == selectors.__file__:
                self._finish(thread_id)  # a loop waiting for I/O, and no lock to check: nothing to look at
                seen.add(thread_id)
                continue
            loop, handle, idle = loop_activity(frame)
            if loop is None:
                continue
            self.locks.check(loop, handle, now)
            if not stalls:
                continue
            seen.add(thread_id)
            step = self._steps.get(thread_id)
            if idle or handle is None:
                self._finish(thread_id)
                continue
            if step is None or step.handle() is not handle:
                self._finish(thread_id)
                self._steps[thread_id] = _Step(handle, now)
                continue
            step.last = now
            if now - step.first >= self.stall_s * 0.5 and not _in_blocking_call(frame):
                user = self.recorder.frames.user_frame(frame)
                if user is not None:
                    step.lines[(user.f_code.co_filename, user.f_lineno or 0)] += 1
                    if step.stack is None:  # copied, not kept: holding the frame would keep its locals alive
                        step.stack = self.recorder.frames.stack(frame)
                task = tasks._current_tasks.get(loop)
                step.task = task.get_name() if task is not None else None
                owner = threading._active.get(thread_id)  # type: ignore[attr-defined]
                step.thread = owner.name if owner is not None else None
        for thread_id in [t for t in self._steps if t not in seen]:
            self._finish(thread_id)

    def _finish(self, key: int) -> None:
        step = self._steps.pop(key, None)
        if step is None or not step.lines:
            return
        duration = step.last - step.first + self.interval
        if duration < self.stall_s:
            return
        (where, _), = step.lines.most_common(1)
        self.recorder.report(
            "ACK120", f"one step kept the event loop busy for {duration * 1000:.0f} ms (threshold "
            f"{self.stall_s * 1000:.0f} ms) without awaiting; most of it was spent at this line", None,
            duration=duration, task=step.task, where=where, stack=step.stack, thread=step.thread)


def _in_blocking_call(frame: Any) -> bool:
    """The loop thread is inside a call the blocking detector wraps: that finding (ACK1xx) says it already."""
    for _ in range(3):
        if frame is None:
            return False
        if frame.f_code.co_name == "checked" and frame.f_code.co_filename.endswith("blocking.py"):
            return True
        frame = frame.f_back
    return False


