"""ACK401 on the futures the program makes with ``loop.create_future()``: ``set_result``, ``set_exception`` and
``cancel`` called from a thread that is not the future's loop's, whether or not anything awaits it.

asyncio's future is a C type whose methods cannot be patched, and making every future a Python subclass costs
asyncio's own hot paths (a Queue getter, a Lock waiter, a stream's read waiter are futures; a C task awaiting a
subclass loses its fast path). Those futures need no check of their own: asyncio resolves them itself, on the
loop's thread, or on the thread where the program called the owning object's method (``Queue.put_nowait``...),
which is checked there (runtime/threads.py). The futures a program resolves by hand are the ones it made with
``loop.create_future()``: only those are made of the subclass below, told apart by the calling frame's file
(one frame look per ``create_future``, whatever calls it).

Without the subclass a foreign ``set_result`` is seen only when it schedules a waiter's wake-up through the
loop's ``call_soon`` (runtime/loop.py). With nothing waiting, the call itself races with the loop's thread
(``add_done_callback``, ``done()``, a waiter that starts to wait in between and is then never woken, since a
``call_soon`` from another thread does not wake a loop blocked in ``select``): it is reported all the same.
"""
from __future__ import annotations

import sys
from asyncio import base_events, events, futures
from typing import Any, Callable, Dict, List

from asynccheck.runtime.patches import Patches
from asynccheck.runtime.recorder import Recorder
from asynccheck.runtime.threads import ForeignObjects

_get_running_loop = events._get_running_loop
_getframe = sys._getframe
_Base = futures.Future
_set_result, _set_exception, _cancel = _Base.set_result, _Base.set_exception, _Base.cancel


def _not_installed(future: Any, method: str) -> None:
    pass


# [report(future, method)]: called when the calling thread's running loop is not the future's (set while installed)
_report: List[Callable[[Any, str], None]] = [_not_installed]


class Future(_Base):  # type: ignore[misc,valid-type]
    """asyncio's future, with the three methods that resolve it checked for the calling thread. Named as
    asyncio's, so that its repr is the same."""

    __slots__ = ()

    def set_result(self, result: Any) -> None:
        if self._loop is not _get_running_loop():
            _report[0](self, "set_result")
        _set_result(self, result)

    def set_exception(self, exception: Any) -> None:
        if self._loop is not _get_running_loop():
            _report[0](self, "set_exception")
        _set_exception(self, exception)

    def cancel(self, *args: Any, **kwargs: Any) -> bool:
        if self._loop is not _get_running_loop():
            _report[0](self, "cancel")
        return _cancel(self, *args, **kwargs)


# the frames of these methods are the checked call's own: loop.py's check of the call_soon they lead to skips them
CHECKED_CODES = frozenset(f.__code__ for f in (Future.set_result, Future.set_exception, Future.cancel))


class ProgramFutures:
    def __init__(self, recorder: Recorder):
        self.recorder = recorder
        self._user_files: Dict[str, bool] = {}

    def install(self, patches: Patches) -> None:
        if not self.recorder.wants("ACK401"):
            return
        _report[0] = ForeignObjects(self.recorder).foreign
        patches.replace(base_events.BaseEventLoop, "create_future", self._creating(None))

    def uninstall(self) -> None:
        _report[0] = _not_installed

    def patch_loop_class(self, loop_cls: type, patches: Patches) -> None:
        """The same on another loop class (uvloop's), whose ``create_future`` is its own."""
        if self.recorder.wants("ACK401"):
            patches.replace(loop_cls, "create_future", self._creating(loop_cls.create_future))

    def _creating(self, original: Any) -> Any:
        """``loop.create_future`` that makes the checked kind for the program's code, asyncio's for the rest.
        (On asyncio's loop ``original`` is None: the method is one line, made here, saving a call.)"""
        user_files, is_user, plain = self._user_files, self.recorder.frames.is_user, _Base

        def create_future(loop: Any) -> Any:
            filename = _getframe(1).f_code.co_filename
            user = user_files.get(filename)
            if user is None:
                user = user_files[filename] = is_user(filename)
            if user:
                return Future(loop=loop)
            return plain(loop=loop) if original is None else original(loop)

        create_future.__wrapped__ = original or base_events.BaseEventLoop.create_future  # type: ignore[attr-defined]
        create_future.__doc__ = "Create a Future object attached to the loop."
        return create_future

