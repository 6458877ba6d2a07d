"""One lint run: find the files, check the ones the cache does not know (in parallel), then decide what
depends on the whole project and position those findings."""
from __future__ import annotations

import multiprocessing
import hashlib
import os
import sys
import threading
import traceback
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Optional, Sequence, Tuple

from asynccheck.config import Config
from asynccheck.findings import FileError, Finding, Related, Report, merge
from asynccheck.lint.cache import Cache
from asynccheck.lint.definitions import Definitions
from asynccheck.lint.engine import analyze, locate, silenced
from asynccheck.lint.results import Candidate, FileResult, Knowledge
from asynccheck.lint.files import discover, module_name
from asynccheck.lint.messages import helper_definition
from asynccheck.lint.project import ProjectIndex, decide

Item = Tuple[str, bytes, str, bool]  # display path, source, module name, is a package
_RECURSION_LIMIT = 20_000  # deeply nested expressions are valid Python; the walkers recurse per level

_worker_state: Dict[str, object] = {}


def _init_worker(known: Knowledge, roots: FrozenSet[str]) -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), _RECURSION_LIMIT))
    _worker_state["known"] = known
    _worker_state["roots"] = roots


def _work(task: tuple) -> Tuple[int, FileResult]:
    i, path, source, module, is_package, enabled = task
    return i, analyze(source, path, module, is_package, enabled, _worker_state["known"], _worker_state["roots"])


def project_root(path: Path, config: Config) -> Path:
    """The folder a file's project lives in: where its configuration is, else the nearest folder with a
    pyproject.toml, setup.cfg, setup.py or .git, else the folder of its top-level package."""
    if config.source is not None:
        return config.root
    here = Path(os.path.abspath(path)).parent
    for folder in (here, *here.parents):
        if any((folder / marker).exists() for marker in ("pyproject.toml", "setup.cfg", "setup.py", ".git")):
            return folder
    while (here / "__init__.py").exists() and here.parent != here:
        here = here.parent
    return here


def display_path(path: Path) -> str:
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute.startswith(cwd + os.sep):
        return os.path.relpath(absolute, cwd)
    return str(path)


_PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git", ".hg", "tox.ini")


def default_cache_dir(config: Config) -> Path:
    """The cache belongs to the project, not to whichever folder is linted: beside the configuration file, else
    at the nearest folder that looks like a project's root, else in the user's cache directory."""
    if config.source is not None:
        return config.root / ".asynccheck_cache"
    start = Path(os.path.abspath(config.root))
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in _PROJECT_MARKERS):
            return folder / ".asynccheck_cache"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    digest = hashlib.sha256(str(start).encode()).hexdigest()[:16]
    return Path(base) / "asynccheck" / digest


class Run:
    def __init__(self, config: Config, jobs: Optional[int] = None, use_cache: bool = True,
                 cache_dir: Optional[Path] = None):
        self.config = config
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.cache = Cache(cache_dir or default_cache_dir(config)) if use_cache else None
        self.known = Knowledge.with_extras(config.blocking_calls, config.coroutine_functions)
        self.results: List[FileResult] = []
        self.items: List[Item] = []
        self.roots: FrozenSet[str] = frozenset()
        self.confirmed: Dict[str, List[Tuple[int, str]]] = {}  # path -> cross-module findings (call index, code)

    def check_paths(self, paths: Sequence[Path]) -> Report:
        """Lint ``paths``. When files are named one by one (pre-commit, editors, flake8), the rest of their
        project is read too, from the cache where it can be, so that cross-module facts stay right; only the
        named files are reported."""
        files, missing = discover(paths, self.config)
        errors = [FileError(m, "no such file or directory", kind="read") for m in missing]
        named = [Path(p) for p in paths if Path(p).is_file()]
        wanted = None
        if named:
            wanted = {os.path.abspath(f) for f in files}
            extra, _ = discover([project_root(named[0], self.config)], self.config)
            files = files + [f for f in extra if os.path.abspath(f) not in wanted]
        items: List[Item] = []
        for path in files:
            try:
                source = path.read_bytes()
            except OSError as exc:
                errors.append(FileError(display_path(path), f"cannot read: {exc.strerror or exc}", kind="read"))
                continue
            module, is_package = module_name(path)
            items.append((display_path(path), source, module, is_package))
        report = self.check_sources(items)
        if wanted is not None:
            report.findings = [f for f in report.findings if os.path.abspath(f.path) in wanted]
            report.errors = [e for e in report.errors if os.path.abspath(e.path) in wanted]
        report.errors = errors + report.errors
        return report.sorted()

    def check_sources(self, items: Sequence[Item]) -> Report:
        roots = frozenset(module.split(".")[0] for _, _, module, _ in items)
        self.items, self.roots = list(items), roots
        fingerprint = self.config.fingerprint()
        results: List[Optional[FileResult]] = [None] * len(items)
        enabled_of: List[FrozenSet[str]] = []
        todo = []
        for i, (path, source, module, is_package) in enumerate(items):
            enabled = self.config.codes_for(Path(path))
            enabled_of.append(enabled)
            key = Cache.key(source, path, module, is_package, sorted(enabled), sorted(roots), fingerprint)
            cached = self.cache.get(key) if self.cache is not None else None
            if cached is not None:
                results[i] = cached
            else:
                todo.append((key, (i, path, source, module, is_package, enabled)))
        for i, result in self._analyze([task for _, task in todo], roots):
            results[i] = result
        if self.cache is not None:
            for key, task in todo:
                self.cache.put(key, results[task[0]])
        done = [r for r in results if r is not None]
        self.results = done
        return self._finish(items, done, enabled_of)

    def _analyze(self, tasks: List[tuple], roots: FrozenSet[str]) -> Iterator[Tuple[int, FileResult]]:
        if self.jobs > 1 and len(tasks) >= 4 * self.jobs:
            chunk = max(1, len(tasks) // (self.jobs * 8))
            with multiprocessing.get_context(_start_method()).Pool(
                self.jobs, initializer=_init_worker, initargs=(self.known, roots)
            ) as pool:
                yield from pool.imap_unordered(_work, tasks, chunksize=chunk)
            return
        saved = sys.getrecursionlimit()
        _init_worker(self.known, roots)
        try:
            for task in tasks:
                yield _work(task)
        finally:
            sys.setrecursionlimit(saved)

    def _finish(self, items: Sequence[Item], results: List[FileResult], enabled_of: List[FrozenSet[str]]) -> Report:
        index = ProjectIndex(results)
        modules: Dict[str, Tuple[str, Optional[bytes]]] = {r.module: (r.path, None) for r in results}
        modules.update((module, (path, source)) for path, source, module, _ in items)
        definitions = Definitions(modules)
        findings: List[Finding] = []
        errors: List[FileError] = []
        for (path, source, module, is_package), result, enabled in zip(items, results, enabled_of):
            if result.error is not None:
                errors.append(result.error)
                continue
            findings.extend(result.findings)
            try:
                confirmed = decide(index, result, enabled)
                located = self._locate(source, module, is_package, [(c[0], c[1]) for c in confirmed]) if confirmed else {}
            except Exception:  # a bug in asynccheck: report it, keep the file's own findings and go on
                errors.append(FileError(path, "internal error: " + traceback.format_exc(limit=-3).strip(), kind="internal"))
                continue
            helpers = {c.index: c for c in result.candidates if c.kind == "helper"}
            for call_index, code, message in confirmed:
                if call_index not in located:
                    continue
                (line, col, end_line, end_col), fixable = located[call_index]
                if not silenced(result.noqa, line, code):
                    related = _helper_related(index, definitions, helpers.get(call_index))
                    findings.append(Finding(code, path, line, col + 1, message, end_line, end_col + 1,
                                            fixable=fixable, related=related))
                    self.confirmed.setdefault(path, []).append((call_index, code))
        return Report(merge(findings), errors).sorted()


    def _locate(self, source: bytes, module: str, is_package: bool, wanted: List[Tuple[int, str]]) -> Dict[int, tuple]:
        """Positions of confirmed calls; cached, since finding them means parsing the file again."""
        key = Cache.key(source, "locate", module, is_package, sorted(wanted))
        located = self.cache.get(key) if self.cache is not None else None
        if located is None:
            located = locate(source, module, is_package, wanted)
            if self.cache is not None:
                self.cache.put(key, located)
        return located


def _helper_related(index: ProjectIndex, definitions: Definitions, cand: Optional[Candidate]) -> Tuple[Related, ...]:
    """Where the blocking helper a finding blames is defined: readers go there, and the text report sums up
    the findings that blame the same one."""
    chain = index.blocking_chain(cand.target, cand.args) if cand is not None else None
    if chain is None:
        return ()
    real = index.kind(cand.target)[1]
    where = definitions.locate(real)
    if where is None:
        return ()
    code, steps, _ = chain
    return (Related(where[0], where[1], helper_definition(code, index.display(real), steps), role="helper"),)


def _start_method() -> str:
    # fork is cheapest, and safe while this process has no other thread (the usual CLI case); otherwise, and
    # off Linux, the platform's default
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn" if sys.platform.startswith("linux") else multiprocessing.get_start_method()
