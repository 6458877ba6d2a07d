"""The report on SIGTERM, under ``asynccheck run``, where the program leaves SIGTERM to its default action: the
report is written, then the process dies of the signal as it would have.

The report is written by a Python-level handler, and Python runs those only between bytecodes on the main
thread: while that thread is inside a C call that does not look at signals (sqlite waiting for a locked
database, a C extension's blocking call) the handler waits for the call to return, where under python the
process dies at once. So the signal is also noticed at C level: ``faulthandler.register(SIGTERM, chain=True)``
puts CPython's own C handler in front of Python's, which writes to a pipe of ours (a traceback: we only read
that something came) and then passes the signal on to Python's handler as before. A thread of ours, blocked in
a read of that pipe, gives the main thread a short grace to run the Python handler; if it has not, the thread
writes the report itself and ends the process with SIGTERM's default action. Not ``signal.set_wakeup_fd``: the
program has it for its own (asyncio's ``add_signal_handler``, uvloop all the while its loop runs, trio, which
warns when it finds one set), and the notice would be lost just where it is needed.

What the program sees of it: nothing, as long as it leaves SIGTERM alone. When it sets a SIGTERM handler of its
own (``signal.signal``, asyncio's or uvloop's ``add_signal_handler``) the C-level notice is taken away first, so
faulthandler holds nothing stale for the program's own ``faulthandler.register`` calls; a forked child drops it
too. A C call that holds the GIL (a long regular expression) still delays the end: no Python code, ours
included, runs until it returns.
"""
from __future__ import annotations

import _thread
import contextlib
import faulthandler
import functools
import os
import signal
import time
from typing import Any, Callable, Iterator, List, Optional

from asynccheck.runtime.plain_stack import CHECKER_THREADS

GRACE = 0.15  # seconds the main thread has to run the Python handler before the notice thread acts itself
# as they are before the program (or the checker) replaces them
_sleep, _kill, _now, _cpu = time.sleep, os.kill, time.monotonic, time.process_time
_signal, _getsignal = signal.signal, signal.getsignal

# Faults are raised in the thread that caused them; blocking them would not stop them, only muddle the crash.
_SYNCHRONOUS = {getattr(signal, n) for n in ("SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL", "SIGABRT") if hasattr(signal, n)}


HANG_S = 3.0  # seconds the report may take before the process is ended all the same, if it makes no progress
BUSY_S = 20.0  # seconds it may take while the process keeps using the CPU (a report written on a loaded machine)


def _kill_later(pid: int, signum: int, seconds: float = HANG_S) -> None:
    """End the process ``seconds`` after the signal, or later while it is still at work: a report being written
    on a loaded machine (a Pool's worker handing its findings over at ``terminate()``, load 20 on two cores) uses
    the CPU or waits for it, a report that hangs (a lock never released) does neither; BUSY_S bounds both."""
    start = _now()
    _sleep(seconds)
    spent = _wanted()
    while _now() - start < BUSY_S:
        _sleep(0.5)
        now = _wanted()
        if now - spent < 0.005:
            break
        spent = now
    _kill(pid, signum)


def _wanted() -> float:
    """Seconds of CPU the process has used, and (Linux) its other threads have waited for: a report starved on a
    loaded machine waits for a CPU where one that hangs does neither. (This thread's own waits, on waking, would
    make any hang look busy.)"""
    wanted = _cpu()
    own = str(_thread.get_native_id()) if hasattr(_thread, "get_native_id") else None
    try:
        for task in os.listdir("/proc/self/task"):
            if task != own:
                with open(f"/proc/self/task/{task}/schedstat", "rb") as stat:
                    wanted += int(stat.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        pass
    return wanted


class ReportOnSigterm:
    """Installed once by ``asynccheck run`` before the program starts (see the module's docstring)."""

    def __init__(self, write_report: Callable[[], None]):
        self.write_report = write_report
        # held while a report is written, whichever path writes it (the program's end, os._exit, this signal):
        # a SIGTERM handled on another thread waits for a report begun elsewhere instead of ending the process
        # halfway through it (see writing())
        self.lock = _thread.RLock()
        self.claim = _thread.allocate_lock()  # taken by whichever of the handler and the thread writes the report
        self.pipe: Optional[tuple] = None  # (read end, write end) while faulthandler writes to it
        self.armed = False  # faulthandler's C handler is SIGTERM's, in front of Python's
        self.watching = False  # the notice thread is one of this process's threads
        self.handler = self.on_sigterm  # (one bound method, for `is`)
        self.pid = os.getpid()  # the process whose report this is (a forked child keeps SIGTERM's real default)

    def install(self) -> bool:
        if not hasattr(signal, "SIGTERM") or _getsignal(signal.SIGTERM) is not signal.SIG_DFL:
            return False
        _signal(signal.SIGTERM, self.handler)
        if hasattr(faulthandler, "register") and hasattr(signal, "pthread_sigmask"):
            try:
                self.pipe = _high_pipe()
                os.set_blocking(self.pipe[1], False)  # a C signal handler must never wait on a full pipe
            except OSError:
                self.pipe = None  # (the Python handler alone, as before)
        if self.pipe is not None:
            self._arm()
            self.watching = True
            CHECKER_THREADS.add(_thread.start_new_thread(self._watch, (self.pipe[0],)))
        # the program sees SIGTERM's default where ours stands: a service that sets its graceful-shutdown handler
        # only when none is set (`if signal.getsignal(SIGTERM) is SIG_DFL`) sets it, as under python
        signal.signal = _like(_signal, self._program_sets_a_handler)  # type: ignore[assignment]
        signal.getsignal = _like_getsignal(self._program_reads_a_handler)  # type: ignore[assignment]
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(before=self._before_fork, after_in_parent=self._release,
                                after_in_child=self._in_forked_child)
        return True

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Around a report written at the program's end (or os._exit): a SIGTERM that comes meanwhile is handled
        once the report is written, as if it had come a moment later. Its handler, finding the report begun,
        would write none and end the process midway (a Pool worker ending by itself as ``terminate()`` reaches
        it lost its findings so). The write_report given must itself write once per process."""
        with held_on_main_thread(), self.lock:
            yield

    # --- the Python-level handler (main thread) ---

    def on_sigterm(self, signum: int, frame: Any) -> None:
        if not self.claim.acquire(False):
            # the notice thread is writing the report and then ends the process: as under python, where the
            # process is dead by now, the program runs no further (not even on another signal's exception)
            while True:
                try:
                    _sleep(60)
                except BaseException:
                    pass
        self._disarm()
        _signal(signal.SIGTERM, signal.SIG_DFL)
        # the program must die of the signal whatever the report does: if writing it hangs (the handler runs on
        # a thread that may be inside the checker), the signal comes again, with its default action, from a thread
        _thread.start_new_thread(_kill_later, (os.getpid(), signal.SIGTERM))
        try:
            with self.lock:
                self.write_report()
        finally:
            os.kill(os.getpid(), signal.SIGTERM)

    # --- the C-level notice ---

    def _arm(self) -> None:
        if self.pipe is not None and not self.armed:
            faulthandler.register(signal.SIGTERM, file=self.pipe[1], all_threads=False, chain=True)
            self.armed = True

    def _disarm(self) -> None:
        if self.armed:
            self.armed = False
            faulthandler.unregister(signal.SIGTERM)  # (puts Python's C handler back, as it was)

    def _program_sets_a_handler(self, signalnum: Any, handler: Any) -> Any:
        """``signal.signal``: a SIGTERM handler of the program's own ends the armed notice first; the handler it
        replaces is told as the program's eyes see it (the default, where ours stood). The default the program
        puts back is ours again: a server that restores the handler it found and raises the signal it caught
        again (uvicorn) dies of it as under python, with the report written first."""
        if signalnum == signal.SIGTERM and handler == signal.SIG_DFL and os.getpid() == self.pid \
                and not self.claim.locked():
            previous = _signal(signalnum, self.handler)
            self._arm()
            return signal.SIG_DFL if previous is self.handler else previous
        if self.armed and signalnum == signal.SIGTERM and _thread.get_ident() == _main_thread():
            self._disarm()
            try:
                previous = _signal(signalnum, handler)
            except BaseException:
                self._arm()
                raise
        else:
            previous = _signal(signalnum, handler)
        return signal.SIG_DFL if previous is self.handler else previous

    def _program_reads_a_handler(self, signalnum: Any) -> Any:
        """``signal.getsignal``: the default where our report-writing handler stands."""
        current = _getsignal(signalnum)
        return signal.SIG_DFL if current is self.handler else current

    def _watch(self, read_end: int) -> None:
        if hasattr(signal, "pthread_sigmask"):  # signals go to the program's threads, as without us
            signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.valid_signals()) - _SYNCHRONOUS)
        try:
            while True:
                try:
                    if not os.read(read_end, 65536):
                        return
                except OSError:
                    return
                if _getsignal(signal.SIGTERM) is not self.handler:
                    continue  # (the program has its own handler now)
                try:
                    if self._end_the_process():
                        return
                except BaseException:  # never a traceback of ours in the program's stderr; the handler remains
                    pass
        finally:
            self.watching = False

    def _end_the_process(self) -> bool:
        """After a SIGTERM: True when the process is ending (or ended), False to leave it to the handler."""
        deadline = _now() + GRACE
        while _now() < deadline:
            if self.claim.locked():
                return True  # the main thread runs the handler, as always
            _sleep(0.01)
        default_action = _default_action_setter()
        if default_action is None or not self.claim.acquire(False):
            return default_action is not None
        pid = os.getpid()
        default_action()  # a second SIGTERM, or our own below, now ends the process at C level
        _thread.start_new_thread(_kill_later, (pid, signal.SIGTERM))  # (should the report hang)
        try:
            with self.lock:  # (a report the main thread is writing is finished first)
                self.write_report()
        except BaseException:
            pass
        while True:  # again and again: a SIGTERM being handled on another thread meanwhile re-arms faulthandler
            default_action()
            _kill(pid, signal.SIGTERM)
            _sleep(0.5)

    # --- forks ---

    def _before_fork(self) -> None:
        # SIGTERM is held back from the fork until the child has its default back (see _in_forked_child)
        if hasattr(signal, "pthread_sigmask") and _getsignal(signal.SIGTERM) is self.handler:
            if signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM}):
                _held.add(_thread.get_ident())

    def _release(self) -> None:
        if _thread.get_ident() in _held:
            _held.discard(_thread.get_ident())
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})

    def _in_forked_child(self) -> None:
        """A child dies of SIGTERM at once, without a report: a Python-level handler can be missed by a child
        parked in a C wait (a multiprocessing.Pool worker in `sem_wait`), which then outlived `Pool.terminate()`
        and hung its parent's join. The notice thread is not in the child: its pipe and faulthandler's hold on
        SIGTERM go too (the parent's thread would take a SIGTERM of the child's for its own)."""
        self.watching = False
        self.lock = _thread.RLock()  # (held by a thread that is not in the child, it would never be released)
        if _getsignal(signal.SIGTERM) is self.handler:
            self._disarm()
            _signal(signal.SIGTERM, signal.SIG_DFL)
        self.armed = False
        if self.pipe is not None:
            for end in self.pipe:
                try:
                    os.close(end)
                except OSError:
                    pass
            self.pipe = None
        self._release()  # (a SIGTERM sent meanwhile is delivered now, and ends the child)


_held: set = set()  # the threads that hold SIGTERM back over their fork


@contextlib.contextmanager
def held_on_main_thread() -> Iterator[None]:
    """On the main thread (where Python runs signal handlers), a SIGTERM that comes meanwhile is handled when the
    block ends, by whichever handler is then SIGTERM's. Elsewhere, nothing."""
    if _thread.get_ident() != _main_thread() or not hasattr(signal, "SIGTERM") or _getsignal(signal.SIGTERM) is None:
        yield  # (None: a handler set by C code, which Python could not put back)
        return
    came: List[int] = []
    try:
        previous = _signal(signal.SIGTERM, lambda signum, frame: came.append(signum))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        _signal(signal.SIGTERM, previous)
        if came and _getsignal(signal.SIGTERM) is not signal.SIG_IGN:
            signal.raise_signal(signal.SIGTERM)


def _like(original: Any, replacement: Callable[..., Any]) -> Callable[..., Any]:
    def signal(signalnum: Any, handler: Any) -> Any:  # (named as the original, for the program's eyes)
        return replacement(signalnum, handler)

    functools.update_wrapper(signal, original)
    return signal


def _like_getsignal(replacement: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def getsignal(signalnum: Any) -> Any:  # (named as the original, for the program's eyes)
        return replacement(signalnum)

    functools.update_wrapper(getsignal, _getsignal)
    return getsignal


def _high_pipe() -> tuple:
    """A pipe far above the descriptors a program uses: one that closes every descriptor (a daemon) closes ours
    too, and the lowest free numbers it opens next must not be ours, or faulthandler would write into its file
    and the notice thread read from it."""
    from asynccheck.runtime.descriptors import moved_high

    read_end, write_end = os.pipe()
    try:
        read_end = moved_high(read_end)
        write_end = moved_high(write_end)
    except OSError:  # a lower limit of descriptors: the numbers as they came
        pass
    return read_end, write_end


def _main_thread() -> Optional[int]:
    import threading

    return threading.main_thread().ident


def _default_action_setter() -> Optional[Callable[[], Any]]:
    """A function putting SIGTERM's default action back at C level, callable from any thread (Python's
    ``signal.signal`` is the main thread's only), or None where ctypes cannot."""
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        setter = libc.signal
        setter.restype, setter.argtypes = ctypes.c_void_p, (ctypes.c_int, ctypes.c_void_p)
    except Exception:
        return None
    return lambda: setter(signal.SIGTERM, None)  # SIG_DFL is 0
