"""Which files a lint run reads, and the module name each one has inside its project."""
from __future__ import annotations

import os
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Iterable, List, Optional, Set, Tuple

from asynccheck.config import Config

PYTHON_SUFFIXES = (".py",)


def discover(paths: Iterable[Path], config: Config) -> Tuple[List[Path], List[str]]:
    """Python files under ``paths``, minus excluded and git-ignored ones; and the paths that do not exist.

    A file named explicitly is always checked: pre-commit and editors pass exactly the files they mean.
    """
    found: List[Path] = []
    missing: List[str] = []
    seen: Set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            candidates: Iterable[Path] = [path]
        elif path.is_dir():
            candidates = _walk(path, config)
        else:
            missing.append(str(raw))
            continue
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return sorted(found), missing


def _walk(folder: Path, config: Config) -> List[Path]:
    listed = _git_files(folder)
    if listed:  # none listed: not a work tree, or a folder git ignores that the user named on purpose
        return [p for p in listed if p.suffix in PYTHON_SUFFIXES and not config.is_excluded(p, folder)]
    out: List[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not config.is_excluded(here / d, folder))
        out.extend(
            here / f for f in sorted(filenames) if f.endswith(PYTHON_SUFFIXES) and not config.is_excluded(here / f, folder)
        )
    return out


def _git_files(folder: Path) -> Optional[List[Path]]:
    """Tracked and untracked-but-not-ignored files under ``folder``, or None outside a git work tree."""
    try:
        proc = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            cwd=folder, capture_output=True, timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    names = [n for n in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    return [folder / n for n in names if (folder / n).is_file()]


@lru_cache(maxsize=None)
def _is_package_dir(folder: Path) -> bool:
    return (folder / "__init__.py").is_file()


def module_name(path: Path) -> Tuple[str, bool]:
    """``pkg.sub.mod`` for pkg/sub/mod.py (walking up through __init__.py files), and whether it is a package."""
    path = Path(os.path.abspath(path))
    is_package = path.name == "__init__.py"
    parts = [] if is_package else [path.stem]
    folder = path.parent
    while _is_package_dir(folder) and folder.parent != folder:
        parts.append(folder.name)
        folder = folder.parent
    return ".".join(reversed(parts)) or path.stem, is_package
