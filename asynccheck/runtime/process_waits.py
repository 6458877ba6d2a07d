"""ACK106 for multiprocessing's waits, as the linter reports them: a `Process.join()`, a pipe end's `recv()`, a
`multiprocessing.Queue.get()` made on a loop's thread wait for another process.

Patched when the program imports multiprocessing's modules (a program that never does pays nothing). Only the
arguments decide, as for the other blocking calls: `poll()` (a timeout of 0, its default) and `get(block=False)`
do not wait, `recv()` may, `connection.wait(ends)` may (as `poll()`, its timeout decides); not the `recv()`
that follows a `poll()` or `wait()` on a loop's thread that said a message is there (`if conn.poll():
conn.recv()`, the non-blocking read the linter leaves alone too). The waits these make inside (`os.waitpid`, the queue's own `recv_bytes()`) are the same call, not a second finding: the wrapper
marks the thread as blocked while it runs.
"""
from __future__ import annotations

import sys
import weakref
from asyncio.events import _get_running_loop
from types import ModuleType
from typing import Any, Callable, Optional

Wrap = Callable[..., Callable[..., Any]]
Replace = Callable[[Any, str, Callable[..., Any]], None]

_RECEIVES = ("recv", "recv_bytes", "recv_bytes_into")


def install(wrap: Wrap, replace: Replace, when_imported: Callable[[str, Callable[[ModuleType], None]], None]) -> None:
    def patch_process(process: ModuleType) -> None:
        base = process.BaseProcess
        replace(base, "join", wrap("ACK106", "multiprocessing.Process.join()", base.join,
                                   lambda proc, timeout=None: timeout != 0))

    def patch_connection(connection: ModuleType) -> None:
        base = connection._ConnectionBase
        for name in _RECEIVES:
            replace(base, name, wrap("ACK106", f"multiprocessing.connection.Connection.{name}()",
                                     getattr(base, name), _receive_waits))
        checked_poll = wrap("ACK106", "multiprocessing.connection.Connection.poll()", base.poll,
                            lambda conn, timeout=0.0: timeout != 0 and not _inside_queue_get(4))

        def poll(conn: Any, timeout: Optional[float] = 0.0) -> bool:
            ready = checked_poll(conn, timeout)
            if ready and _get_running_loop() is not None:
                _READY.add(conn)
            return ready

        poll.__wrapped__ = base.poll  # type: ignore[attr-defined]
        poll.__name__, poll.__doc__ = "poll", base.poll.__doc__
        if getattr(checked_poll, "asynccheck_code", None) is not None:
            poll.asynccheck_code = checked_poll.asynccheck_code  # type: ignore[attr-defined]
        replace(base, "poll", poll)

        # wait() is poll() for several ends (and sockets) at once: the same test, and the same note of what it found
        original_wait, own_file = connection.wait, connection.__file__
        checked_wait = wrap("ACK106", "multiprocessing.connection.wait()", original_wait,
                            lambda object_list, timeout=None: timeout != 0)

        def wait(object_list: Any, timeout: Optional[float] = None) -> Any:
            if sys._getframe(1).f_code.co_filename == own_file:
                # a pipe end's own poll() waits through it: poll(), or the queue's get() around it, decided already
                return original_wait(object_list, timeout)
            ready = checked_wait(object_list, timeout)
            if ready and _get_running_loop() is not None:
                _READY.update(end for end in ready if isinstance(end, base))
            return ready

        wait.__wrapped__ = connection.wait  # type: ignore[attr-defined]
        wait.__name__, wait.__doc__ = "wait", connection.wait.__doc__
        wait.__module__, wait.__qualname__ = connection.wait.__module__, connection.wait.__qualname__
        if getattr(checked_wait, "asynccheck_code", None) is not None:
            wait.asynccheck_code = checked_wait.asynccheck_code  # type: ignore[attr-defined]
        replace(connection, "wait", wait)

    def patch_queues(queues: ModuleType) -> None:
        _QUEUE_GETS.add(queues.Queue.get.__code__)
        replace(queues.Queue, "get", wrap("ACK106", "multiprocessing.Queue.get()", queues.Queue.get,
                                          lambda q, block=True, timeout=None: block and timeout != 0))

    when_imported("multiprocessing.process", patch_process)
    when_imported("multiprocessing.connection", patch_connection)
    when_imported("multiprocessing.queues", patch_queues)


# pipe ends a poll() on a loop's thread found a message waiting in: their next recv() takes it
_READY: "weakref.WeakSet[Any]" = weakref.WeakSet()
# A queue's get() reads its pipe through the connection's poll() and recv_bytes() (bound when the queue was made,
# so they are our wrappers): get() itself decides whether it waits (`get(block=False)`, `get(timeout=0)` do not).
_QUEUE_GETS: "set[Any]" = set()


def _receive_waits(conn: Any, *args: Any, **kwargs: Any) -> bool:
    if conn in _READY:
        _READY.discard(conn)
        return False
    return not _inside_queue_get(3)


def _inside_queue_get(depth: int) -> bool:
    # ``depth`` frames out: past this function, the `blocks` test, the wrapper (and poll()'s own), the caller
    return sys._getframe(depth).f_code in _QUEUE_GETS
