"""Code the checker compiles, kept on disk between runs.

- The methods runtime/threads.py recompiles: reading asyncio's source, parsing it and compiling it again costs
  every ``asynccheck run`` tens of milliseconds, loading the result a fraction of one. One file per interpreter
  and per version of the sources the result depends on (threads.py itself, which holds the edits, and the asyncio
  modules whose source they read), told by their paths, sizes and modification times.
- The program's modules that site_calls.py compiles with their call sites checked, one file per module path.

Both live in the user's cache folder (``$XDG_CACHE_HOME/asynccheck/runtime``). Each entry also records what it
was made from (the method's code; the module's path and content), compared on load: a method replaced before the
checker started, a .pyc out of step with its source, or an edited module is compiled again. Nothing here may
break the program: an unreadable, corrupt, foreign or unwritable cache is the same as none, and the code is
compiled as before.

Files are read and written with ``os`` calls: ``open`` may be the checker's own wrapper by then (blocking.py),
and a session started inside a running loop must not see its own cache as the program's file I/O.
"""
from __future__ import annotations

import binascii
import marshal
import os
import sys
from types import CodeType
from typing import Any, Callable, Dict, Iterable, Optional, Tuple

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

    def fact(self, key: str, compute: Callable[[], bool]) -> bool:
        """A yes/no answer read from the same sources (``compute()`` when not cached yet, then kept)."""
        entry = self.entries.get(key)
        if type(entry) is bool:
            return entry
        answer = bool(compute())
        if self.path is not None:
            self.entries[key] = answer
            self.changed = True
        return answer

    def save(self) -> None:
        """Write the file if anything is new; errors are ignored."""
        if self.changed and self.path is not None:
            self.changed = False
            _write(self.path, marshal.dumps((self.stamp, self.entries)))

    def _load(self) -> Dict[str, Any]:
        try:
            stamp, entries = marshal.loads(_read(self.path))  # type: ignore[arg-type]
        except Exception:  # none yet, unreadable, truncated, or not ours
            return {}
        return entries if stamp == self.stamp and type(entries) is dict else {}


class ModuleCodeCache:
    """The program's own modules as site_calls.py compiles them (call sites checked), one file per module path:
    parsing a module to a tree and compiling the tree costs several times what compiling its source does, and
    ``marshal`` loads the result in a fraction of a millisecond. An entry stands for one path, one content of the
    module and one content of the sources the rewriting depends on (``salt_sources``)."""

    def __init__(self, salt_sources: Iterable[Optional[str]], folder: Optional[str] = None):
        self.folder = folder if folder is not None else _folder()
        self.salt = _digest(salt_sources)
        self.tag = sys.implementation.cache_tag or sys.implementation.name

    def get(self, path: str, source: bytes) -> Any:
        """The code cached for ``path`` holding ``source``: a code object, None (nothing to check), or MISSING."""
        where = self._where(path)
        if where is None:
            return MISSING
        try:
            stamp, code = marshal.loads(_read(where))  # type: ignore[arg-type]
        except Exception:
            return MISSING
        if stamp != self._stamp(path, source) or not (code is None or type(code) is CodeType):
            return MISSING
        return code

    def put(self, path: str, source: bytes, code: Optional[CodeType]) -> None:
        where = self._where(path)
        if where is not None:
            _write(where, marshal.dumps((self._stamp(path, source), code)))

    def _where(self, path: str) -> Optional[str]:
        if self.folder is None or self.salt is None:
            return None
        name = binascii.crc32(path.encode("utf-8", "surrogateescape"))
        return os.path.join(self.folder, f"checked-{self.tag}-{name:08x}.marshal")

    def _stamp(self, path: str, source: bytes) -> Tuple[Any, ...]:
        # (the path is in the stamp: two paths whose checksums collide share a file, never an entry)
        return (_LAYOUT, sys.version, self.salt, path, binascii.crc32(source), len(source))


def _read(path: str) -> bytes:
    """The file's bytes; raises when there is none or it was not written by this user (it holds code)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        info = os.fstat(fd)
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            raise PermissionError(path)
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _write(path: str, data: bytes) -> None:
    """Write atomically (another process may be reading the file); errors are ignored: the cache is only time."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except Exception:
        try:
            os.unlink(temporary)
        except Exception:
            pass


def _digest(sources: Iterable[Optional[str]]) -> Optional[str]:
    """A checksum of the files' paths, sizes and modification times (what Python's own .pyc files are checked
    by), as hex; None when one cannot be read. Not their contents: reading and summing ~190 KB cost every run
    ~0.5M instructions of start-up (callgrind, 3.11) and the reads, for the same answer."""
    crc, stamps = binascii.crc32(sys.version.encode()), []
    for path in sources:
        if not path:
            return None
        try:
            found = os.stat(path)
        except Exception:
            return None
        crc = binascii.crc32(os.fsencode(path), crc)
        stamps.append((found.st_size, found.st_mtime_ns))
    return f"{crc:08x}{binascii.crc32(repr(stamps).encode()):08x}"
