"""A cache of per-file results keyed by the file's bytes and everything else that shapes its result.

Cross-module facts are not in a file's entry: they are decided afresh from the cached entries on each run,
so editing one module re-checks what depends on it without re-parsing anything else.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Any, Optional

from asynccheck import __version__

_FORMAT = 6  # 3: argument conditions and signatures; 4: decorator effects; 5: types from annotations; 6: types across modules


def _code_stamp() -> str:
    """What the linter's own code is: its version, and for a source checkout or an editable install the size
    and time of each of its modules, so that changing the linter (not only releasing it) empties the cache."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for module in sorted(package.rglob("*.py")):
        try:
            stat = module.stat()
        except OSError:
            continue
        digest.update(f"{module.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


class Cache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.entries = self.folder / f"v{_FORMAT}-{__version__}-{_code_stamp()}"
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(source: bytes, *parts: object) -> str:
        digest = hashlib.sha256(source)
        digest.update(repr(parts).encode())
        return digest.hexdigest()

    def get(self, key: str) -> Optional[Any]:
        try:
            with open(self.entries / key[:2] / key, "rb") as fh:
                result = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def _drop_other_versions(self) -> None:
        """Entries written by another version of the linter are never read again: the first write of this one
        removes them, so the cache does not grow with every upgrade or edit of the linter."""
        for other in self.folder.glob("v*"):
            if other != self.entries and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)

    def put(self, key: str, result: Any) -> None:
        folder = self.entries / key[:2]
        try:
            if not self.folder.exists():
                self.folder.mkdir(parents=True, exist_ok=True)
                # keep the cache out of version control and backups, as ruff and pytest do
                (self.folder / ".gitignore").write_text("# created by asynccheck\n*\n")
                (self.folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
            if not self.entries.exists():
                self._drop_other_versions()
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / key)  # atomic: parallel runs never read half an entry
        except OSError:
            pass  # a read-only tree still lints, just without a cache
