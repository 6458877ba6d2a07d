"""ACK301 at run time: coroutines finalized without ever running.

CPython reports them through ``warnings._warn_unawaited_coroutine(coro)``; replacing that function hands us the
coroutine. Where it was created: ``coro.cr_origin`` when origin tracking is on (precise, but it costs every
coroutine creation), otherwise the frame that was running when the object was freed, which for the usual
mistake (``notify(user)`` as a statement) is the very line, because the coroutine dies as the statement ends.
"""
from __future__ import annotations

import sys
import warnings
from typing import Any, Optional, Tuple

from asynccheck.runtime.patches import Patches
from asynccheck.runtime.recorder import Recorder


def _python_warning(coro: Any) -> None:
    """The RuntimeWarning Python itself gives, attributed to the same frame (calling the original from here
    would point the warning at this module)."""
    text = f"coroutine '{coro.__qualname__}' was never awaited"
    origin = getattr(coro, "cr_origin", None)
    if origin:
        where = "".join(f'  File "{f}", line {n}, in {fn}\n' for f, n, fn in reversed(origin))
        text += "\nCoroutine created at (most recent call last)\n" + where.rstrip("\n")
    warnings.warn(text, RuntimeWarning, stacklevel=3, source=coro)


class CoroutineDetector:
    def __init__(self, recorder: Recorder, track_origins: bool = False):
        self.recorder = recorder
        self.track_origins = track_origins
        self.collecting = False  # True while the session's own gc.collect() runs: the frame then means nothing
        self._saved_depth: Optional[int] = None

    def install(self, patches: Patches) -> None:
        if not self.recorder.wants("ACK301"):
            return
        original = getattr(warnings, "_warn_unawaited_coroutine", None)
        if original is None:  # pragma: no cover - every CPython since 3.8 has it
            return
        detector = self

        def _warn_unawaited_coroutine(coro: Any) -> None:
            try:
                detector.unawaited(coro, sys._getframe(1))
            finally:
                _python_warning(coro)

        patches.replace(warnings, "_warn_unawaited_coroutine", _warn_unawaited_coroutine)
        if self.track_origins:
            self._saved_depth = sys.get_coroutine_origin_tracking_depth()
            sys.set_coroutine_origin_tracking_depth(max(self._saved_depth, 8))

    def uninstall(self) -> None:
        if self._saved_depth is not None:
            sys.set_coroutine_origin_tracking_depth(self._saved_depth)
            self._saved_depth = None

    def unawaited(self, coro: Any, frame: Any) -> None:
        code = coro.cr_code
        name = getattr(code, "co_qualname", code.co_name)
        where = self._origin(coro)
        message = f"coroutine {name}() was created and never awaited, so its body never ran; add `await`"
        if where is not None:
            self.recorder.report("ACK301", message, None, where=where)
        elif not self.collecting and self.recorder.frames.user_frame(frame) is not None:
            self.recorder.report("ACK301", message, frame)
        else:
            self.recorder.report("ACK301", message + " (created at an unknown line; run with --track-origins to find it)",
                                 None, where=(code.co_filename, code.co_firstlineno))

    def _origin(self, coro: Any) -> Optional[Tuple[str, int]]:
        origin = getattr(coro, "cr_origin", None)
        if not origin:
            return None
        for filename, line, _function in origin:  # innermost first
            if self.recorder.frames.is_user(filename):
                return (filename, line)
        return None
