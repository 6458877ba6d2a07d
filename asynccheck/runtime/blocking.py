"""ACK101-ACK108 at run time: wrappers around blocking calls that report them when made on a loop's thread.

Every wrapper starts with the same cheap test, `asyncio.events._get_running_loop()` (a C function): outside a
running loop (sync code, worker threads, before and after `asyncio.run`) the original is called at once.
"""
from __future__ import annotations

import builtins
import contextlib
import functools
import inspect
import io
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import weakref
from asyncio import events, futures as asyncio_futures
from concurrent import futures
from itertools import islice
from types import MethodDescriptorType
from typing import Any, Callable, Iterator, List, Optional, Tuple

try:
    import ssl
except ImportError:  # a Python built without it
    ssl = None  # type: ignore[assignment]

from asynccheck.runtime import process_waits, sockets
from asynccheck.runtime.finalizers import registered_where
from asynccheck.runtime.frameless import CheckedFunction, checked_method_descriptor, original_of
from asynccheck.runtime.frames import frame_line
from asynccheck.on_import import OnImport
from asynccheck.runtime.patches import Patches
from asynccheck.runtime.printer_reads import PRINTING
from asynccheck.runtime.recorder import CheckerError, Recorder
from asynccheck.wording import SELECT_ADVICE, SELECT_WAIT, SIGNAL_ADVICE, SIGNAL_WAIT

_get_running_loop = events._get_running_loop
_get_ident = threading.get_ident
_perf = time.perf_counter
_local = threading.local()
# Modules whose file reads are the interpreter's own business (imports, tracebacks), not the program's I/O.
# Also the standard library's lazy one-time reads of system tables (mimetypes reads /etc/mime.types on first use,
# zoneinfo a zone's file once): a cost paid once per process, not an I/O pattern to change.
_QUIET_OPENERS = ("importlib", "linecache.py", "tokenize.py", "traceback.py", "zipimport.py", "pkgutil.py",
                  "inspect.py", "gettext.py", "locale.py", "encodings", "mimetypes.py", "zoneinfo",
                  "platform.py", "sysconfig")

_PART_OF_A_REQUEST = frozenset({"ACK103", "ACK105", "ACK106"})
_THREADING = threading.__file__
_FUTURES_BASE = futures._base.__file__
_FUTURES_THREAD = os.path.join(os.path.dirname(_FUTURES_BASE), "thread.py")
_FUTURES_PROCESS = os.path.join(os.path.dirname(_FUTURES_BASE), "process.py")
_ASYNCIO = os.path.dirname(events.__file__) + os.sep
# the loop calling a callback: a blocking callable the program handed it is the program's call, not asyncio's work
_HANDLE_RUN = events.Handle._run.__code__
_FORWARDS = inspect.CO_VARARGS | inspect.CO_VARKEYWORDS
# A network wait made on behalf of one of these is an HTTP request (ACK102), not a raw socket call (ACK105).
_HTTP_CLIENTS = tuple(os.sep + part for part in (
    os.path.join("http", "client.py"), os.path.join("urllib", "request.py"), "urllib3" + os.sep,
    "requests" + os.sep, "httpx" + os.sep, "httpcore" + os.sep))
# multiprocessing talks to its own processes over sockets (the forkserver when a process starts, a manager's proxies,
# resource_sharer): a wait there is for another process of the program's (ACK106, as its pipes' waits), not the network.
_MULTIPROCESSING = os.sep + "multiprocessing" + os.sep
# ...but a process started by the forkserver only connects to it (a listening local socket) and hands it the
# descriptors: neither waits for it, and they took no time in a report (its reply, the new pid, is a pipe read; the
# stall of a slow start, the forkserver's own first start, is ACK120's when it is long)
_FORKSERVER = os.sep + os.path.join("multiprocessing", "forkserver.py")

WHAT = {
    "ACK101": "sleeps on the event loop's thread; use `await asyncio.sleep(...)`",
    "ACK102": "makes an HTTP request on the event loop's thread; use an async client or `asyncio.to_thread(...)`",
    "ACK103": "does file I/O on the event loop's thread; use aiofiles or `await asyncio.to_thread(...)`",
    "ACK104": "waits for a subprocess on the event loop's thread; use asyncio.create_subprocess_exec",
    "ACK105": "waits for the network on the event loop's thread; use the loop's async APIs",
    "ACK106": "waits for another thread on the event loop's thread",
    "ACK107": "waits for terminal input on the event loop's thread",
}
# What a call does, where the rule's general words would mislead.
WHAT_BY_API = {
    "sqlite3.": "does database I/O on the event loop's thread; use aiosqlite or `await asyncio.to_thread(...)`",
    # (the words the linter uses for the same call)
    "select.": f"{SELECT_WAIT}; {SELECT_ADVICE}",
    "signal.": f"{SIGNAL_WAIT}; {SIGNAL_ADVICE}",
    "multiprocessing.": "waits for another process on the event loop's thread; wait in `asyncio.to_thread(...)`",
}


_ADD_DONE_CALLBACK = futures.Future.add_done_callback.__code__


def _in_own_done_callback(fut: Any, depth: int = 6) -> bool:
    """Whether ``fut``'s own ``add_done_callback`` is running a callback on this thread (``fut`` was done when
    the callback was added): a few frames out (the callback, a helper or two of the program's), on the path of
    a result() read on a loop's thread of a future another thread settled (asyncio's own reads, `wrap_future`
    copying a job's outcome, come here too: a handful of frame hops per executor job)."""
    frame = sys._getframe(2)
    while frame is not None and depth:
        if frame.f_code is _ADD_DONE_CALLBACK:
            return frame.f_locals.get("self") is fut
        frame, depth = frame.f_back, depth - 1
    return False


# what a done callback calls to tell the loop (or a waiting thread) that the future is done: `lambda _:
# loop.call_soon_threadsafe(done.set)`, `lambda _: done.set()` (as the linter reads it: blocking_shapes.py)
_SIGNALS = frozenset({"call_soon_threadsafe", "run_coroutine_threadsafe", "set"})


def _signalled_done(fut: Any) -> bool:
    """Whether ``fut`` is done and was given a done callback of the program's that tells someone so (it ran on
    the thread that settled it, or at once in `add_done_callback` when the job had ended by then): the program
    reads the result once told, which cannot wait (`cf.add_done_callback(lambda f:
    loop.call_soon_threadsafe(done.set))`, `await done.wait()`, then `cf.result()`). A read before the signal
    finds the job running, and waits: reported."""
    if not fut.done():
        return False
    return getattr(fut, "_asynccheck_told", False) or any(_signals(c) for c in getattr(fut, "_done_callbacks", ()))


def _signals(callback: Any) -> bool:
    """A done callback of the program's that tells the loop or a thread (`_SIGNALS`)."""
    func = getattr(callback, "func", callback)  # (functools.partial)
    func = getattr(func, "__func__", func)  # (a bound method)
    code = getattr(func, "__code__", None)
    if code is not None:
        return bool(_SIGNALS.intersection(code.co_names)) and not _in_stdlib(code.co_filename)
    return getattr(func, "__name__", None) in _SIGNALS  # `partial(loop.call_soon_threadsafe, done.set)`


def _noting_told(original: Callable[..., Any]) -> Callable[..., Any]:
    """``Future.add_done_callback`` noting a signalling callback run at once, on a loop's thread, because the
    future was done already (see ``_signalled_done``)."""
    def add_done_callback(fut: Any, fn: Any) -> None:
        if _get_running_loop() is not None and fut.done() and _signals(fn):
            fut._asynccheck_told = True
        return original(fut, fn)

    return functools.update_wrapper(add_done_callback, original)


def _noting_settler(original: Callable[..., Any]) -> Callable[..., Any]:
    """``Future.set_result``/``set_exception`` noting which thread settled the future (see ``waits``)."""
    def settle(fut: Any, outcome: Any) -> None:
        fut._asynccheck_settler = _get_ident()
        return original(fut, outcome)

    return functools.update_wrapper(settle, original)


def _task_name() -> Optional[str]:
    try:
        import asyncio

        task = asyncio.current_task()
    except RuntimeError:
        return None
    return task.get_name() if task is not None else None


def _inner_wait(caller: Any) -> bool:
    """Whether a thread wait made by ``caller``, a frame of threading or concurrent.futures, is that library's
    own business rather than the wait the program asked for: Thread.start() waiting for its thread to begin, a
    Future's result() waiting on its Condition (the result() call is the finding, or was told not to wait),
    as_completed() and wait() waiting on their Event (likewise). Not so: Condition.wait_for (the program's wait,
    made through Condition.wait), the results of Executor.map that the program iterates (a Future's result()
    each), and an executor's shutdown() joining its workers (a ProcessPoolExecutor's: its manager thread, which
    waits for the worker processes) when the program called it, or when leaving a `with executor:` block waits
    for jobs still queued or running (when the jobs it awaited are done, only the workers' exit is left: that
    join is left to the linter's judgement, as for asyncio's own example of
    `with ProcessPoolExecutor() as pool: await loop.run_in_executor(pool, ...)`)."""
    code = caller.f_code
    path = code.co_filename
    if path == _THREADING:
        return code.co_name != "wait_for"
    if path == _FUTURES_BASE:
        return code.co_name not in ("_result_or_cancel", "result_iterator")
    if path == _FUTURES_THREAD or path == _FUTURES_PROCESS:
        outer = caller.f_back
        return code.co_name != "shutdown" or (outer is not None and outer.f_code.co_name == "__exit__"
                                              and outer.f_code.co_filename == _FUTURES_BASE
                                              and not _exit_waits_for_jobs(caller))
    return False


def _exit_waits_for_jobs(shutdown: Any) -> bool:
    """Whether the join in ``shutdown`` (leaving a `with executor:` block) waits for jobs the program handed over
    and never waited for: some not done yet (a ProcessPoolExecutor's pending items; a ThreadPoolExecutor's queue
    holding more than shutdown's wake-up, or a worker inside a job), judged at the exit's first join. Jobs that
    had ended (awaited, or merely quick) leave only the workers' own exit to wait for: not a finding."""
    executor = shutdown.f_locals.get("self")
    pending = getattr(executor, "_pending_work_items", None)
    if isinstance(pending, dict):
        return bool(pending)  # (a job's item leaves it before its future is set: an awaited job is gone)
    threads = getattr(executor, "_threads", None)
    if not threads or shutdown.f_locals.get("t") is not next(iter(threads), None):
        return False  # one judgement per exit, not one per worker joined
    queued = getattr(executor, "_work_queue", None)
    if queued is not None and queued.qsize() > 1:
        return True
    # (loaded: its shutdown is the caller; not imported up front, which start-up would pay for)
    job = sys.modules["concurrent.futures.thread"]._WorkItem.run.__code__
    current, items = sys._current_frames(), []
    for thread in threads:
        frame = current.get(thread.ident)
        while frame is not None:
            if frame.f_code is job:
                items.append(frame.f_locals.get("self"))
                break
            frame = frame.f_back
    # the workers' frames let go before `done()` takes the future's lock (a wait there hands the GIL over, and a
    # frame a worker let go of meanwhile would be freed here, on the loop's thread)
    frame = None
    current.clear()
    # (a job whose future is set is only returning: what awaited it may run before the worker does)
    return any(item is not None and not item.future.done() for item in items)


def _looks_up(host: Any = None, port: Any = None, *rest: Any, **kwargs: Any) -> bool:
    """Whether ``socket.getaddrinfo(host, port, ...)`` asks a resolver: not for an address written in digits
    (IPv4 or IPv6, or no host) with a numeric port or none, which the C library answers at once (asyncio skips the
    call for them; the linter leaves them alone too)."""
    if isinstance(port, (bytes, str)):
        if not port.isdigit():
            return True  # a service name: looked up in the services database
    elif port is not None and not isinstance(port, int):
        return True
    if host is None:
        return False
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return True
    for family in (socket.AF_INET, socket.AF_INET6):
        try:
            socket.inet_pton(family, host.partition("%")[0])
            return False
        except (OSError, ValueError):
            pass
    return True


@contextlib.contextmanager
def own_calls() -> Iterator[None]:
    """Around the checker's own work on a loop's thread (the source lines of a warning it gives for Python): the
    blocking calls made there are not the program's."""
    before = getattr(_local, "busy", False)
    _local.busy = True
    try:
        yield
    finally:
        _local.busy = before


class BlockingDetector:
    def __init__(self, recorder: Recorder):
        self.recorder = recorder

    def _report(self, code: str, text: str, duration: Optional[float], raise_here: bool) -> None:
        _local.busy = True
        try:
            frame = sys._getframe(2)
            entered = self.recorder.frames.entry(frame)
            if entered is None:
                # the loop calling a callable the program handed it (`loop.call_soon(worker.join)`): at the hand-over;
                # else made by asyncio on the program's behalf, or by a library on its own
                from asynccheck.runtime.handovers import scheduled_where  # (imports the thread pool's module)

                where = scheduled_where(self.recorder.frames, frame, text.split("(")[0].rsplit(".", 1)[-1])
                if where is not None:
                    does = _does(text, code)
                    self.recorder.report(code, f"`{text}` {does}", frame, duration=duration, task=_task_name(),
                                         raise_here=raise_here, where=where)
                return
            site, callee = entered
            does = _does(text, code)
            if code in _PART_OF_A_REQUEST and _made_for(frame, site, _HTTP_CLIENTS):
                code = "ACK102"  # one mistake, one code: the request, whatever it does inside (DNS, netrc, pool)
                does = WHAT[code]
            elif code == "ACK105" and text.startswith("socket.") and _made_for(frame, site, (_MULTIPROCESSING,)):
                if _made_for(frame, site, (_FORKSERVER,)) and text.startswith(("socket.connect", "socket.sendmsg")):
                    return
                code, does = "ACK106", WHAT_BY_API["multiprocessing."]
                if not self.recorder.wants(code):
                    return
            where = registered_where(self.recorder.frames, frame)  # a finalizer's callback not the program's
            what = f"`{text}`" if where is not None else chained(self.recorder.frames, callee, frame, text)
            self.recorder.report(code, f"{what} {does}", frame, duration=duration, task=_task_name(),
                                 raise_here=raise_here, where=where or call_position(site))
        except CheckerError:
            raise  # --raise: the finding itself, raised at the call on purpose
        except Exception:  # a failure of ours must not replace the call's own result or error
            pass
        finally:
            _local.busy = False

    def wrap(self, code: str, text: str, original: Callable[..., Any],
             blocks: Optional[Callable[..., bool]] = None) -> Callable[..., Any]:
        """A stand-in for ``original`` that reports calls on a loop's thread (when ``blocks(*args)`` agrees). Off
        a loop's thread the program calls ``original`` itself: an error it raises there (open()'s
        FileNotFoundError, a future's exception from result()) has no frame of ours in its traceback."""
        checked = self.checking(code, text, original, blocks)
        stand_in = CheckedFunction(original, checked, _get_running_loop)
        stand_in.asynccheck_code = code
        return stand_in  # type: ignore[return-value]

    def checking(self, code: str, text: str, original: Callable[..., Any],
                 blocks: Optional[Callable[..., bool]] = None) -> Callable[..., Any]:
        """The function that checks a call to ``original`` and makes it (``wrap``'s, when a loop runs here)."""
        detector = self
        wants = self.recorder.wants(code) or (code == "ACK105" and self.recorder.wants("ACK102"))

        def checked(*args: Any, **kwargs: Any) -> Any:
            # out of pytest's tracebacks: the open() that raised FileNotFoundError is the program's line, not ours
            __tracebackhide__ = True  # noqa: F841
            if not wants or _get_running_loop() is None or getattr(_local, "busy", False):
                return original(*args, **kwargs)
            if blocks is not None:
                try:
                    quick = not blocks(*args, **kwargs)
                except Exception:  # arguments the original will reject: let it raise its own error
                    quick = True
                if quick:
                    return original(*args, **kwargs)
            blocked, thread = detector.recorder.blocked_since, _get_ident()
            if thread in blocked:
                return original(*args, **kwargs)  # nested (Queue.get -> Condition.wait): one finding
            caller = sys._getframe(1)
            if (caller.f_code.co_filename.startswith(_ASYNCIO) and caller.f_code is not _HANDLE_RUN) or (
                    code == "ACK106" and _inner_wait(caller)):
                # asyncio's own shutdown joins, Thread.start() waiting for its thread: not the program's doing,
                # nor the step's work (ACK120): on a loaded machine a new thread may wait long for a CPU
                blocked[thread] = _perf()
                try:
                    return original(*args, **kwargs)
                finally:
                    blocked.pop(thread, None)
            if detector.recorder.raise_on_finding:
                detector._report(code, text, None, True)
            start = blocked[thread] = _perf()
            try:
                return original(*args, **kwargs)
            finally:
                try:  # (the report's own time, finding the caller's line, is not the step's either: see Recorder)
                    detector._report(code, text, _perf() - start, False)
                finally:
                    blocked.pop(thread, None)

        checked.__wrapped__ = original  # type: ignore[attr-defined]
        checked.asynccheck_code = code  # type: ignore[attr-defined]
        checked.__name__ = getattr(original, "__name__", "checked")
        checked.__doc__ = getattr(original, "__doc__", None)
        return checked

    def wrap_socket_method(self, name: str, original: Callable[..., Any], owner: str = "socket") -> Callable[..., Any]:
        """A socket method that reports only on a blocking socket: a non-blocking one (timeout 0.0) leaves after
        one test. The loop's own sockets do not come here at all (see sockets.py)."""
        slow = self.checking("ACK105", f"{owner}.{name}()", original)

        def checked_socket(sock: Any, *args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True  # noqa: F841  (out of pytest's tracebacks, as `checked` above)
            try:
                quick = sock.timeout == 0.0  # the C-level attribute: cheaper than the gettimeout() call
            except AttributeError:
                quick = True  # not a socket: the original raises its own TypeError
            if quick:
                return original(sock, *args, **kwargs)
            return slow(sock, *args, **kwargs)

        if isinstance(original, MethodDescriptorType):  # socket.socket's own C methods: shown as they are
            return checked_method_descriptor(original, checked_socket, "ACK105")
        checked_socket.__wrapped__ = original  # type: ignore[attr-defined]
        checked_socket.asynccheck_code = "ACK105"  # type: ignore[attr-defined]
        checked_socket.__name__ = name
        # found again by pickle where it stands (socket.socket.accept, ssl.SSLSocket.recv)
        checked_socket.__qualname__, checked_socket.__module__ = original.__qualname__, original.__module__
        checked_socket.__doc__ = getattr(original, "__doc__", None)
        return checked_socket

    def install(self, patches: Patches, on_import: Optional[OnImport] = None) -> None:
        """Patch what the program may call; ``on_import`` patches the modules it has not imported yet (queue,
        sqlite3) when it does (else they are imported now)."""
        wrap, wants = self.wrap, self.recorder.wants
        when_imported = on_import.when_imported if on_import is not None else _import_now

        def replace(owner: Any, name: str, checked: Callable[..., Any]) -> None:
            # a check that is off costs nothing: its function stays the original
            code = getattr(checked, "asynccheck_code", None)
            if code is None or wants(code) or (code == "ACK105" and wants("ACK102")):
                patches.replace(owner, name, checked)

        replace(time, "sleep", wrap("ACK101", "time.sleep()", time.sleep, lambda secs=0, *a: secs > 0))
        for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo",
                     "create_connection", "getfqdn"):
            replace(socket, name, wrap("ACK105", f"socket.{name}()", getattr(socket, name),
                                       _looks_up if name == "getaddrinfo" else None))
        for name in _SOCKET_METHODS:
            if hasattr(socket.socket, name):
                replace(socket.socket, name, self.wrap_socket_method(name, getattr(socket.socket, name)))
        # an SSL socket reads and writes through its SSL object, not through socket.socket's methods
        for name in _SSL_SOCKET_METHODS if ssl is not None else ():
            replace(ssl.SSLSocket, name, self.wrap_socket_method(name, getattr(ssl.SSLSocket, name), "ssl.SSLSocket"))
        if wants("ACK105") or wants("ACK102"):
            sockets.install(patches)  # ... but the loop's own sockets step around the wrappers
        replace(select, "select", wrap("ACK106", "select.select()", select.select,
                                       lambda r, w, x, timeout=None: timeout is None or timeout > 0))
        replace(builtins, "input", wrap("ACK107", "input()", builtins.input))
        opener = wrap("ACK103", "open()", builtins.open, _program_open)
        # first where `open` says it lives (io, _io from 3.13): pickle finds it there, as python's
        for owner in dict.fromkeys((sys.modules.get(getattr(builtins.open, "__module__", ""), io), io, builtins)):
            replace(owner, "open", opener)
        accessor = getattr(__import__("pathlib"), "_NormalAccessor", None)
        if wants("ACK103") and accessor is not None and accessor.__dict__.get("open") is original_of(opener):
            # Python 3.10's Path.open goes through `_NormalAccessor.open`, bound to io.open when pathlib loaded
            patches.replace(accessor, "open", staticmethod(opener))
        replace(os, "system", wrap("ACK104", "os.system()", os.system))
        # a pipe to a command: reading it waits for the process, which the program cannot do anything else in
        replace(os, "popen", wrap("ACK104", "os.popen()", os.popen))
        for name, waits_for_child in (("waitpid", lambda pid, options: _reaps(options)),
                                      ("wait", lambda: _reaps(0)),
                                      ("wait3", lambda options: _reaps(options)),
                                      ("wait4", lambda pid, options: _reaps(options)),
                                      ("waitid", lambda idtype, ident, options: _reaps(options))):
            if hasattr(os, name):
                replace(os, name, wrap("ACK104", f"os.{name}()", getattr(os, name), waits_for_child))
        for name in ("spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe"):
            if hasattr(os, name):  # P_WAIT runs the command to its end; P_NOWAIT hands back its pid at once
                replace(os, name, wrap("ACK104", f"os.{name}()", getattr(os, name),
                                       lambda mode, *rest, **kw: mode == os.P_WAIT))
        for name, blocks in (("pause", None), ("sigwait", None), ("sigwaitinfo", None),
                             ("sigtimedwait", lambda sigset, timeout: timeout > 0)):
            if hasattr(signal, name):
                replace(signal, name, wrap("ACK106", f"signal.{name}()", getattr(signal, name), blocks))
        # Only the arguments decide whether a call is a blocking wait, never the state it happens to meet (a
        # finished process, a set event, a done future): the same line blocks on the next run.
        replace(subprocess.Popen, "wait", wrap("ACK104", "Popen.wait()", subprocess.Popen.wait, _popen_waits))
        replace(subprocess.Popen, "communicate",
                wrap("ACK104", "Popen.communicate()", subprocess.Popen.communicate,
                     lambda proc, input=None, timeout=None: timeout != 0))
        replace(threading.Event, "wait", wrap("ACK106", "threading.Event.wait()", threading.Event.wait,
                                              lambda ev, timeout=None: timeout != 0))
        replace(threading.Condition, "wait", wrap("ACK106", "threading.Condition.wait()", threading.Condition.wait,
                                                  lambda cond, timeout=None: timeout != 0))
        # (a predicate already true returns before any wait: the call is the finding, as for the state above)
        replace(threading.Condition, "wait_for",
                wrap("ACK106", "threading.Condition.wait_for()", threading.Condition.wait_for,
                     lambda cond, predicate, timeout=None: timeout != 0))
        replace(threading.Barrier, "wait", wrap("ACK106", "threading.Barrier.wait()", threading.Barrier.wait,
                                                lambda barrier, timeout=None: timeout != 0))
        replace(threading.Thread, "join", wrap("ACK106", "Thread.join()", threading.Thread.join,
                                               lambda th, timeout=None: timeout != 0))

        def patch_queue(queue: Any) -> None:
            replace(queue.Queue, "get", wrap("ACK106", "queue.Queue.get()", queue.Queue.get,
                                             lambda q, block=True, timeout=None: block and timeout != 0))
            replace(queue.Queue, "put", wrap("ACK106", "queue.Queue.put()", queue.Queue.put,
                                             lambda q, item, block=True, timeout=None:
                                             block and timeout != 0 and q.maxsize > 0))
            # SimpleQueue is a C type whose methods cannot be replaced: the name hands out a subclass whose get
            # is watched (queues made before the checker started keep the C type)
            simple = queue.SimpleQueue
            checked = type("SimpleQueue", (simple,), {
                "__slots__": (), "__module__": simple.__module__, "__doc__": simple.__doc__,
                "get": wrap("ACK106", "queue.SimpleQueue.get()", simple.get,
                            lambda q, block=True, timeout=None: block and timeout != 0)})
            checked.__qualname__ = simple.__qualname__
            patches.replace(queue, "SimpleQueue", checked)

        if wants("ACK106"):
            when_imported("queue", patch_queue)
            process_waits.install(wrap, replace, when_imported)
        # futures that `concurrent.futures.wait` or `as_completed` handed back as done: reading their result
        # cannot wait, whatever the run (the wait before it is the finding)
        settled: "weakref.WeakSet[Any]" = weakref.WeakSet()

        def waits(fut: Any, timeout: Optional[float] = None) -> bool:
            # a future this very thread settled (one used as a value holder: tenacity keeps each attempt's outcome
            # in one) can never have waited for another thread; one settled by another thread only happened to
            # be done, and the pattern still waits; nor a future read by its own done callback (`lambda f:
            # f.result()`), done by definition, which add_done_callback runs here when the job finished already
            return (timeout != 0 and fut not in settled and getattr(fut, "_asynccheck_settler", None) != _get_ident()
                    and not _in_own_done_callback(fut) and not _signalled_done(fut))

        if wants("ACK106"):
            replace(futures.Future, "set_result", _noting_settler(futures.Future.set_result))
            replace(futures.Future, "set_exception", _noting_settler(futures.Future.set_exception))
            replace(futures.Future, "add_done_callback", _noting_told(futures.Future.add_done_callback))
        replace(futures.Future, "result",
                wrap("ACK106", "concurrent.futures.Future.result()", futures.Future.result, waits))
        replace(futures.Future, "exception",
                wrap("ACK106", "concurrent.futures.Future.exception()", futures.Future.exception, waits))
        if wants("ACK106"):
            self._install_future_waits(patches, settled)
        if wants("ACK105"):
            when_imported("sqlite3", lambda sqlite3: self._install_sqlite(patches, sqlite3))

    def _install_future_waits(self, patches: Patches, settled: Any) -> None:
        """``concurrent.futures.wait`` and ``as_completed`` wait for other threads' work (when every future is
        done already they return at once: the arguments decide, as elsewhere); the futures they hand back as
        done are noted, so that reading their results is not a second finding; so are the jobs whose outcome
        asyncio copied into a future of a loop's (``await asyncio.wrap_future(job)``, then ``job.result()``)."""
        checked_wait = self.wrap("ACK106", "concurrent.futures.wait()", futures.wait,
                                 lambda fs, timeout=None, return_when=None: timeout != 0)
        checked_as_completed = self.wrap("ACK106", "concurrent.futures.as_completed()", futures.as_completed,
                                         lambda fs, timeout=None: timeout != 0)

        @functools.wraps(futures.wait)
        def wait(fs: Any, timeout: Optional[float] = None, return_when: str = futures.ALL_COMPLETED) -> Any:
            outcome = checked_wait(fs, timeout, return_when)
            settled.update(outcome.done)
            return outcome

        @functools.wraps(futures.as_completed)
        def as_completed(fs: Any, timeout: Optional[float] = None) -> Any:
            for fut in checked_as_completed(fs, timeout):
                settled.add(fut)
                yield fut

        for module in (futures, futures._base):
            patches.replace(module, "wait", wait)
            patches.replace(module, "as_completed", as_completed)

        copy_state = asyncio_futures._copy_future_state

        @functools.wraps(copy_state)
        def copy_future_state(source: Any, dest: Any) -> None:
            # asyncio copies a job's outcome into a future of the loop's (``wrap_future``, ``run_in_executor``) on
            # the loop's thread once the job is done: a coroutine that awaited that future waited for the job
            # through the loop, and the job's own result() read after it cannot wait, whatever the run
            if isinstance(source, futures.Future):
                settled.add(source)
            return copy_state(source, dest)

        patches.replace(asyncio_futures, "_copy_future_state", copy_future_state)

    def _install_sqlite(self, patches: Patches, sqlite3: Any) -> None:
        """Sync SQLite on a file, as the linter sees it: ``sqlite3.connect`` hands out a subclass of Connection
        whose queries are watched (its methods are C code and cannot be wrapped in place). In-memory databases,
        and connections made with the program's own ``factory``, are left as they are."""
        wrap, real_connect = self.wrap, sqlite3.connect

        class CheckedCursor(sqlite3.Cursor):
            pass

        class CheckedConnection(sqlite3.Connection):
            def cursor(self, factory: Any = CheckedCursor) -> Any:  # type: ignore[override]
                return super().cursor(factory)

        for owner, base, names in ((CheckedConnection, sqlite3.Connection, _SQLITE_CONNECTION),
                                   (CheckedCursor, sqlite3.Cursor, _SQLITE_CURSOR)):
            for name in names:
                setattr(owner, name, wrap("ACK105", f"sqlite3.{base.__name__}.{name}()", getattr(base, name)))
        for owner in (CheckedConnection, CheckedCursor):  # as the real classes print, pickle and document
            owner.__module__, owner.__qualname__ = "sqlite3", owner.__mro__[1].__name__
            owner.__name__ = owner.__qualname__
        checked_connect = wrap("ACK105", "sqlite3.connect()", real_connect)

        def connect(database: Any, *args: Any, **kwargs: Any) -> Any:
            if _in_memory(database, kwargs.get("uri", False)) or "factory" in kwargs or len(args) >= 4:
                return real_connect(database, *args, **kwargs)
            return checked_connect(database, *args, factory=CheckedConnection, **kwargs)

        connect.__wrapped__ = real_connect  # type: ignore[attr-defined]
        connect.__name__, connect.__doc__ = "connect", real_connect.__doc__
        patches.replace(sqlite3, "connect", connect)
        # the DB-API module, where SQLAlchemy's pysqlite dialect (`from sqlite3 import dbapi2`) and other drivers'
        # wrappers look `connect` up at each connection
        dbapi2 = getattr(sqlite3, "dbapi2", None)
        if dbapi2 is not None and getattr(dbapi2, "connect", None) is real_connect:
            patches.replace(dbapi2, "connect", connect)


def _import_now(name: str, then: Callable[[Any], None]) -> None:
    try:
        module = __import__(name)
    except ImportError:  # a Python built without it (sqlite3)
        return
    then(module)


_SOCKET_METHODS = ("connect", "connect_ex", "accept", "recv", "recv_into", "recvfrom", "recvfrom_into", "recvmsg",
                   "recvmsg_into", "send", "sendall", "sendto", "sendmsg", "sendfile")
_SSL_SOCKET_METHODS = ("recv", "recv_into", "read", "send", "sendall", "write", "do_handshake", "unwrap")
_SQLITE_CONNECTION = ("execute", "executemany", "executescript", "commit", "rollback")
_SQLITE_CURSOR = ("execute", "executemany", "executescript", "fetchone", "fetchmany", "fetchall")


def _popen_waits(proc: Any, timeout: Optional[float] = None) -> bool:
    if timeout == 0:
        return False
    # `with Popen(...)` reaps the process on exit: after communicate() (already reported) that waits for nothing
    return proc.returncode is None or sys._getframe(2).f_code is not _POPEN_EXIT


_POPEN_EXIT = subprocess.Popen.__exit__.__code__


def _reaps(options: int) -> bool:
    """An ``os.wait*`` call that waits for a child to end; not subprocess's own, which ``Popen.wait`` and
    ``communicate`` judge (a ``with Popen(...)`` reaping a process that communicate() already waited for)."""
    return not options & os.WNOHANG and sys._getframe(3).f_code.co_filename != subprocess.__file__


def _in_memory(database: Any, uri: bool) -> bool:
    """An in-memory SQLite database does no I/O worth a finding (``:memory:``, ``""`` for a temporary one is
    on disk; a URI with ``mode=memory`` or ``file::memory:``)."""
    if not isinstance(database, str):
        return False
    return database == ":memory:" or (bool(uri) and (":memory:" in database or "mode=memory" in database))


def _made_for(frame: Any, site: Any, parts: Tuple[str, ...]) -> bool:
    """Whether a wait was made on behalf of a library whose files hold one of ``parts`` (between the blocking call
    and the program's line): an HTTP client's (the mistake is the request, as the linter calls it), multiprocessing's."""
    while frame is not None and frame is not site:
        if frame.f_code.co_filename.endswith(".py") and any(part in frame.f_code.co_filename for part in parts):
            return True
        frame = frame.f_back
    return False


def chained(frames: Any, callee: Any, call: Any, text: str) -> str:
    """`` `load_prices()` -> `open()` ``: the call ``text`` as the program reached it (see ``_called_via``)."""
    return " -> ".join([f"`{name}()`" for name in _called_via(frames, callee, call)] + [f"`{text}`"])


def call_chain(frames: Any, callee: Any, call: Any) -> str:
    """`` `checksum()` ``: how the program's line reached ``call`` (a stall's frame), named as for a blocking call."""
    return " -> ".join(f"`{name}()`" for name in _called_via(frames, callee, call))


def _called_via(frames: Any, callee: Any, call: Any) -> List[str]:
    """The chain from the program's line to the blocking call, named as the program called it: its helpers
    (``load_prices``), and a library by its entry point only (``urllib.request.urlopen``)."""
    if callee is None:
        return []
    chain, frame = [], call
    while frame is not None and frame is not callee:
        chain.append(frame)
        frame = frame.f_back
    if frame is None:
        return []
    chain.append(callee)
    names = []
    for link in reversed(chain):  # outermost first
        user = frames.is_user(link.f_code.co_filename)
        if not user and link is call and _passes_through(link.f_code):
            # a tool's wrapper around the blocking function itself (blockbuster wraps socket.accept in a closure
            # that takes *args, **kwargs): what was called is the function it stands for
            break
        names.append(_name(link, qualified=not user))
        if not user:
            break  # the library's insides are its business
    return names


def _passes_through(code: Any) -> bool:
    """A decorator's closure forwarding whatever it is given."""
    return bool(code.co_freevars) and code.co_flags & _FORWARDS == _FORWARDS


def _name(frame: Any, qualified: bool) -> str:
    """A frame named as the program wrote the call: its own helpers as they are; a library's function or class by
    the shortest package that exports it (``concurrent.futures.ThreadPoolExecutor.shutdown``, not
    ``concurrent.futures.thread...``), and a generator a library call returned by that call (``Executor.map``)."""
    code = frame.f_code
    name = getattr(code, "co_qualname", code.co_name)
    if not qualified:
        return name
    name = name.split(".<locals>", 1)[0]
    module = frame.f_globals.get("__name__")
    if not module:
        return name
    top = name.split(".", 1)[0]
    defined = frame.f_globals.get(top)
    if defined is not None:
        parts = module.split(".")
        for length in range(1, len(parts)):
            package = ".".join(parts[:length])
            if getattr(sys.modules.get(package), top, None) is defined:
                return f"{package}.{name}"
    return f"{module}.{name}"


def call_position(frame: Any) -> Any:
    """(path, line, column) of the call a frame is making; the column where Python knows it (3.11+)."""
    code, line = frame.f_code, frame_line(frame)
    column = 1
    positions = getattr(code, "co_positions", None)
    if positions is not None and frame.f_lasti >= 0:
        try:
            start_line, _, start_col, _ = next(islice(positions(), frame.f_lasti // 2, None))
        except StopIteration:
            start_line = start_col = None
        if start_col is not None and start_line == line:
            column = start_col + 1
    return code.co_filename, line, column


def _program_open(*args: Any, **kwargs: Any) -> bool:
    target = args[0] if args else kwargs.get("file")
    if isinstance(target, int):
        return False  # a file object over a descriptor already open (a pipe, a socket): no file-system access
    frame = sys._getframe(2)
    if frame.f_code is PRINTING:
        return False  # the C traceback printer showing a source line (printer_reads.py)
    for _ in range(6):
        if frame is None:
            break
        name = frame.f_code.co_filename
        if any(quiet in name for quiet in _QUIET_OPENERS):
            return False
        if not _in_stdlib(name) and not name.startswith("<frozen "):
            break  # code of the program's (an exception's __str__ that traceback.py called) opens for itself
        frame = frame.f_back
    if _loader_read(sys._getframe(2)):
        return False
    opener = sys._getframe(2)
    # (pathlib's read_text, io's wrappers: the library that asked is further out)
    while opener is not None and _in_stdlib(opener.f_code.co_filename):
        opener = opener.f_back
    mode = args[1] if len(args) > 1 else kwargs.get("mode", "r")
    return opener is None or not _own_package_data(opener.f_code.co_filename, target, mode)


def _does(text: str, code: str) -> str:
    """What the blocking call ``text`` does, for its finding's message."""
    return next((v for k, v in WHAT_BY_API.items() if text.startswith(k)), WHAT[code])


def _loader_read(frame: Any, depth: int = 12) -> bool:
    """A read an import hook of a library's makes to load a module (pytest's assertion rewriter reading a test
    module, a conftest, or a plugin's own module imported lazily; an editable install's finder): the import
    system's work, as the standard loader's reads are. Not a read the module's body makes while it runs."""
    while frame is not None and depth:
        code = frame.f_code
        if code.co_name == "<module>":
            return False
        if code.co_filename.startswith("<frozen importlib._bootstrap"):
            return True
        frame, depth = frame.f_back, depth - 1
    return False


# an installed package's folder: .../site-packages/<top-level package>/
_INSTALLED = re.compile(r"^(.*[/\\](?:site|dist)-packages[/\\][^/\\]+[/\\])")
_STDLIB = os.path.dirname(os.__file__) + os.sep


def _in_stdlib(filename: str) -> bool:
    return filename.startswith(_STDLIB) and _INSTALLED.match(filename) is None


def _own_package_data(opener: str, target: Any, mode: Any) -> bool:
    """An installed package reading a file shipped inside its own folder (fakeredis's commands.json on first
    use): the install read lazily, as an import reads its modules, paid once and nothing the program can change.
    Not a write, nor a file outside that folder (the program's data, a cache the library keeps elsewhere)."""
    if not isinstance(mode, str) or any(c in mode for c in "wax+"):
        return False
    folder = _INSTALLED.match(opener)
    if folder is None:
        return False
    try:
        path = os.fspath(target)
    except TypeError:
        return False
    if isinstance(path, bytes) or not os.path.isabs(path):
        return False
    return os.path.normpath(path).startswith(folder.group(1))
