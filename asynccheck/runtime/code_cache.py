"""The methods runtime/threads.py recompiles, kept on disk between runs: reading asyncio's source, parsing it and
compiling it again costs every ``asynccheck run`` tens of milliseconds, loading the result a fraction of one.

One file per interpreter and per content of the sources the result depends on (threads.py itself, which holds
the edits, and the asyncio modules whose source they read), in the user's cache folder
(``$XDG_CACHE_HOME/asynccheck/runtime``). Each entry also records the code of the method it was made from,
compared on load: a method replaced before the checker started (or a .pyc out of step with its source) is
recompiled. Nothing here may break the program: an unreadable, corrupt, foreign or unwritable cache is the
same as none, and the methods are compiled as before.

Files are read and written with ``os`` calls: ``open`` may be the checker's own wrapper by then (blocking.py),
and a session started inside a running loop must not see its own cache as the program's file I/O.
"""
from __future__ import annotations

import binascii
import marshal
import os
import sys
from types import CodeType
from typing import Any, Dict, Iterable, Optional, Tuple

# bumped when the file's layout changes (the transformations themselves are covered by threads.py's content)
_LAYOUT = 1
MISSING = object()  # no usable entry


def _folder() -> Optional[str]:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None  # no home (a service account): no cache
    return os.path.join(base, "asynccheck", "runtime")


def _fingerprint(code: CodeType) -> Tuple[Any, ...]:
    """What must be equal for a cached result to stand for ``code``'s method."""
    return (code.co_code, code.co_filename, code.co_firstlineno, code.co_name, code.co_consts)


class CodeCache:
    """``get``/``put`` code objects by (class, method, variant) for one set of sources; ``save`` writes what is
    new. Used for one installation, then dropped."""

    def __init__(self, sources: Iterable[Optional[str]], folder: Optional[str] = None):
        self.entries: Dict[str, Any] = {}
        self.changed = False
        self.path: Optional[str] = None
        folder = folder if folder is not None else _folder()
        digest = _digest(sources)
        if folder is None or digest is None:
            return  # a source that cannot be read: results cannot be told apart, so none is kept
        tag = sys.implementation.cache_tag or sys.implementation.name
        self.path = os.path.join(folder, f"recompiled-{tag}-{digest}.marshal")
        self.stamp = (_LAYOUT, sys.version, digest)  # (the name says the same, almost surely: checked anyway)
        self.entries = self._load()

    def get(self, key: str, original: CodeType) -> Any:
        """The cached result for ``key`` made from ``original``: a code object, None (not recompilable), or
        ``MISSING``."""
        entry = self.entries.get(key)
        if type(entry) is not tuple or len(entry) != 2 or entry[0] != _fingerprint(original):
            return MISSING
        result = entry[1]
        return result if result is None or type(result) is CodeType else MISSING

    def put(self, key: str, original: CodeType, result: Optional[CodeType]) -> None:
        if self.path is not None:
            self.entries[key] = (_fingerprint(original), result)
            self.changed = True

    def save(self) -> None:
        """Write the file if anything is new (atomically: another process may be reading it); errors are ignored."""
        if not self.changed or self.path is None:
            return
        self.changed = False
        temporary = f"{self.path}.{os.getpid()}.tmp"
        try:
            data = marshal.dumps((self.stamp, self.entries))
            os.makedirs(os.path.dirname(self.path), mode=0o700, exist_ok=True)
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            finally:
                os.close(fd)
            os.replace(temporary, self.path)
        except Exception:
            try:
                os.unlink(temporary)
            except Exception:
                pass

    def _load(self) -> Dict[str, Any]:
        try:
            fd = os.open(self.path, os.O_RDONLY)  # type: ignore[arg-type]
        except Exception:  # none yet, or a path the system refuses
            return {}
        try:
            info = os.fstat(fd)
            if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
                return {}  # not written by this user: not loaded (it holds code)
            chunks = []
            while True:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
            stamp, entries = marshal.loads(b"".join(chunks))
        except Exception:  # unreadable, truncated, or not ours
            return {}
        finally:
            os.close(fd)
        return entries if stamp == self.stamp and type(entries) is dict else {}



def _digest(sources: Iterable[Optional[str]]) -> Optional[str]:
    """A checksum of the files' contents (and sizes), as hex; None when one cannot be read."""
    crc, sizes = binascii.crc32(sys.version.encode()), []
    for path in sources:
        if not path:
            return None
        try:
            fd = os.open(path, os.O_RDONLY)
        except Exception:
            return None
        try:
            data = b""
            while True:
                chunk = os.read(fd, 1 << 17)
                if not chunk:
                    break
                data += chunk
        except OSError:
            return None
        finally:
            os.close(fd)
        crc = binascii.crc32(data, crc)
        sizes.append(len(data))
    return f"{crc:08x}{binascii.crc32(repr(sizes).encode()):08x}"
