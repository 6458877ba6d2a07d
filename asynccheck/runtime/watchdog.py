"""ACK120 (and held locks for ACK201, queue sizes for ACK501) from a background thread: the loop's hot path
pays nothing for them.

Stalls: every few milliseconds the watchdog reads each thread's stack. A thread inside a loop's `_run_once`
that runs the same asyncio Handle (one task step, or one callback) as at the last look is still in that one
step. Time the step spends inside a wrapped blocking call is left out (that call is its own ACK1xx finding);
once the rest passes the threshold, the watchdog counts the user lines it finds there, and reports the line it
saw most when the step ends. uvloop runs its steps from compiled code: there the step is found from the frame of
the loop's `run_forever` (see uvloop_steps.py). Held threading locks are checked on the same pass (see locks.py).
"""
from __future__ import annotations

import _thread
import os
import selectors
import sys
import threading
import time
import weakref
from asyncio import base_events, events, tasks
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

from asynccheck import rules
from asynccheck.runtime.descriptors import moved_high
from asynccheck.runtime.frameless import original_of
from asynccheck.findings import folded
from asynccheck.runtime.blocking import call_chain
from asynccheck.runtime.frames import FrameFilter, frame_line
from asynccheck.runtime.full_collections import COLLECTOR_CODES, FullCollections
from asynccheck.runtime.gil_handover import at_entry, line_before_call
from asynccheck.runtime.locks import LockDetector
from asynccheck.runtime.loop import loop_activity
from asynccheck.runtime.recorder import Recorder
from asynccheck.runtime.stdin_reads import WORKS as _STDIN_READS_SEEN, message as stdin_message, stdin_kind, \
    waits_reading_stdin
from asynccheck.runtime.plain_stack import CHECKER_THREADS, current_frames
from asynccheck.runtime.private_files import PrivateFiles, leave_signals_to_the_program
from asynccheck.runtime.uvloop_steps import _RAN, UvloopLoops, needs_marker, post_marker

_perf = time.perf_counter
_BASE_EVENTS = base_events.__file__


class _Step:
    """One asyncio Handle (or uvloop step) seen running on a loop thread at consecutive samples."""

    __slots__ = ("run", "last", "busy", "lines", "task", "stack", "thread", "started", "hung", "marker",
                 "waits", "via", "waited", "reads_stdin")

    def __init__(self, run: Any, now: float, busy: float):
        self.started = now
        self.hung = False  # told once that this step has the loop stuck
        # the step's identity: asyncio's Handle, by weak reference (each step has its own, and the Handle, its
        # callback and arguments, must die when the step ends, on the loop's thread, not at the next sample on
        # this one); on uvloop the step's outermost frame (frames take no weak references: let go at the next
        # sample, when the step is seen to have ended)
        self.run = weakref.ref(run) if isinstance(run, events.Handle) else run
        self.last = now
        self.busy = busy  # seconds of this step spent outside reported blocking calls, as sampled
        # line -> samples (a plain dict: a Counter runs Python code to be made, at every step the watchdog sees)
        self.lines: Dict[Any, int] = {}
        self.via: Dict[Any, str] = {}  # a line in `lines` -> the helpers its time went to (`checksum()`), if any
        self.task: Optional[str] = None
        self.stack: Any = None  # FrameFilter.positions of the step's stack, made into records if reported
        self.thread: Optional[str] = None
        # on uvloop, a task's step: non-empty once the loop has run the marker posted behind this step (it ended)
        self.marker: Any = ()
        # thread -> nanoseconds it has waited for a CPU, at the last sample (from the step's second sighting on)
        self.waits: Optional[Dict[int, int]] = None
        self.waited = 0.0  # seconds of the step's wall time spent waiting for a CPU, as sampled
        self.reads_stdin: Set[Any] = set()  # the lines seen waiting for standard input (ACK107, told once each)

    def runs(self, run: Any) -> bool:
        """``run`` (a Handle, or uvloop's step frame) is this step's."""
        known = self.run
        return (known() if type(known) is weakref.ref else known) is run


class _Look:
    """What the watchdog's second pass needs of one loop thread's stack, read in the first (see _check_frames):
    nothing that keeps a frame, a Handle or a loop alive, but a uvloop step's outermost frame (what tells that
    step from the next; let go at the next look, when the step is seen to have ended)."""

    __slots__ = ("thread_id", "finish", "ended", "loop", "handle", "busy", "new", "step_of", "marker", "sighted",
                 "at_call", "hang")

    def __init__(self, thread_id: int, finish: bool):
        self.thread_id = thread_id
        self.finish = finish  # nothing to look at: the step seen at the last look (if any) has ended
        self.ended = False  # no step running (locks still checked)
        self.loop: Optional[Callable[[], Any]] = None  # weak reference to the loop (when needed)
        self.handle: Optional[Callable[[], Any]] = None  # weak reference to asyncio's Handle (for the locks)
        self.busy = False
        self.new = False  # a step not seen at the last look
        self.step_of: Any = None  # the step's identity, as _Step.run keeps it
        self.marker = False  # a uvloop task's step: needs a marker
        self.sighted: Any = None  # _sighting's answer, when it may be needed
        self.at_call = False  # the innermost frame was at a call instruction (_samples_held)
        self.hang: Any = None  # (task's name, the stack's last lines) when the step may be a hang


def _weak(obj: Any) -> Callable[[], Any]:
    """A weak reference to ``obj``, or a stand-in holding it when it takes none."""
    try:
        return weakref.ref(obj)
    except TypeError:
        return lambda: obj


class Watchdog:
    def __init__(self, recorder: Recorder, locks: LockDetector, queues: Any, stall_s: float):
        self.recorder = recorder
        self.locks = locks
        self.queues = queues
        self._last_queue_check = 0.0
        self.stall_s = stall_s
        self._steps: Dict[int, _Step] = {}
        self._stop = False
        self._thread: Optional[int] = None  # the watchdog's own thread id
        self._mutex = _thread.allocate_lock()
        self._files = PrivateFiles()  # where the schedstat files of the program's threads are opened and read
        self._cpu_waits = _CpuWaits(self._files)
        self._stdin_reads = False  # reads of standard input looked for (stdin_reads.py)
        self._own: Any = None  # the watchdog thread's own CPU waits (_OwnCpuWait), opened as it begins
        self._late = False  # the last sample came late (see _run)
        # seconds the last sample came late with the watchdog neither asleep nor waiting for a CPU: waiting for
        # the GIL, which a C call that does not release it (a regular expression, a big sort) holds until it ends
        self._gil_wait = 0.0
        # what it is worked out from, until a step asks (see _held_gil): (the watchdog's own CPU waits, how late
        # it came, their reading before it slept, when it read the stacks)
        self._gil_wait_from: Optional[Tuple[Any, float, float, float]] = None
        # full garbage collections hold the GIL too, begun in any step: their time is no step's (_held_gil)
        self._collections = FullCollections()
        self._cpu_seen: Dict[int, float] = {}  # thread -> its CPU time at the last sample
        # the same as the last look read the stacks, before its second pass; the looks taken in that pass when a
        # read came back late (see _relook); the files thread's own CPU waits (_OwnCpuWait, and its last reading)
        self._cpu_at_look: Dict[int, float] = {}
        self._relooks: List[Tuple[List["_Look"], Dict[int, float], float, float]] = []
        self._files_own: Optional[Tuple[Any, float]] = None
        self._slept_waits = 0.0  # the watchdog thread's own CPU waits as it last went to sleep (_OwnCpuWait)
        # when the watchdog's own thread last waited for a CPU (see _cpus_contended); its start until then
        self._contended_at = 0.0
        self._started_at = 0.0
        self.uvloop = UvloopLoops()  # where uvloop's loops run: their steps are found from there
        # A step longer than this is a hang (a deadlock, most often): ``on_hang`` is told at once, with a
        # description, since a program that never ends never reaches its report at exit.
        self.hang_s = 5.0
        self.on_hang: Optional[Callable[[str], None]] = None
        # looks begun and ended by this thread: while one is under way it holds every thread's stack (see
        # looks_ended), which a loaded machine may stretch; after_looks_under_way waits for its end
        self.looks = [0, 0]
        self._running_long = False  # a look since the last pause saw a step run on from an earlier look

    @property
    def stall_s(self) -> float:
        return self._stall_s

    @stall_s.setter
    def stall_s(self, value: float) -> None:
        """Settable while running (the pytest plugin changes it per test); the sampling rate follows."""
        self._stall_s = value
        self.interval = max(0.002, min(value / 4, 0.025))
        # the pause after a look that found no step running since the look before it, and no lock held: twice as
        # long. Each look holds the GIL for a few hundred microseconds, handing it over as it begins and ends,
        # and the loop's thread waits for it: at 40 looks a second that was ~1.5% of a TCP echo's wall time, where
        # nearly every step is over in microseconds. A step seen at two looks in a row brings the interval back
        # for its next looks. Its start is known to within the longer pause: it is still credited half an
        # interval at its first sighting, so a step is never made longer than before, and one that began just
        # after a look may count up to an interval short; its line is sampled from half the threshold on, as
        # before (`_look`)
        self.relaxed = min(2 * self.interval, max(self.interval, 0.05))

    def start(self) -> None:
        if not self.recorder.wants_any("ACK107", "ACK120", "ACK201", "ACK501"):
            return
        self._stdin_reads = _STDIN_READS_SEEN and self.recorder.wants("ACK107")
        self._stop = False
        # (the program's first step may come before the first look, which compares with these)
        self._started_at, self._cpu_seen = _perf(), {t: _thread_cpu(t) for t in current_frames()}
        self._contended_at = self._started_at  # (not known yet: as contended for the first _CONTENDED_FOR)
        self._files.start()
        if self.recorder.wants("ACK120"):
            self._collections.start()
        self._files_own = self._files.call(_opened_own_cpu_wait) if self._files.running else None
        # a raw thread: it must not show up in threading.enumerate() or delay interpreter exit
        opened = _thread.allocate_lock()
        opened.acquire()
        self._thread = _thread.start_new_thread(self._begin, (opened,))
        CHECKER_THREADS.add(self._thread)  # (left out of the program's faulthandler dumps)
        # the thread's own schedstat is open before the program runs on (see private_files.py); not for ever
        opened.acquire(timeout=PrivateFiles.ANSWER_S)

    @property
    def running(self) -> bool:
        """Whether the watchdog's thread is (or is about to be) one of the process's threads."""
        return self._thread is not None and not self._stop

    def read_source(self, path: str) -> str:
        """The text of a source file (suppressions.py), read where no descriptor of the program's is taken: this
        thread reports findings while the program runs, and the program's own reports too may come while another
        of its threads opens a file."""
        from asynccheck.suppressions import source_text

        return self._files.call(source_text, path, default="")

    @property
    def threads(self) -> int:
        """How many of the process's threads are the watchdog's (its own and the one its files are read on)."""
        return int(self.running) + int(self.running and self._files.private)

    def restart_after_fork(self) -> None:
        self._mutex = _thread.allocate_lock()
        self._steps.clear()
        if self._files.private:  # the files of the parent's threads were its private table's: not copied here
            self._cpu_waits.forget()
        else:
            self._cpu_waits.close()  # (the parent's threads)
        self._files.forget_after_fork()
        if self._thread is not None and not self._stop:
            CHECKER_THREADS.discard(self._thread)
            self._thread = None
            self.start()

    def stop(self) -> None:
        """Stop sampling, and report the step that was still being watched (the program may end right after a
        stall, before the next sample would have seen it end)."""
        self._stop = True
        # not for ever: stop() may run in a signal handler (the report on SIGTERM) that interrupted the very
        # thread the watchdog now waits for
        if self._mutex.acquire(timeout=1.0):
            try:
                for key in list(self._steps):
                    self._finish(key)
                self._cpu_waits.close()
                self._files.stop()
                self._collections.stop()
            finally:
                self._mutex.release()
        self.queues.check_queues()

    def flush(self) -> None:
        """Look at the loops now, from the calling thread: a step that has ended since the last sample is
        reported before this returns (a test runner calls it at the end of each phase, so that a stall is blamed
        on the phase in which it happened, not on whichever phase the next sample falls in)."""
        if self._thread is None or self._stop:
            return
        with self._mutex:
            self.check_loops()

    def _begin(self, opened: Any) -> None:
        try:
            leave_signals_to_the_program()
            self._own = _OwnCpuWait()
        finally:
            opened.release()
        self._run()

    def _run(self) -> None:
        own = self._own
        sleep = original_of(time.sleep)
        # the first look is late from start(): this thread may begin only once a C call holding the GIL has
        # ended (its wait for a CPU until then is all of its schedstat's)
        asleep, waited = self._started_at, 0.0
        interval = self.interval
        while not self._stop:
            pause = asleep + interval - _perf()
            if pause > 0:
                sleep(pause)
            # else no sleep at all: this thread began late, or came back late from reading its schedstat below (a
            # system call, which hands the GIL over). Then it has just taken the GIL back, perhaps from a C call
            # that held it all along (a regular expression backtracking) and handed it over as it returned:
            # `sleep(0)` would hand it back at once, and the loop's thread would run on out of the line of that
            # call before the look (its caller's line was reported instead). The stacks are read first likewise.
            self.looks[0] += 1
            frames = current_frames()
            # woken late: the machine (or the GIL) is busy, and a step's time may be stretched by waits for a CPU
            looked = _perf()
            late = looked - asleep - interval
            self._late = late > self.interval * 0.5
            # not read yet: reading a file hands the GIL over, and the loop's thread would run on, out of the step
            # the GIL's holder is in (it takes the GIL back first: the watchdog waited for it)
            self._gil_wait, self._gil_wait_from = 0.0, ((own, late, waited, looked)
                                                        if self._late and own.works else None)
            try:
                # not waited for while the stacks are held (a wait hands the GIL over: see _check_frames); the
                # mutex is busy only while flush() looks at the loops itself
                if self._mutex.acquire(False):
                    try:
                        if not self._stop:
                            self.check_loops(frames)
                    finally:
                        self._mutex.release()
                frames.clear()
                if self.recorder.deferred:  # this thread holds no lock of a library's
                    self.recorder.report_deferred()
                now = _perf()
                if now - self._last_queue_check > 0.2 and not self._stop:
                    self._last_queue_check = now
                    self.queues.check_queues()
            except Exception:  # the checked program must never see the watchdog fail
                pass
            frames.clear()  # (not kept through the sleep: see check_loops)
            self.looks[1] = self.looks[0]
            interval = self.interval if self._running_long or self.locks.held else self.relaxed
            self._running_long = False
            asleep, waited = _perf(), own.read()
            if waited - self._slept_waits > _CONTENDED_WAIT or not own.works:
                self._contended_at = asleep
            self._slept_waits = waited

    def after_looks_under_way(self, timeout: float = 10.0) -> None:
        """Return once the look under way now (if any) has ended. A look holds every thread's stack from its
        read until its first pass is done: a thread the system takes off its CPU then (a loaded machine) lets the
        program run on for that moment while its frames are held (docs/runtime.md, Limits). A look begun later
        finds the frames the program let go of gone already."""
        begun, deadline = self.looks[0], _perf() + timeout
        sleep = original_of(time.sleep)  # (not a blocking call of the program's)
        while self.looks[1] < begun and self._thread is not None and not self._stop and _perf() < deadline:
            sleep(0.001)

    def check_loops(self, frames: Optional[Dict[int, Any]] = None) -> None:
        """Look at every loop thread in ``frames`` (every thread's innermost frame; read now when not given)."""
        stalls = self.recorder.wants("ACK120")
        now = _perf()
        seen = set()
        uvloops = self.uvloop.running
        # the map holds this very frame (or _run's): cleared at the end, or the two make a cycle that keeps every
        # thread's frame, and so its locals, alive until the collector runs (a `_feed` thread's pickled buffer:
        # CPython then prints "Exception ignored in: <_io.BytesIO>" in the program's stderr)
        if frames is None:
            frames = current_frames()
        try:
            self._check_frames(frames, uvloops, stalls, now, seen)
        finally:
            frames.clear()

    def _check_frames(self, frames: Dict[int, Any], uvloops: Any, stalls: bool, now: float, seen: Set[int]) -> None:
        # Two passes. The first reads the stacks and keeps what the second may need of them as plain values (a
        # line, a copied stack, weak references to the Handle and the loop); `frames` is emptied before the
        # second, which reads files and takes locks: either hands the GIL over, and a thread that let go of a
        # frame meanwhile would leave its last reference here, its locals freed on this thread and late (a
        # `__del__`, a weakref callback, a coroutine's "never awaited" warning placed at sys:1).
        looks = []
        # (not the watchdog's own threads, this one and the one its files are read on: they run no loop)
        own, files = self._thread, self._files.ident
        threads = [t for t in frames if t != own and t != files]
        for thread_id in threads:
            look = self._look(thread_id, frames[thread_id], uvloops, stalls, now)
            if look is not None:
                looks.append(look)
        frames.clear()
        # what a look taken in the second pass (_relook) compares with; a clock read hands no GIL over. (Looks
        # that came too late to be judged in a pass are dropped: the steps they saw have moved on.)
        busy = stalls and any(not look.finish for look in looks)
        self._cpu_at_look = {t: _thread_cpu(t) for t in threads} if busy else {}
        self._relooks.clear()
        self._second_pass(looks, stalls, now, seen)
        while self._relooks:  # (their own second passes may add more)
            looks, cpu, gil_wait, at = self._relooks.pop(0)
            # a C call held the GIL since the stacks were read: _held_gil credits the step the look found
            self._gil_wait_from, self._gil_wait, self._cpu_seen = None, gil_wait, self._cpu_at_look
            self._cpu_at_look = cpu
            self._second_pass(looks, stalls, at, seen)
        for thread_id in [t for t in self._steps if t not in seen]:
            self._finish(thread_id)
        if stalls:  # every thread's: one may start its loop and a step before the next sample
            self._cpu_seen = {t: _thread_cpu(t) for t in threads}

    def _second_pass(self, looks: List["_Look"], stalls: bool, now: float, seen: Set[int]) -> None:
        for look in looks:
            seen.add(look.thread_id)
            if look.finish:
                self._finish(look.thread_id)
            else:
                self._judge(look, stalls, now)

    def _look(self, thread_id: int, frame: Any, uvloops: Any, stalls: bool, now: float) -> Optional["_Look"]:
        """What the second pass may need of a loop thread's stack (innermost ``frame``); None for a thread
        running no loop. Nothing here hands the GIL over (no file, no lock)."""
        while frame.f_code in COLLECTOR_CODES and frame.f_back is not None:
            # the GIL went as our collector callback began, at the end of a collection: the step is its caller
            frame = frame.f_back
        uv_loop = run_once = None  # the loop: uvloop's, or asyncio's known by its `_run_once` frame
        if thread_id in uvloops:
            found = self.uvloop.activity(thread_id, frame)
            if found is None:
                return None
            uv_loop, run = found
            idle = run is None
            step_of = run
        else:
            if not self.locks.held and frame.f_code.co_filename == selectors.__file__:
                return _Look(thread_id, True)  # a loop waiting for I/O, and no lock to check: nothing to look at
            run_once, run, idle = loop_activity(frame)
            if run_once is None:
                return None
            # the step is told by its Handle (None once `Handle._run` has let it go: ending)
            step_of = _self_of(run) if run is not None else None
        look = _Look(thread_id, False)
        loop = None
        if self.locks.held:
            loop = _loop(uv_loop, run_once)
            look.loop = _weak(loop)
            look.handle = _weak(step_of) if run_once is not None and step_of is not None else None
        if idle or step_of is None:
            look.finish = not self.locks.held
            look.ended = True
            return look
        step = self._steps.get(thread_id)
        # time inside a wrapped blocking call is that call's finding (ACK1xx), not a stall
        look.busy = busy = thread_id not in self.recorder.blocked_since
        look.new = new = step is None or not step.runs(step_of)
        # (a uvloop task's step: its marker's run is read in the second pass, on what this one keeps)
        look.step_of = weakref.ref(step_of) if isinstance(step_of, events.Handle) else step_of
        if uv_loop is not None:
            look.loop = look.loop if look.loop is not None else _weak(uv_loop)
            look.marker = needs_marker(run)
        at_line = False
        if new or step.marker:
            # where the step is, before any read of a file hands the GIL over and lets the step move on (a look
            # that came late found it at the line of the C call that held the GIL, if any)
            at_line = busy and stalls and self._late
        else:
            # the line may be counted (half the threshold reached, at most `now - step.last` more), or the step
            # may wait reading standard input, or be a hang: read now, used only if so
            at_line = busy and (self._stdin_reads or (stalls and step.busy + now - step.last >= self.stall_s * 0.5))
            if not step.hung and self.on_hang is not None and now - step.started - step.waited >= self.hang_s:
                loop = loop if loop is not None else _loop(uv_loop, run_once)
                task = _task_of(loop, frame, None)
                look.loop = look.loop if look.loop is not None else _weak(loop)
                look.hang = (task.get_name() if task is not None else None,
                             folded(self.recorder.frames.stack(frame))[-12:])
        if at_line:
            loop = loop if loop is not None else _loop(uv_loop, run_once)
            look.sighted = self._sighting(frame, run, loop, True if new or self._stdin_reads else step.stack is None,
                                          self._late)
            look.at_call = _at_call(frame) or (self._late and look.sighted[0] is not None and at_entry(frame))
        return look

    def _judge(self, look: "_Look", stalls: bool, now: float) -> None:
        """The second pass for one loop thread: the step's time, its line counted, its end reported."""
        thread_id = look.thread_id
        if look.loop is not None and self.locks.held:
            loop = look.loop()
            if loop is not None:
                self.locks.check(loop, look.handle() if look.handle is not None else None, now)
            loop = None
        if look.ended:
            self._finish(thread_id)
            return
        busy, step = look.busy, self._steps.get(thread_id)
        if look.new or step is None or step.marker:
            self._finish(thread_id)
            # the step began some time since the previous sample: count half an interval for it
            step = self._steps[thread_id] = _Step(look.step_of, now, self.interval / 2 if busy else 0.0)
            if busy and stalls:
                # what the next sample's time is corrected from, at every first sighting, late or not: a step
                # of a few ms seen here may be taken off its CPU right after, and the next sample must not
                # count the time it waited for one (a clean program was flagged so on a loaded machine)
                # (only while CPUs are contended: on an idle machine the loop's thread waits for none, and this read,
                # a round trip to the files thread at nearly every look of a workload of short steps, handed the GIL
                # over and back several times per look, each a stop of the busy loop's thread: _cpus_contended)
                if self._cpus_contended(now):
                    step.waits = self._read_waits(now)
            held = self._held_gil(thread_id) if busy and stalls else 0.0
            if look.marker and (stalls or self.on_hang is not None):
                # a task's frame is the same at each of its steps: the marker tells them apart, from the moment
                # it is queued (the task may have begun another step since the stacks were read)
                loop = look.loop()
                step.marker = post_marker(loop) if loop is not None else _RAN
                loop = None
                # (the step began since the previous look, as on asyncio: the same half interval for the time
                # before, or what a C call holding the GIL kept the look from seeing; without it a step of 1.5x
                # the threshold was missed on uvloop where asyncio's reached it)
                step.busy = held or step.busy
                step.started = _perf()
                step.last = step.started
            elif held:
                step.busy = held
            if step.busy > self.interval:
                self._running_long = True  # (a C call held the GIL since the last look: a long step already)
            if held >= self.stall_s * 0.5 and look.sighted is not None:
                # counted as the samples it kept from being taken: the line of that one C call may be all of
                # the step, and a few samples of the short code after it must not outvote it
                self._note(step, thread_id, look.sighted, _samples_held(look.at_call, held, self.interval))
            return
        if busy and self._waits_for_stdin(thread_id, step, look.sighted):
            busy = False  # (its own finding, as a wrapped blocking call's time is)
        waited = self._waited_for_cpu(step, now) if busy else 0.0
        step.waited += waited
        if busy:
            # (a full collection begun in the step is not its time either: the look before may have come as our
            # collector callback began, handing the GIL over in a step of microseconds)
            gained = max(0.0, now - step.last - waited - self._collections.within(step.last, now))
        else:
            gained = 0.0
        step.busy += gained  # (a GIL held by a C call of this step is not a wait for a CPU: counted in)
        step.last = now
        if busy:
            self._running_long = True
        if stalls and busy and step.busy >= self.stall_s * 0.5 and look.sighted is not None:
            # a look that came late because a C call held the GIL finds the step at that call's line (the GIL
            # is handed over as it returns): counted as the samples it kept from being taken. (Not a look
            # that came late because the watchdog itself waited for a CPU: the step may have moved on
            # from where that time went.)
            held = self._held_gil(thread_id)
            self._note(step, thread_id, look.sighted, _samples_held(look.at_call, min(held, gained), self.interval))
        # (not the time a loaded machine kept the thread off a CPU: a step of 0.3 s stretched past the hang
        # time is no hang; a thread stuck waiting on a lock is not runnable, so none of its time is taken off)
        if (not step.hung and look.hang is not None and self.on_hang is not None
                and now - step.started - step.waited >= self.hang_s):
            step.hung = True
            loop = look.loop() if look.loop is not None else None
            self.on_hang(self._describe_hang(thread_id, look.hang, loop, now - step.started))

    def _waits_for_stdin(self, thread_id: int, step: _Step, sighted: Any) -> bool:
        """Whether the step, seen running at the last look too, now waits reading standard input (stdin_reads.py);
        ACK107 at its line (where the stacks were read, ``sighted``) the first time (one step may read several
        times)."""
        if not self._stdin_reads:
            return False
        native = getattr(threading._active.get(thread_id), "native_id", None)  # type: ignore[attr-defined]
        if native is None or not self._files.call(waits_reading_stdin, native, default=False):
            return False
        kind = stdin_kind()
        if kind is None:  # a file or a device (pytest's /dev/null) as descriptor 0: a read there waits for nobody
            return False
        site, via, stack, task = sighted if sighted is not None else (None, "", None, None)
        if site is not None and site not in step.reads_stdin and _still_at(thread_id, site):
            step.reads_stdin.add(site)
            owner = threading._active.get(thread_id)  # type: ignore[attr-defined]
            self.recorder.report("ACK107", stdin_message(kind) + (f" (in {via})" if via else ""), None,
                                 task=task, where=site, stack=_records(stack), thread=owner.name if owner else None)
        return True

    def _note(self, step: _Step, thread_id: int, sighted: Any, samples: int = 1) -> None:
        """Count the line the step was at when the stacks were read (``sighted``), for a step over half the
        threshold, as ``samples`` samples."""
        site, via, stack, task = sighted
        if site is not None:
            step.lines[site] = step.lines.get(site, 0) + samples
            if via:
                step.via.setdefault(site, via)
            if step.stack is None:
                step.stack = stack
        if task is not None:  # (not found: the step may have ended since; an earlier sample's stays)
            step.task = task
        owner = threading._active.get(thread_id)  # type: ignore[attr-defined]
        step.thread = owner.name if owner is not None else None

    def _sighting(self, frame: Any, run: Any, loop: Any, with_stack: bool,
                  late: bool = False) -> Tuple[Any, str, Any, Optional[str]]:
        """Where a step is now: its line (one of the step's own code: outside the step is the loop's caller,
        `asyncio.run(main())`), the program's helpers between that line and where the time goes, its stack
        (its frames' code and offsets, not the frames: holding one would keep its locals alive), and the name of
        its task.

        The line is where the step's coroutine (or the callback the loop ran) entered the code the time goes to,
        as for a blocking call and as the linter sees it: `total = checksum(data)` is the line to change (hand
        the helper to a thread, or split it), not the helper's inner loop, which the stack still shows."""
        frames = self.recorder.frames
        user = frames.user_frame(frame, until=run)
        site, via = None, ""
        if user is not None:
            entered = frames.entry(user)
            at = entered[0] if entered is not None else user
            helper = entered[1] if entered is not None else None
            if at is not user and helper is not None and not helper.f_code.co_name.startswith("<"):
                via = call_chain(frames, helper, helper)  # the helper it called (a generator expression is no news)
            line = frame_line(at)
            if late and frame.f_back is at and at_entry(frame):
                # a look that came late (a C call held the GIL) found the step entering a function called from a
                # line that did nothing else: the GIL went at that entry, the time to the code before the call
                line = line_before_call(at) or line
            site = (at.f_code.co_filename, line)
        # (kept as positions: the lines and records are made only for a step that is reported, one in thousands)
        stack = frames.positions(frame) if user is not None and with_stack else None
        task = _task_of(loop, frame, run)
        return site, via, stack, task.get_name() if task is not None else None

    def _came_late(self, seconds: float) -> None:
        """Run on the files thread when a read the watchdog asked of it in a look's second pass came back to it
        ``seconds`` late: see ``_relook``. (The watchdog's thread takes the GIL back only after this one: by then
        the step may have moved on.)"""
        if seconds >= self.interval and self._files_own is not None and self._cpu_at_look:
            self._relook(seconds, self._files_waited)
        # (where the system refused the files thread a table of its own, they are read on the watchdog's thread:
        # no look is taken for them)

    def _files_waited(self) -> float:
        own, waited = self._files_own  # type: ignore[misc]
        waits = own.read()  # (since its last reading: errs towards a wait for a CPU, never towards a C call)
        self._files_own = (own, waits)
        return waits - waited

    def _relook(self, seconds: float, cpu_waits: Callable[[], float]) -> None:
        """Read the stacks now: this thread took the GIL back ``seconds`` after handing it over in a look's second
        pass. A C call that never releases the GIL (a regular expression backtracking) may have begun then, in a
        step no look has seen, and handed the GIL over as it returned, at the line of that call, as for a look
        that came late (``_run``). The look is judged after the one under way (``_check_frames``), its time less
        what ``cpu_waits`` says this thread waited for a CPU (read after the stacks: a read hands the GIL over)."""
        now = _perf()
        frames = current_frames()
        uvloops, late, self._late = self.uvloop.running, self._late, True  # (the watchdog's thread waits)
        try:
            looks = [self._look(t, frames[t], uvloops, True, now) for t in self._cpu_at_look if t in frames]
        finally:
            self._late = late
            frames.clear()
        cpu = {t: _thread_cpu(t) for t in self._cpu_at_look}
        held = seconds - cpu_waits() - self._collections.within(now - seconds, now)
        self._relooks.append(([look for look in looks if look is not None], cpu, held, now))

    def _read_waits(self, now: float) -> Optional[Dict[int, int]]:
        """``_CpuWaits.read``, with a look taken on the files thread when it comes late (``_came_late``) if the
        watchdog's thread asks in a look, and on this one when it comes back late from the files thread's
        answer."""
        if _thread.get_ident() != self._thread:
            return self._cpu_waits.read(now)
        late = _Late(self._came_late)
        waits = self._cpu_waits.read(now, late)
        # the files thread answered as it last told `late`, and let go of the GIL: this thread takes it back only
        # once a C call begun meanwhile has returned, the last hand-over of the read
        back = _perf() - late.since
        if back >= self.interval and self._cpu_at_look and self._files.private:
            self._relook(back, self._own_waited)
        return waits

    def _cpus_contended(self, now: float) -> bool:
        """Whether the program's threads may be waiting for a CPU now: the watchdog's own thread waited for one
        (more than ``_CONTENDED_WAIT`` over one sleep and look, from the schedstat it reads as it goes to sleep)
        within the last ``_CONTENDED_FOR`` seconds, or that cannot be told. On a loaded machine its wake-ups wait
        for a CPU at every few looks (a bench under a load average of 18: more than half of its cycles waited
        over 0.5 ms); on an idle one they do not, and neither does the loop's thread."""
        return now - self._contended_at < _CONTENDED_FOR or self._own is None or not self._own.works

    def _own_waited(self) -> float:
        """Seconds the watchdog's thread has waited for a CPU since it last went to sleep (errs towards a wait for
        a CPU, never towards a C call)."""
        return self._own.read() - self._slept_waits

    def _held_gil(self, thread_id: int) -> float:
        """Seconds a step first seen now has run holding the GIL, or 0. The watchdog came late waiting for the
        GIL and this loop thread ran on a CPU meanwhile: one C call that never released the GIL (a regular
        expression backtracking, a sort with a C key) held it all that time. The GIL is handed over when the
        call returns, at once: in the same step, at the line of that call. Steps that run Python code hand the
        GIL over every few milliseconds and make no such wait. Nor is the time of a full garbage collection
        (full_collections.py): begun in whichever step allocated past the collector's threshold."""
        if self._gil_wait_from is not None:
            own, late, waited, looked = self._gil_wait_from
            self._gil_wait_from = None
            asked = _perf()
            waits = own.read()
            self._gil_wait = late - (waits - waited) - self._collections.within(looked - late, looked)
            took = _perf() - asked
            # the read hands the GIL over (see _relook; one hand-over at a time: a pass that hands it over several
            # times to a loop thread running Python code waits up to a switch interval each time, no C call)
            if took >= self.interval and self._cpu_at_look:
                self._relook(took, lambda: waits - waited)  # (since the sleep: errs towards a wait for a CPU)
        if self._gil_wait < self.interval:
            return 0.0
        before = self._cpu_seen.get(thread_id)
        if before is None:
            return 0.0
        return max(0.0, min(_thread_cpu(thread_id) - before, self._gil_wait))

    def _waited_for_cpu(self, step: _Step, now: float) -> float:
        """Seconds since the last sample that the program's threads spent ready to run but waiting for a CPU
        (the most of any one thread: the loop's own, or the thread holding the GIL it waits for, the watchdog's
        own included: at each look the loop's thread hands the GIL over to it and waits until it has a CPU to
        take it), from Linux's schedstat. A loaded machine stretches a short step so; it is not the program's stall (an idle machine
        has nothing to take off). 0 where schedstat is missing."""
        waits = self._read_waits(now)
        before, step.waits = step.waits, waits
        if not before or not waits:
            return 0.0
        return max((waits[t] - before[t] for t in waits if t in before), default=0) / 1e9

    def _describe_hang(self, thread_id: int, seen: Tuple[Optional[str], Any], loop: Any, seconds: float) -> str:
        """``seen``: the task's name and the stack's last lines, when the stacks were read."""
        task, stack = seen
        owner = threading._active.get(thread_id)  # type: ignore[attr-defined]
        lines = [f"asynccheck: the event loop on thread {owner.name if owner else thread_id} has been stuck in one "
                 f"step for {seconds:.1f} s" + (f" (task {task!r})" if task is not None else "") +
                 "; it is at (innermost last):"]
        lines += [f"    {line}" for line in stack]
        held = self.locks.held_by_tasks(loop) if loop is not None else []
        if held:
            lines.append("  threading locks held by tasks of this loop:")
            lines += [f"    {text}" for text in held]
        return "\n".join(lines) + "\n"

    def _finish(self, key: int) -> None:
        step = self._steps.pop(key, None)
        if step is None or not step.lines or step.busy < self.stall_s:
            return
        if step.waits:
            # schedstat counts a wait for a CPU when it ends: one under way at the last sample, counted since,
            # was a wait within the step's time (it may end a little later, and the step's time after the last
            # sample is not counted at all: the duration still errs short by at most an interval)
            step.busy -= self._waited_for_cpu(step, _perf())
            if step.busy < self.stall_s:
                return
        where = max(step.lines, key=step.lines.__getitem__)  # (the first seen of equals, as most_common)
        if self.recorder.reported_at(_BLOCKING_CODES, where[0], where[1]):
            # that line's blocking call is reported already (`httpx.get(url)`, ACK102), and handing it to a thread
            # takes the rest of its time along (the SSL context the client builds before it connects): one line,
            # one finding
            return
        via = step.via.get(where)
        self.recorder.report(
            "ACK120", f"one step kept the event loop busy for {step.busy * 1000:.0f} ms (threshold "
            f"{self.stall_s * 1000:.0f} ms) without awaiting; most of it was spent "
            + (f"in {via}, called at this line" if via else "at this line"), None,
            duration=step.busy, task=step.task, where=where, stack=_records(step.stack), thread=step.thread)


# the watchdog's own wait for a CPU over one sleep and look that tells a contended machine, and for how long after
# one the program's steps are corrected for their waits from their first sighting (Watchdog._cpus_contended)
_CONTENDED_WAIT = 0.0005
_CONTENDED_FOR = 1.0

# the blocking calls a step may make at the line its stall is found at (a wrapped call's own time is no stall)
_BLOCKING_CODES = frozenset(rule.code for rule in rules.RULES if rule.category == "blocking-call"
                            and rule.code != "ACK120")


def _records(positions: Any) -> Any:
    """A stack kept as ``FrameFilter.positions`` as the records a finding holds (None stays None)."""
    return FrameFilter.at_positions(positions) if positions is not None else None


def _still_at(thread_id: int, site: Tuple[str, int]) -> bool:
    """Whether the thread's stack, read now, still holds the line sighted at the look: the stacks are read before
    the system call is, and a step that moved on in between (a write to stderr, then the read) would have its read
    told at the line before. (Read only for a read of standard input not yet reported: rare.)"""
    frame = current_frames().get(thread_id)
    while frame is not None:
        if (frame.f_code.co_filename, frame.f_lineno) == site:
            return True
        frame = frame.f_back
    return False


def _samples_held(at_call: bool, held: float, interval: float) -> int:
    """How many samples a look that came ``held`` seconds late, the GIL held by a C call, counts for: the samples
    that call kept from being taken, when the loop's thread was still at a call (``at_call``), where the GIL is
    handed over as a C call returns; one otherwise (3.13 hands it over at a later instruction after some calls,
    `sorted(..., key=...)`: the line found then is not the call's)."""
    if held < interval:
        return 1
    return max(1, round(held / interval)) if at_call else 1


def _at_call(frame: Any) -> bool:
    """Whether a thread's innermost ``frame`` is at a call instruction."""
    try:
        code, at = frame.f_code.co_code, frame.f_lasti
        while at > 0 and _OPNAMES[code[at]] == "CACHE":  # (up to 3.11 a call may be seen in its inline cache)
            at -= 2
        return _OPNAMES[code[at]].startswith(("CALL", "PRECALL"))
    except (IndexError, TypeError, AttributeError):
        return False


_OPNAMES = __import__("dis").opname


def _thread_cpu(thread_id: int) -> float:
    """CPU seconds the thread (an id of threading's) has run; 0 where the system does not say, or it has ended.
    Read through the clock of its system id, as Linux numbers it, not through ``pthread_getcpuclockid``: the thread
    may have ended since the look listed it, and the C library reads that clock's number from the thread's handle,
    freed with its stack once it ended (the program died of SIGSEGV when a thread ended at the wrong time)."""
    native = getattr(threading._active.get(thread_id), "native_id", None)  # gone from there once it has ended
    if native is None or not _LINUX:
        return 0.0
    try:
        return time.clock_gettime(_cpu_clock(native))
    except (OSError, OverflowError):  # ended since: its clock is no more (EINVAL)
        return 0.0


_LINUX = sys.platform.startswith("linux")


def _cpu_clock(tid: int) -> int:
    """Linux's number for the CPU clock of the thread ``tid`` (MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED))."""
    return (~tid << 3) | 6


def _open_high(path: str) -> int:
    """A descriptor kept open for reading, far above the program's (``descriptors``). One that closes every
    descriptor (``os.closerange``) closes this one too: the read fails then, and the number is rarely reused."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        return moved_high(fd)
    except (ImportError, OSError, AttributeError):  # a lower limit of descriptors: the number as it came
        return fd


class _OwnCpuWait:
    """Seconds the calling thread has spent runnable, waiting for a CPU (Linux's schedstat)."""

    def __init__(self) -> None:
        try:
            self.fd: Optional[int] = _open_high("/proc/thread-self/schedstat")
        except (OSError, AttributeError):
            self.fd = None
        self.works = self.fd is not None

    def read(self) -> float:
        if self.fd is None:
            return 0.0
        try:
            return int(os.pread(self.fd, 128, 0).split()[1]) / 1e9
        except (OSError, ValueError, IndexError):
            self.works = False
            return 0.0


def _opened_own_cpu_wait() -> Tuple[_OwnCpuWait, float]:
    own = _OwnCpuWait()
    return own, own.read()


class _Late:
    """Tells ``came_late`` how long the thread took to get back to a read's next step (the first step: from the
    moment it was asked), each time: a system call hands the GIL over, and it may come back only once a C call of
    the program's that holds it has returned (see Watchdog._relook)."""

    def __init__(self, came_late: Optional[Callable[[float], None]]) -> None:
        self.came_late, self.since = came_late, _perf()

    def check(self) -> None:
        if self.came_late is not None:
            now = _perf()
            self.came_late(now - self.since)
            self.since = now


_NOT_TOLD = _Late(None)


class _CpuWaits:
    """How long each of the program's threads has spent runnable, waiting for a CPU (Linux's schedstat), read
    through one descriptor per thread kept open (one ``pread`` each per look); the threads are listed again at
    most twice a second. The files are opened and read on the thread of ``table`` (private_files.py)."""

    TASKS = "/proc/self/task"

    def __init__(self, table: Optional[PrivateFiles] = None) -> None:
        self.table = table if table is not None else PrivateFiles()  # (not started: the files are read here)
        self.files: Dict[int, int] = {}  # thread's system id -> descriptor of its schedstat
        self.listed = -1.0
        self.works = sys.platform.startswith("linux")

    def read(self, now: float, late: Optional["_Late"] = None) -> Optional[Dict[int, int]]:
        """{thread's system id: nanoseconds}; None when the system does not say. ``late`` is told on the thread
        that reads (see _Late)."""
        if not self.works:
            return None
        return self.table.call(self._read, now, late if late is not None else _NOT_TOLD)

    def _read(self, now: float, late: "_Late") -> Optional[Dict[int, int]]:
        late.check()
        if now - self.listed > 0.5:
            self.listed = now
            self._list(late)
        waits = {}
        for tid, fd in list(self.files.items()):
            try:
                waits[tid] = int(os.pread(fd, 128, 0).split()[1])
            except (OSError, ValueError, IndexError):
                self._close(tid)  # a thread that ended
            late.check()
        return waits or None

    def _list(self, late: "_Late") -> None:
        try:
            tids = {int(name) for name in os.listdir(self.TASKS)}
        except OSError:
            self.works = False
            return
        late.check()
        for tid in set(self.files) - tids:
            self._close(tid)
        for tid in tids - set(self.files):
            try:
                self.files[tid] = _open_high(f"{self.TASKS}/{tid}/schedstat")
            except OSError:
                pass
            late.check()
        if not self.files:
            self.works = False

    def _close(self, tid: int) -> None:
        fd = self.files.pop(tid, None)
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass

    def close(self) -> None:
        self.table.call(self._close_all)

    def _close_all(self) -> None:
        for tid in list(self.files):
            self._close(tid)
        self.listed = -1.0

    def forget(self) -> None:
        """Let go of the descriptors without closing them (a forked child's: they were not copied to it)."""
        self.files.clear()
        self.listed = -1.0


def _task_of(loop: Any, frame: Any, run: Any) -> Any:
    """The loop's current task if it is the one whose step the frames read (innermost `frame`, out to `run`)
    belong to, else None. The stacks were read a moment ago: the step seen there (a callback) may have ended
    since, and a task's step begun."""
    task = tasks._current_tasks.get(loop)
    if task is None:
        return None
    try:
        coro = task.get_coro()
    except Exception:  # a Task-like object of another library
        return None
    own = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
    while frame is not None and own is not None:
        if frame is own:
            return task
        if frame is run:
            break
        frame = frame.f_back
    return None


def _self_of(frame: Any) -> Any:
    return frame.f_locals.get("self") if frame is not None else None


def _loop(uv_loop: Any, run_once: Any) -> Any:
    """The loop seen running: uvloop's, or asyncio's from the `run_forever` frame that called its `_run_once`
    (reading a frame's locals copies them all: done only when the loop is needed). Not `_run_once`'s own: up to
    3.12 the copy stays in the frame till it returns, and with it the Handle being run then, its callback and
    arguments: they outlived their step by the rest of the loop's iteration."""
    if uv_loop is not None:
        return uv_loop
    caller = run_once.f_back
    if caller is not None and caller.f_code.co_name == "run_forever" and caller.f_code.co_filename == _BASE_EVENTS:
        return _self_of(caller)
    return _self_of(run_once)  # (a loop class that runs its iterations otherwise)
