"""A thread of the checker's with a descriptor table of its own (Linux's ``unshare(CLONE_FILES)``), where the files
the watchdog opens while the program runs (each thread's schedstat, the listing of the threads) are opened and
read. A descriptor opened in the program's table takes the lowest free number until it is moved high
(descriptors.py): a program opening a file on another thread at that moment got the next number (a program
started with stdout closed saw fds [0, 3, 4] where python gives [0, 1, 3]). Opened here, a file takes no number
of the program's, ever.

The thread is started, and its table made its own, before the program runs (or, in a forked child, before the
child's program resumes): the copy of the program's descriptors the table starts with is closed at once, so no
file of the program's is held open by it (a pipe's reader would wait for an end-of-file). Where the system
refuses (a container's seccomp filter without CAP_SYS_ADMIN, or not Linux), ``call`` runs the function on the
caller's thread: the files are then the program's table's, as before this module."""
from __future__ import annotations

import _thread
import os
import signal
from typing import Any, Callable, Optional

from asynccheck.runtime.plain_stack import CHECKER_THREADS

_CLONE_FILES = 0x400  # (os.CLONE_FILES from 3.12)

# Faults are raised in the thread that caused them; blocking them would not stop them, only muddle the crash.
_SYNCHRONOUS = {getattr(signal, n) for n in ("SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL", "SIGABRT") if hasattr(signal, n)}


def leave_signals_to_the_program() -> None:
    """Block asynchronous signals in this thread, so the kernel delivers a SIGTERM to one of the program's
    threads, as it would without us. Delivered here, a Python-level handler (ours, which writes the report, or
    the program's) would only set a flag for the main thread, which never sees it while it is stuck in a C
    wait such as a multiprocessing worker's `sem_wait`: that worker then ignored `Pool.terminate()` and hung."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.valid_signals()) - _SYNCHRONOUS)


class PrivateFiles:
    """Runs functions that open and read files on the thread with a table of its own (``call``)."""

    # seconds a caller waits for an answer: past it (a machine so loaded that the thread got no CPU for that
    # long), the thread is given up on and ``call`` gives the default from then on (never runs the function
    # here: its descriptors are the private table's numbers, which in the program's table are other files)
    ANSWER_S = 5.0

    def __init__(self) -> None:
        self.ident: Optional[int] = None
        self.private = False  # the thread runs, its table its own
        self.given_up = False
        self._job: Any = None
        self._answer: Any = None

    def start(self) -> None:
        """Start the thread; return once its table is its own (or it is known that it cannot be)."""
        if not _LINUX or self.ident is not None:
            return
        self.given_up = False  # (a thread given up on before keeps its own locks: see below)
        self._asked, self._answered, ready = (_thread.allocate_lock() for _ in range(3))
        self._asked.acquire()
        self._answered.acquire()
        ready.acquire()
        self._mutex = _thread.allocate_lock()
        # (the thread keeps the locks it was started with: one given up on, still running when a later start
        # makes new ones, must not share them with its successor, whose answers it would release a second time)
        self.ident = _thread.start_new_thread(self._serve, (ready, self._asked, self._answered))
        CHECKER_THREADS.add(self.ident)  # (left out of what the program is shown of its threads)
        if not ready.acquire(timeout=self.ANSWER_S):
            self.given_up = True  # (it may yet start: it then finds nothing asked of it)

    @property
    def running(self) -> bool:
        return self.private and not self.given_up

    def call(self, function: Callable[..., Any], *args: Any, default: Any = None) -> Any:
        """``function(*args)`` on the thread, or here where its table could not be made its own; ``default``
        once the thread has been given up on."""
        if self.given_up:
            return default
        if not self.private:
            return function(*args)
        if not self._mutex.acquire(timeout=self.ANSWER_S):
            return default
        if not self.private:  # stopped while this call waited for the mutex: no thread is left to answer
            self._mutex.release()
            return function(*args)
        try:
            if not self._asked.locked():  # the thread has not taken the last job yet (one its caller gave up on)
                return default
            self._job = (function, args)
            self._asked.release()
            if not self._answered.acquire(timeout=self.ANSWER_S):
                self.given_up = True
                return default
            answer, self._answer = self._answer, None
            return answer
        finally:
            self._mutex.release()

    def stop(self) -> None:
        """End the thread (its table, and every file in it, goes with it)."""
        if self.ident is not None and self.private:  # (also a thread given up on: it still waits to be asked)
            if self._mutex.acquire(timeout=self.ANSWER_S):
                try:
                    self._job = None
                    # (told before the mutex is let go: a caller waiting for it would otherwise ask the thread
                    # that is ending, and wait ANSWER_S for an answer; the report at the program's end, for one,
                    # waited that long for the watchdog recording a finding, and went without it)
                    self.private = False
                    if self._asked.locked():  # (else a wake-up is pending already: it sees no job and ends)
                        self._asked.release()
                finally:
                    self._mutex.release()
        if self.ident is not None:
            CHECKER_THREADS.discard(self.ident)
        self.ident, self.private = None, False

    def forget_after_fork(self) -> None:
        """In a forked child: the thread and its table are the parent's (not copied into the child)."""
        if self.ident is not None:
            CHECKER_THREADS.discard(self.ident)
        self.ident, self.private, self.given_up = None, False, False

    def _serve(self, ready: Any, asked: Any, answered: Any) -> None:
        try:
            leave_signals_to_the_program()
            self.private = _own_table()
        except Exception:  # the checked program must never see this thread fail
            self.private = False
        finally:
            ready.release()
        if not self.private:
            return
        while True:
            asked.acquire()
            job = self._job
            if job is None:
                return
            function, args = job
            try:
                self._answer = function(*args)
            except Exception:
                self._answer = None
            if answered.locked():  # (unlocked: an answer nobody took, its caller gave up waiting; this one is late too)
                answered.release()


_LINUX = os.uname().sysname == "Linux" if hasattr(os, "uname") else False


def _own_table() -> bool:
    """Give the calling thread a descriptor table of its own and close the copies of the program's descriptors
    it starts with; False where the system refuses."""
    try:
        if hasattr(os, "unshare"):
            os.unshare(os.CLONE_FILES)  # type: ignore[attr-defined]
        elif _libc_unshare()(_CLONE_FILES) != 0:
            return False
    except (OSError, AttributeError, ImportError, TypeError):
        return False
    for name in os.listdir(f"/proc/self/task/{_thread.get_native_id()}/fd"):
        try:
            os.close(int(name))
        except (OSError, ValueError):  # (the listing's own descriptor, closed already)
            pass
    return True


def _libc_unshare() -> Any:
    """The C library's ``unshare`` (before 3.12, which has ``os.unshare``), made with ``_ctypes`` alone: the
    ``ctypes`` package would cost every `asynccheck run` ~8M instructions at start-up, this ~2M."""
    import _ctypes

    class Int(_ctypes._SimpleCData):  # type: ignore[name-defined,misc]
        _type_ = "i"

    class Function(_ctypes.CFuncPtr):  # type: ignore[name-defined,misc]
        _flags_ = _ctypes.FUNCFLAG_CDECL
        _restype_ = Int

    class Process:  # the program's own symbols, as ``ctypes.CDLL(None)`` opens them
        _handle = _ctypes.dlopen(None, os.RTLD_LOCAL)

    unshare = Function(("unshare", Process))
    unshare.argtypes = (Int,)
    return unshare
