"""A cache of per-file results keyed by the file's bytes and everything else that shapes its result.

Cross-module facts are not in a file's entry: they are decided afresh from the cached entries on each run,
so editing one module re-checks what depends on it without re-parsing anything else.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Optional

from asynccheck import __version__

_FORMAT = 4  # 3: blocking summaries carry argument conditions and signatures; 4: types from annotations


class Cache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.entries = self.folder / f"v{_FORMAT}-{__version__}"
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

    def put(self, key: str, result: Any) -> None:
        folder = self.entries / key[:2]
        try:
            if not self.folder.exists():
                self.folder.mkdir(parents=True, exist_ok=True)
                # keep the cache out of version control and backups, as ruff and pytest do
                (self.folder / ".gitignore").write_text("# created by asynccheck\n*\n")
                (self.folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / key)  # atomic: parallel runs never read half an entry
        except OSError:
            pass  # a read-only tree still lints, just without a cache
