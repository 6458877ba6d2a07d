"""Which files a lint run reads, and the module name each one has inside its project."""
from __future__ import annotations

import os
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set, Tuple

from asynccheck.config import Config
from asynccheck.lint.facts import project_module

PYTHON_SUFFIXES = (".py",)


def discover(paths: Iterable[Path], config: Config) -> Tuple[List[Path], List[str]]:
    """Python files under ``paths``, minus excluded and git-ignored ones; and the paths that do not exist.

    A file named explicitly is always checked: pre-commit and editors pass exactly the files they mean.
    """
    found: List[Path] = []
    missing: List[str] = []
    seen: Set[Path] = set()
    paths = [Path(raw) for raw in paths]
    listings = _git_listings([path for path in paths if path.is_dir()])
    for path in paths:
        if path.is_file():
            candidates: Iterable[Path] = [path]
        elif path.is_dir():
            candidates = _walk(path, config, listings.get(path))
        else:
            missing.append(str(path))
            continue
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return sorted(found), missing


def _walk(folder: Path, config: Config, listed: Optional[List[Path]] = None) -> List[Path]:
    if listed is None:
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


def _work_tree(folder: Path) -> Optional[Path]:
    """The nearest folder at or above ``folder`` with a .git (a folder, or a file in a worktree or submodule)."""
    here = Path(folder)
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _git_listings(folders: List[Path]) -> Dict[Path, List[Path]]:
    """What ``_git_files`` gives for each of ``folders``, from one `git ls-files` per work tree rather than one
    per folder (a run over a project's packages named one by one, `src tests docs`, paid a git process for each).
    A folder whose work tree is not found by its .git, or whose git call fails, is left to ``_git_files``."""
    trees: Dict[Path, List[Tuple[Path, str]]] = {}
    for folder in dict.fromkeys(folders):
        # by the real path, as git sees the folder it runs in: a symlinked folder is listed from its target's tree
        real = os.path.realpath(folder)
        tree = _work_tree(Path(real))
        if tree is not None:
            relative = os.path.relpath(real, tree)
            trees.setdefault(tree, []).append((folder, "" if relative == "." else relative.replace(os.sep, "/") + "/"))
    out: Dict[Path, List[Path]] = {}
    for tree, members in trees.items():
        if len(members) == 1:
            continue  # one folder: its own call, as before
        try:
            proc = subprocess.run(
                ["git", "--literal-pathspecs", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--",
                 *(prefix or "." for _, prefix in members)],
                cwd=tree, capture_output=True, timeout=30,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if proc.returncode != 0:
            continue
        names = [n for n in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
        for folder, prefix in members:
            mine = [n[len(prefix):] for n in names if n.startswith(prefix)]
            out[folder] = [folder / n for n in mine if (folder / n).is_file()]
    return out


@lru_cache(maxsize=None)
def _is_package_dir(folder: Path) -> bool:
    return (folder / "__init__.py").is_file()


_NAMESPACE_LEVELS = 3


@lru_cache(maxsize=None)
def _namespace_depth(folder: Path) -> int:
    """A folder without __init__.py is a namespace portion of the regular package above it (PEP 420: imported as
    `pkg.sub.mod`, and so named whether one file or the whole tree is linted, and not confused with another
    folder's `mod`) when a regular package follows within a few folders up: how many up, else 0. Elsewhere (a
    `scripts/` or `tests/` folder at the top) it is a folder of scripts run with it on the path."""
    here = folder.parent
    for level in range(1, _NAMESPACE_LEVELS + 1):
        if here.parent == here:
            return 0
        if _is_package_dir(here):
            return level
        here = here.parent
    return 0


def module_name(path: Path) -> Tuple[str, bool]:
    """``pkg.sub.mod`` for pkg/sub/mod.py (walking up through __init__.py files), and whether it is a package."""
    path = Path(os.path.abspath(path))
    is_package = path.name == "__init__.py"
    parts = [] if is_package else [path.stem]
    folder = path.parent
    while folder.parent != folder:
        if _is_package_dir(folder):
            parts.append(folder.name)
        elif _namespace_depth(folder):  # `pkg/assistants/main.py` (no __init__.py there) is `pkg.assistants.main`
            parts.append(folder.name)
        else:
            break
        folder = folder.parent
    name = ".".join(reversed(parts)) or path.stem
    # a top-level module named like a library shadows it (facts.SHADOW); a package so named is the library's own
    # source or a copy of it, whose tables still speak for it
    return (project_module(name) if "." not in name and not is_package else name), is_package
