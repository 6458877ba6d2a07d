"""ACK120 and ACK501 from a background thread: the loop's hot path pays nothing for them.

Stalls: every few milliseconds the watchdog looks at each running loop. If the loop is in the same iteration
and the same task (or callback frame) is current as at the last look, one step is still running; when that
step has run longer than the threshold, the watchdog records where the loop thread's stack is, and reports the
line it saw most once the step ends. A task cannot run twice in one iteration, so the same (iteration, task)
seen twice is always one step.

Queues: unbounded asyncio queues made by user code are sampled a few times a second.
"""
from __future__ import annotations

import _thread
import sys
import threading
import time
from asyncio import tasks
from collections import Counter
from typing import Any, Dict, Optional, Tuple

from asynccheck.runtime.loop import LoopHooks, LoopState
from asynccheck.runtime.recorder import Recorder

_perf = time.perf_counter


class _Step:
    __slots__ = ("token", "first", "last", "lines", "task", "stack", "thread")

    def __init__(self, token: tuple, now: float):
        self.token, self.first, self.last = token, now, now
        self.lines: Counter = Counter()
        self.task: Optional[str] = None
        self.stack: Any = None
        self.thread: Optional[str] = None


class Watchdog:
    def __init__(self, recorder: Recorder, state: LoopState, hooks: LoopHooks, stall_s: float, queue_threshold: int):
        self.recorder = recorder
        self.state = state
        self.hooks = hooks
        self.stall_s = stall_s
        self.queue_threshold = queue_threshold
        self.interval = max(0.002, min(stall_s / 5, 0.02))
        self._steps: Dict[int, _Step] = {}
        self._stop = False
        self._thread: Optional[int] = None
        self._reported_queues: set = set()
        self._last_queue_check = 0.0
        self._mutex = _thread.allocate_lock()

    def start(self) -> None:
        if not (self.recorder.wants("ACK120") or self.recorder.wants("ACK501")):
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
        self.check_queues()

    def _run(self) -> None:
        sleep = time.sleep.__wrapped__ if hasattr(time.sleep, "__wrapped__") else time.sleep
        while not self._stop:
            sleep(self.interval)
            try:
                if self.recorder.wants("ACK120"):
                    with self._mutex:
                        if not self._stop:
                            self.check_stalls()
                now = _perf()
                if now - self._last_queue_check > 0.2:
                    self._last_queue_check = now
                    self.check_queues()
            except Exception:  # the checked program must never see the watchdog fail
                pass

    def check_stalls(self) -> None:
        frames = sys._current_frames()
        now = _perf()
        for loop in list(self.state.loops):
            thread_id = getattr(loop, "_thread_id", None)
            key = id(loop)
            frame = frames.get(thread_id) if thread_id is not None else None
            if frame is None or _idle(frame):
                self._finish(key)
                continue
            task = tasks._current_tasks.get(loop)
            token = (LoopState.iteration(loop), id(task) if task is not None else id(_callback_frame(frame)))
            step = self._steps.get(key)
            if step is None or step.token != token:
                self._finish(key)
                self._steps[key] = _Step(token, now)
                continue
            step.last = now
            if now - step.first >= self.stall_s * 0.5 and not _in_blocking_call(frame):
                user = self.recorder.frames.user_frame(frame)
                if user is not None:
                    step.lines[(user.f_code.co_filename, user.f_lineno or 0)] += 1
                    if step.stack is None:  # copied, not kept: holding the frame would keep its locals alive
                        step.stack = self.recorder.frames.stack(frame)
                step.task = task.get_name() if task is not None else None
                owner = threading._active.get(thread_id)  # type: ignore[attr-defined]
                step.thread = owner.name if owner is not None else None

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

    def check_queues(self) -> None:
        if not self.recorder.wants("ACK501"):
            return
        for queue, (path, line, stack) in list(self.hooks.queues.items()):
            size = queue.qsize()
            if size > self.queue_threshold and (path, line) not in self._reported_queues:
                self._reported_queues.add((path, line))
                self.recorder.report(
                    "ACK501", f"this unbounded asyncio queue grew to {size} items (threshold {self.queue_threshold}): "
                    "producers outpace consumers and nothing pushes back; give it a maxsize", None, where=(path, line),
                    stack=stack, thread=None)


def _in_blocking_call(frame: Any) -> bool:
    """The loop thread is inside a call the blocking detector wraps: that finding (ACK1xx) says it already."""
    for _ in range(3):
        if frame is None:
            return False
        if frame.f_code.co_name == "checked" and frame.f_code.co_filename.endswith("blocking.py"):
            return True
        frame = frame.f_back
    return False


def _idle(frame: Any) -> bool:
    """The loop thread waits in the selector (or is not in a loop step at all)."""
    return frame.f_code.co_filename.endswith("selectors.py")


def _callback_frame(frame: Any) -> Any:
    """The frame just inside Handle._run: it identifies a plain callback that is not a task step."""
    child = frame
    while frame is not None:
        if frame.f_code.co_name == "_run" and frame.f_code.co_filename.endswith("events.py"):
            return child
        child, frame = frame, frame.f_back
    return None
