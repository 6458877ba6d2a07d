"""ACK101-ACK108 at run time: wrappers around blocking calls that report them when made on a loop's thread.

Every wrapper starts with the same cheap test, `asyncio.events._get_running_loop()` (a C function): outside a
running loop (sync code, worker threads, before and after `asyncio.run`) the original is called at once.
"""
from __future__ import annotations

import builtins
import io
import os
import queue
import select
import socket
import subprocess
import sys
import threading
import time
from asyncio import events
from concurrent import futures
from typing import Any, Callable, Optional

from asynccheck.runtime.patches import Patches
from asynccheck.runtime.recorder import Recorder

_get_running_loop = events._get_running_loop
_perf = time.perf_counter
_local = threading.local()
# Modules whose file reads are the interpreter's own business (imports, tracebacks), not the program's I/O.
_QUIET_OPENERS = ("importlib", "linecache.py", "tokenize.py", "traceback.py", "zipimport.py", "pkgutil.py",
                  "inspect.py", "gettext.py", "locale.py", "encodings")

_SYNC_INTERNALS = ("threading.py", "thread.py", "_base.py")
_ASYNCIO = os.path.dirname(events.__file__) + os.sep

WHAT = {
    "ACK101": "sleeps on the event loop's thread; use `await asyncio.sleep(...)`",
    "ACK102": "blocks the event loop on the network",
    "ACK103": "does file I/O on the event loop's thread; use aiofiles or `await asyncio.to_thread(...)`",
    "ACK104": "waits for a subprocess on the event loop's thread; use asyncio.create_subprocess_exec",
    "ACK105": "waits for the network on the event loop's thread; use the loop's async APIs",
    "ACK106": "waits for another thread on the event loop's thread",
    "ACK107": "waits for terminal input on the event loop's thread",
}


def _task_name() -> Optional[str]:
    try:
        import asyncio

        task = asyncio.current_task()
    except RuntimeError:
        return None
    return task.get_name() if task is not None else None


class BlockingDetector:
    def __init__(self, recorder: Recorder):
        self.recorder = recorder

    def _report(self, code: str, text: str, duration: Optional[float], raise_here: bool) -> None:
        _local.busy = True
        try:
            frame = sys._getframe(2)
            self.recorder.report(code, f"`{text}` {WHAT[code]}", frame, duration=duration, task=_task_name(),
                                 raise_here=raise_here)
        finally:
            _local.busy = False

    def wrap(self, code: str, text: str, original: Callable[..., Any],
             blocks: Optional[Callable[..., bool]] = None) -> Callable[..., Any]:
        """A stand-in for ``original`` that reports calls on a loop's thread (when ``blocks(*args)`` agrees)."""
        detector = self
        wants = self.recorder.wants(code)

        def checked(*args: Any, **kwargs: Any) -> Any:
            if not wants or _get_running_loop() is None or getattr(_local, "busy", False):
                return original(*args, **kwargs)
            if blocks is not None and not blocks(*args, **kwargs):
                return original(*args, **kwargs)
            caller = sys._getframe(1).f_code.co_filename
            if caller.startswith(_ASYNCIO) or (code == "ACK106" and caller.endswith(_SYNC_INTERNALS)):
                # asyncio's own shutdown joins, Thread.start() waiting for its thread: not the program's doing
                return original(*args, **kwargs)
            if detector.recorder.raise_on_finding:
                detector._report(code, text, None, True)
            start = _perf()
            try:
                return original(*args, **kwargs)
            finally:
                detector._report(code, text, _perf() - start, False)

        checked.__wrapped__ = original  # type: ignore[attr-defined]
        checked.__name__ = getattr(original, "__name__", "checked")
        checked.__doc__ = getattr(original, "__doc__", None)
        return checked

    def wrap_socket_method(self, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        """Sockets are the loop's hot path: its own are non-blocking (timeout 0.0) and leave after one test."""
        slow = self.wrap("ACK105", f"socket.{name}()", original)

        def checked_socket(sock: Any, *args: Any) -> Any:
            if sock.timeout == 0.0:  # the C-level attribute: cheaper than the gettimeout() call
                return original(sock, *args)
            return slow(sock, *args)

        checked_socket.__wrapped__ = original  # type: ignore[attr-defined]
        checked_socket.__name__ = name
        return checked_socket

    def install(self, patches: Patches) -> None:
        wrap, replace = self.wrap, patches.replace
        replace(time, "sleep", wrap("ACK101", "time.sleep()", time.sleep, lambda secs=0, *a: secs > 0))
        for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo",
                     "create_connection", "getfqdn"):
            replace(socket, name, wrap("ACK105", f"socket.{name}()", getattr(socket, name)))
        for name in ("connect", "connect_ex", "accept", "recv", "recv_into", "recvfrom", "recvfrom_into", "send",
                     "sendall", "sendto", "sendfile"):
            replace(socket.socket, name, self.wrap_socket_method(name, getattr(socket.socket, name)))
        replace(select, "select", wrap("ACK106", "select.select()", select.select,
                                       lambda r, w, x, timeout=None: timeout is None or timeout > 0))
        replace(builtins, "input", wrap("ACK107", "input()", builtins.input))
        opener = wrap("ACK103", "open()", builtins.open, _program_open)
        replace(builtins, "open", opener)
        replace(io, "open", opener)
        replace(os, "system", wrap("ACK104", "os.system()", os.system))
        running = lambda proc, *a, **k: proc.returncode is None  # noqa: E731
        replace(subprocess.Popen, "wait", wrap("ACK104", "Popen.wait()", subprocess.Popen.wait, running))
        replace(subprocess.Popen, "communicate",
                wrap("ACK104", "Popen.communicate()", subprocess.Popen.communicate, running))
        replace(threading.Event, "wait", wrap("ACK106", "threading.Event.wait()", threading.Event.wait,
                                              lambda ev, timeout=None: not ev.is_set() and timeout != 0))
        replace(threading.Thread, "join", wrap("ACK106", "Thread.join()", threading.Thread.join,
                                               lambda th, timeout=None: th.is_alive() and timeout != 0))
        replace(threading.Semaphore, "acquire",
                wrap("ACK106", "threading.Semaphore.acquire()", threading.Semaphore.acquire,
                     lambda sem, blocking=True, timeout=None: blocking and timeout != 0 and sem._value == 0))
        replace(queue.Queue, "get", wrap("ACK106", "queue.Queue.get()", queue.Queue.get,
                                         lambda q, block=True, timeout=None: block and timeout != 0 and q.empty()))
        replace(queue.Queue, "put", wrap("ACK106", "queue.Queue.put()", queue.Queue.put,
                                         lambda q, item, block=True, timeout=None: block and timeout != 0 and q.full()))
        unfinished = lambda fut, timeout=None: timeout != 0 and not fut.done()  # noqa: E731
        replace(futures.Future, "result",
                wrap("ACK106", "concurrent.futures.Future.result()", futures.Future.result, unfinished))
        replace(futures.Future, "exception",
                wrap("ACK106", "concurrent.futures.Future.exception()", futures.Future.exception, unfinished))


def _program_open(*args: Any, **kwargs: Any) -> bool:
    frame = sys._getframe(2)
    for _ in range(6):
        if frame is None:
            break
        name = frame.f_code.co_filename
        if any(quiet in name for quiet in _QUIET_OPENERS):
            return False
        frame = frame.f_back
    return True
