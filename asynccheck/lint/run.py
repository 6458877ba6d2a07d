"""One lint run: find the files, check the ones the cache does not know (in parallel), then decide what
depends on the whole project and position those findings."""
from __future__ import annotations

import gc
import multiprocessing
import hashlib
import os
import sys
import threading
import traceback
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Dict, FrozenSet, Iterator, List, Optional, Sequence, Tuple

from asynccheck.config import Config
from asynccheck.findings import FileError, Finding, Related, Report, distinct
from asynccheck.lint import stubs
from asynccheck.record import replace
from asynccheck.lint.cache import Cache
from asynccheck.lint.definitions import Definitions
from asynccheck.lint.engine import analyze, locate, silenced
from asynccheck.lint.facts import shown
from asynccheck.lint.results import Candidate, FileResult, Knowledge
from asynccheck.lint.files import discover, module_name
from asynccheck.lint.order import dependency_order
from asynccheck.lint.messages import helper_definition
from asynccheck.lint.importers import Importers
from asynccheck.lint.ondemand import OnDemandIndex
from asynccheck.lint.project import ProjectIndex, decide

Item = Tuple[str, bytes, str, bool]  # display path, source, module name, is a package
_RECURSION_LIMIT = 20_000  # deeply nested expressions are valid Python; the walkers recurse per level

_worker_state: Dict[str, object] = {}


def _init_worker(known: Knowledge, roots: FrozenSet[str], locate_candidates: bool = False) -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), _RECURSION_LIMIT))
    _worker_state["known"] = known
    _worker_state["roots"] = roots
    _worker_state["locate"] = locate_candidates


def _work(task: tuple) -> Tuple[int, FileResult]:
    i, path, source, module, is_package, enabled = task[:6]
    facts, exported = (task[6], task[7]) if len(task) > 6 else (None, None)
    # A syntax tree is hundreds of thousands of objects made at once: the cyclic collector, run every few hundred
    # allocations, would walk it again and again while it is parsed and checked (a quarter of the parse's time).
    # Paused per file, it runs once after the file, and still frees the file's cycles (scopes) there.
    collecting = gc.isenabled()
    gc.disable()
    # A parsed tree holds no cycles: frozen as soon as it is made, it is freed all the same when the check lets go
    # of it, and the collection after the file does not walk it (trees kept for a second check, see
    # ``check_sources``, were four in five of the objects those collections walked on the bench's corpus).
    parsed = gc.freeze if _worker_state.get("freeze") else None
    # Candidates the index known so far confirms are positioned with the tree at hand: a confirmed candidate
    # positioned by nobody costs a second parse of its file at the end (see Run._locate).
    confirming = _worker_state.get("confirming")
    confirms = (lambda result: confirming(result, enabled)) if confirming is not None else None
    try:
        return i, analyze(source, path, module, is_package, enabled, _worker_state["known"], _worker_state["roots"],
                          _worker_state.get("locate", False), facts, _worker_state.get("live"),
                          _worker_state.get("trees"), parsed, confirms, exported)
    finally:
        if collecting:
            if _worker_state.get("freeze"):
                gc.collect(0)  # the file's cycles, while they are all the young generation holds
                gc.freeze()
            gc.enable()


MAX_ROUNDS = 3  # a value that reaches a file through more modules than this (one per round) stays unknown


def answer(index: ProjectIndex, key: str, assumed: Optional[tuple], extra: FrozenSet[str] = frozenset()):
    """What the project says about the value ``key``, where that differs from what the asker assumed and can
    change a finding (``extra``: what the configuration adds to the rules' knowledge); None otherwise."""
    value = index.fact(key)
    if value is not None and value[0] != "fwd" and value != assumed and index.useful(value, extra):
        return value
    return None


def _module_of(key: str, modules) -> bool:
    """Does the fact ``key`` come from one of ``modules``?"""
    head = key.partition("(")[0]
    while head:
        if head in modules:
            return True
        head = head.rpartition(".")[0]
    return False


def answers(index: ProjectIndex, result: FileResult, extra: FrozenSet[str] = frozenset()) -> Dict[str, tuple]:
    """The facts a file's check should have been given: the answers to every question it asked."""
    facts: Dict[str, tuple] = {}
    for key, assumed in result.asked.items():
        value = answer(index, key, assumed, extra)
        if value is not None:
            facts[key] = value
    return facts


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
        # the configuration's blocking and coroutine functions, and the types that own them (see run.answers)
        self.extra_names = frozenset(part for name in (*self.known.blocking, *self.known.coroutines)
                                     for part in (name, name.rpartition(".")[0]))
        self.results: List[FileResult] = []
        self.items: List[Item] = []
        self.roots: FrozenSet[str] = frozenset()
        self.confirmed: Dict[str, List[Tuple[int, str]]] = {}  # path -> cross-module findings (call index, code)
        self.on_demand: Optional[OnDemandIndex] = None  # the index of a run over named files
        # position candidates while checking: worth it where few files are checked (named files), not on a tree
        self.locate_candidates = False
        # A memoised getter's reads in loop code are one finding: at the first read in the project when the whole
        # tree is linted, at the first read of each file when files are named one by one (flake8, pre-commit,
        # the language server). A file alone cannot tell whether another module reads the getter earlier, and
        # reading every module to find out would cost a whole run per file; so each file reports its own first
        # read, the same in every per-file tool, whatever the rest of the project does.
        self.memo_per_file = False
        # kept between calls of check_paths on one Run (the flake8 plugin asks file by file): each project's
        # files and module names, and the results of the modules read for their facts, by absolute path
        self._projects: Dict[str, tuple] = {}
        self._facts: Dict[str, FileResult] = {}
        # told (files done, files in all) as files are checked: the command line's progress display
        self.progress: Optional[Callable[[int, int], None]] = None

    def check_paths(self, paths: Sequence[Path]) -> Report:
        """Lint ``paths``. When files are named one by one (pre-commit, editors, flake8), cross-module facts
        still come from the rest of their project, but only from the modules those facts need (see
        ``ondemand``); only the named files are reported."""
        files, missing = discover(paths, self.config)
        errors = [FileError(m, "no such file or directory", kind="read") for m in missing]
        named = [Path(p) for p in paths if Path(p).is_file()]
        if named:
            report = self._check_named(files, named)
        else:
            items = self._read(files, errors)
            report = self.check_sources(items)
        report.errors = errors + report.errors
        return report.sorted()

    def _read(self, files: Sequence[Path], errors: List[FileError]) -> List[Item]:
        items: List[Item] = []
        for path in files:
            try:
                source = path.read_bytes()
            except OSError as exc:
                errors.append(FileError(display_path(path), f"cannot read: {exc.strerror or exc}", kind="read"))
                continue
            module, is_package = module_name(path)
            items.append((display_path(path), source, module, is_package))
        return items

    def _check_named(self, files: Sequence[Path], named: Sequence[Path]) -> Report:
        """Check ``files`` (the named files, and the folders' files if folders were named too) against the
        project of the first named file, whose other modules are read only when a fact needs them."""
        root = str(project_root(named[0], self.config))
        known = self._projects.get(root)
        if known is None or any(os.path.abspath(f) not in known[0] for f in files):
            project = {os.path.abspath(f): f for f in discover([Path(root)], self.config)[0]}
            project.update({os.path.abspath(f): f for f in files})
            order = sorted(project, key=Path)  # the order a run over the whole folder merges its index in
            names = [module_name(project[a]) for a in order]
            modules: Dict[str, List[int]] = {}
            for rank, (module, _) in enumerate(names):
                modules.setdefault(module, []).append(rank)
            roots = frozenset(module.split(".")[0] for module, _ in names)
            rank_of = {a: i for i, a in enumerate(order)}
            importers = Importers([project[a] for a in order], names)
            known = self._projects[root] = (project, order, names, modules, roots, rank_of, importers)
        project, order, names, modules, roots, rank_of, importers = known
        read_errors: List[FileError] = []
        items = self._read(files, read_errors)
        ranks = [rank_of[os.path.abspath(path)] for path, _, _, _ in items]
        fingerprint = self.config.fingerprint()

        def load(rank: int) -> FileResult:
            done = self._facts.get(order[rank])
            if done is not None:
                return done
            path = project[order[rank]]
            shown = display_path(path)
            module, is_package = names[rank]
            try:
                source = path.read_bytes()
            except OSError:  # the whole-tree run leaves it out too
                return FileResult(path=shown, module=module)
            done = self._facts[order[rank]] = self._check_one(shown, source, module, is_package, roots, fingerprint)
            if done.asked and self.on_demand is not None:  # what it asked of other modules, as a whole run would
                wanted, self.on_demand.users_wanted = self.on_demand.users_wanted, False
                try:
                    for _ in range(MAX_ROUNDS):
                        facts = answers(self.on_demand, done, self.extra_names)
                        if facts == done.facts:
                            break
                        done = self._check_one(shown, source, module, is_package, roots, fingerprint, facts)
                finally:
                    self.on_demand.users_wanted = wanted
                self._facts[order[rank]] = done
            return done

        def index(results: List[FileResult]) -> ProjectIndex:
            self.on_demand = OnDemandIndex(list(zip(ranks, results)), modules, load, importers.of,
                                           [module for _, _, module, _ in items])
            return self.on_demand

        self.locate_candidates = self.memo_per_file = True
        try:
            report = self.check_sources(items, roots, index)
        finally:
            self.locate_candidates = self.memo_per_file = False
        for (path, _, _, _), result in zip(items, self.results):
            self._facts.setdefault(os.path.abspath(path), result)
        report.errors = read_errors + report.errors
        return report

    def _check_one(self, path: str, source: bytes, module: str, is_package: bool, roots: FrozenSet[str],
                   fingerprint, facts: Optional[Dict[str, tuple]] = None) -> FileResult:
        """One file checked in this process, through the cache."""
        enabled = self.config.codes_for(Path(path))
        key = Cache.key(source, path, module, is_package, sorted(enabled), sorted(roots), fingerprint,
                        *((sorted(facts.items()),) if facts else ()))
        result = self.cache.get(key) if self.cache is not None else None
        if result is None:
            saved = sys.getrecursionlimit()
            sys.setrecursionlimit(max(saved, _RECURSION_LIMIT))
            try:
                result = analyze(source, path, module, is_package, enabled, self.known, roots, facts=facts)
            finally:
                sys.setrecursionlimit(saved)
            if self.cache is not None:
                self.cache.put(key, result)
        return result

    def check_sources(self, items: Sequence[Item], roots: Optional[FrozenSet[str]] = None,
                      index: Callable[[List[FileResult]], ProjectIndex] = ProjectIndex) -> Report:
        """Check ``items``; ``roots`` (the project's top-level names) default to theirs, and ``index`` builds
        the project index from their results."""
        if roots is None:
            roots = frozenset(module.split(".")[0] for _, _, module, _ in items)
        self.items, self.roots = list(items), roots
        fingerprint = self.config.fingerprint()
        if self.cache is not None:
            stubs.recall(self.cache)
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
        finished, total = len(items) - len(todo), len(items)
        live = None
        if index is ProjectIndex and not self._parallel(todo) and len(items) > 1:
            # one process: check modules after those they import, asking the index of what is done so far
            live = ProjectIndex([r for r in results if r is not None])
            order = dependency_order([(task[3], task[4], task[2]) for _, task in todo])
            todo = [todo[i] for i in order]
            _worker_state["live"] = lambda key, assumed: answer(live, key, assumed, self.extra_names)

            def confirms(result: FileResult, enabled: FrozenSet[str]) -> bool:
                live.add(result)  # (its own helpers decide many of its candidates; adding it again below is harmless)
                return bool(decide(live, result, enabled))

            _worker_state["confirming"] = confirms
            # a file that asked about a module not checked yet (an import cycle) may be checked again: keep its tree
            _worker_state["trees"] = trees = {}
            pending = {task[3] for _, task in todo}
        try:
            for i, result in self._analyze([task for _, task in todo], roots):
                results[i] = result
                if live is not None:
                    live.add(result)
                    pending.discard(result.module)
                    if not any(_module_of(key, pending) for key in result.asked):
                        trees.pop(result.path, None)
                finished += 1
                if self.progress is not None:
                    self.progress(finished, total)
        finally:
            _worker_state.pop("live", None)
            _worker_state.pop("trees", None)
            _worker_state.pop("confirming", None)
        self._trees = trees if live is not None else {}
        if self.cache is not None:
            for key, task in todo:
                self.cache.put(key, results[task[0]])
        done = [r for r in results if r is not None]
        if any(r.asked for r in done):
            done = self._settle(items, done, enabled_of, roots, fingerprint, index(done))
        self._trees = {}
        self.results = done
        with _frozen_heap():
            report = self._finish(items, done, enabled_of, index(done))
        if self.cache is not None:
            stubs.keep(self.cache)
        return report

    def _settle(self, items: Sequence[Item], results: List[FileResult], enabled_of: List[FrozenSet[str]],
                roots: FrozenSet[str], fingerprint, types: ProjectIndex) -> List[FileResult]:
        """Check again, with the facts ``types`` gives (see ``interface``), the files that asked other modules
        about values and were told something they did not assume; rounds go on while answers lead to new
        questions. What a file exports does not depend on its facts, so every round asks the same index."""
        results = list(results)
        self._trees = getattr(self, "_trees", {})
        asking = range(len(results))  # the files whose questions may have other answers than they were given
        whole = type(types) is ProjectIndex  # (not an on-demand index, which reads more modules as it is asked)
        for _ in range(MAX_ROUNDS):
            todo, changed = [], []
            for i in asking:
                result = results[i]
                if not result.asked or result.error is not None:
                    continue
                facts = answers(types, result, self.extra_names)
                if facts == result.facts:
                    continue
                changed.append(i)
                path, source, module, is_package = items[i]
                key = Cache.key(source, path, module, is_package, sorted(enabled_of[i]), sorted(roots), fingerprint,
                                sorted(facts.items()))
                cached = self.cache.get(key) if self.cache is not None else None
                if cached is not None:
                    results[i] = cached
                else:
                    # (what it exports is the same with any facts: taken from the check before, see engine._EXPORTED)
                    todo.append((key, (i, path, source, module, is_package, enabled_of[i], facts, result)))
            if not changed:
                break
            _worker_state["trees"] = self._trees
            if not self._parallel(todo):
                _worker_state["confirming"] = lambda result, enabled: bool(decide(types, result, enabled))
                if whole:
                    # questions the check asks anew are answered as they come, as in the first pass, instead of
                    # by one more round (an on-demand index would check other files in the middle of this one)
                    _worker_state["live"] = lambda key, assumed: answer(types, key, assumed, self.extra_names)
            try:
                for i, result in self._analyze([task for _, task in todo], roots):
                    results[i] = result
            finally:
                _worker_state.pop("trees", None)
                _worker_state.pop("confirming", None)
                _worker_state.pop("live", None)
            if self.cache is not None:
                for key, task in todo:
                    self.cache.put(key, results[task[0]])
            # The same index answers every round: only a file checked again (or taken from the cache) this round
            # has new questions, unless the index reads more modules as it is asked (the on-demand one)
            if whole:
                asking = changed
        return results

    def _parallel(self, tasks: Sequence) -> bool:
        return self.jobs > 1 and len(tasks) >= 4 * self.jobs

    def _analyze(self, tasks: List[tuple], roots: FrozenSet[str]) -> Iterator[Tuple[int, FileResult]]:
        if self._parallel(tasks):
            yield from self._in_workers(tasks, roots)
            return
        saved = sys.getrecursionlimit()
        _init_worker(self.known, roots, self.locate_candidates)
        # What outlives a file here (its result, the index, trees kept for import cycles) is frozen after it:
        # otherwise each full collection walks every result so far again, a quarter of the time spent besides
        # parsing on a large tree (4 collections of 0.3-1.2 s on the bench's corpus). Frozen objects are still
        # freed when their last reference goes; only cycles among them wait for the unfreeze below. Left alone
        # if the caller froze objects of its own: unfreezing would hand them back to the collector.
        freezing = gc.isenabled() and gc.get_freeze_count() == 0
        _worker_state["freeze"] = freezing
        try:
            for task in tasks:
                yield _work(task)
        finally:
            sys.setrecursionlimit(saved)
            _worker_state.pop("freeze", None)
            if freezing:
                gc.unfreeze()

    def _in_workers(self, tasks: List[tuple], roots: FrozenSet[str]) -> Iterator[Tuple[int, FileResult]]:
        """The tasks' results from ``self.jobs`` worker processes. A worker that dies (killed, out of memory, a
        crash in an extension module) breaks the pool instead of leaving the run waiting for its files forever:
        what was not finished is then analysed one file at a time, each in a worker of its own, and a file its
        worker dies on is reported as an error of that file."""
        done = set()
        try:
            with self._pool(self.jobs, roots) as pool:
                for i, result in pool.map(_work, tasks, chunksize=max(1, len(tasks) // (self.jobs * 8))):
                    done.add(i)
                    yield i, result
            return
        except BrokenProcessPool:
            pass
        for task in tasks:
            if task[0] in done:
                continue
            try:
                with self._pool(1, roots) as pool:
                    yield pool.submit(_work, task).result()
            except BrokenProcessPool:
                i, path, _, module = task[:4]
                yield i, FileResult(path, module, error=FileError(
                    path, "internal error: the worker process checking this file died (killed, out of memory, or "
                    "crashed); the other files were checked", kind="internal"))

    def _pool(self, workers: int, roots: FrozenSet[str]) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(_start_method()),
                                   initializer=_init_worker, initargs=(self.known, roots, self.locate_candidates))

    def _finish(self, items: Sequence[Item], results: List[FileResult], enabled_of: List[FrozenSet[str]],
                index: ProjectIndex) -> Report:
        modules: Dict[str, Tuple[str, Optional[bytes]]] = {r.module: (r.path, None) for r in results}
        modules.update((module, (path, source)) for path, source, module, _ in items)
        definitions = Definitions(modules, self.cache)
        findings: List[Finding] = []
        errors: List[FileError] = []
        # a getter that stores what it builds (`@cached_property`, `if self._x is None: self._x = ...`) runs its
        # work at the first read of each instance; most such objects live as long as the program (a config, a
        # client), so every later read anywhere is free: one finding, at the first read site in the project
        # (files named one by one keep one finding per file: see ``memo_per_file``)
        first_read: Dict[tuple, tuple] = {}  # getter -> ((path, line, col), finding or None, (path, call, code))
        reads: Dict[tuple, int] = {}  # getter -> its confirmed reads in loop code
        for (path, source, module, is_package), result, enabled in zip(items, results, enabled_of):
            if result.error is not None:
                errors.append(result.error)
                continue
            findings.extend(result.findings)
            try:
                confirmed = decide(index, result, enabled)
                located = self._locate(source, module, is_package, result, [(c[0], c[1]) for c in confirmed]) if confirmed else {}
            except Exception:  # a bug in asynccheck: report it, keep the file's own findings and go on
                errors.append(FileError(path, "internal error: " + traceback.format_exc(limit=-3).strip(), kind="internal"))
                continue
            helpers = {c.index: c for c in result.candidates if c.kind == "helper"}
            for call_index, code, message in confirmed:
                if call_index not in located:
                    continue
                (line, col, end_line, end_col), fixable = located[call_index]
                finding = None
                if not silenced(result.noqa, line, code):
                    related = _helper_related(index, definitions, helpers.get(call_index), enabled)
                    finding = Finding(code, path, line, col + 1, shown(message), end_line, end_col + 1,
                                      fixable=fixable, related=related)
                getter = _memoised_read(index, helpers.get(call_index))
                if getter is not None:
                    getter = (getter, path if self.memo_per_file else "")
                    reads[getter] = reads.get(getter, 0) + 1
                    if getter not in first_read or (path, line, col) < first_read[getter][0]:
                        first_read[getter] = (path, line, col), finding, (path, call_index, code)
                elif finding is not None:
                    findings.append(finding)
                    self.confirmed.setdefault(path, []).append((call_index, code))
        for getter, (_, finding, (path, call_index, code)) in first_read.items():
            if finding is not None:
                if reads[getter] > 1:
                    others = f"{reads[getter] - 1} other reads of it in loop code are" if reads[getter] > 2 else \
                        "1 other read of it in loop code is"
                    finding = replace(finding, message=finding.message + " (the getter stores what it builds, so "
                                      f"only a first read runs it: {others} not reported)")
                findings.append(finding)
                self.confirmed.setdefault(path, []).append((call_index, code))
        return Report(distinct(findings), errors).sorted()


    def _locate(self, source: bytes, module: str, is_package: bool, result: FileResult,
                wanted: List[Tuple[int, str]]) -> Dict[int, tuple]:
        """Positions of confirmed calls: from the check itself when it positioned its candidates, else found by
        parsing the file again (cached)."""
        early = getattr(result, "located", None)  # results cached by an older asynccheck lack the field
        if early is not None and all(i in early and code in early[i][1] for i, code in wanted):
            return {i: (early[i][0], early[i][1][code]) for i, code in wanted}
        key = Cache.key(source, "locate", module, is_package, sorted(wanted))
        located = self.cache.get(key) if self.cache is not None else None
        if located is None:
            located = locate(source, module, is_package, wanted)
            if self.cache is not None:
                self.cache.put(key, located)
        return located


def _memoised_read(index: ProjectIndex, cand: Optional[Candidate]) -> Optional[str]:
    """The getter a confirmed read of a property runs, when that getter works once per instance."""
    if cand is None or cand.detail != "property":
        return None
    real = index.kind(cand.target)[1]
    return real if real in index.memoised else None


def _helper_related(index: ProjectIndex, definitions: Definitions, cand: Optional[Candidate],
                    enabled: FrozenSet[str]) -> Tuple[Related, ...]:
    """Where the blocking helper a finding blames is defined: readers go there, and the text report sums up
    the findings that blame the same one."""
    chain = index.blocking_chain(cand.target, cand.args, frozenset(enabled)) if cand is not None else None
    if chain is None:
        return ()
    real = index.kind(cand.target)[1]
    where = definitions.locate(real)
    if where is None:
        return ()
    code, steps, when, api = chain
    return (Related(where[0], where[1], helper_definition(code, index.display(real), steps, when, api),
                    role="helper"),)


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Every file's result is alive by now, and the last steps parse again (positions of findings, the lines of
    blamed helpers): each full collection they set off would walk all the results (1.8 s of a 28 s run on the
    bench's corpus, for one large module's `def` lines). Frozen, the results are left alone; what the steps
    allocate is collected as usual. Left alone if the caller froze objects of its own."""
    freezing = gc.isenabled() and gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()
    try:
        yield
    finally:
        if freezing:
            gc.unfreeze()


def _start_method() -> str:
    # fork is cheapest, and safe while this process has no other thread (the usual CLI case); otherwise, and
    # off Linux, the platform's default
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn" if sys.platform.startswith("linux") else multiprocessing.get_start_method()
