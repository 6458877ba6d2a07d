"""Linting an editor's buffer: the unsaved text of one file, checked with the facts of its whole project.

The language server calls this after each pause in typing, so it must be cheap on a warm project: the other
files' results come from the lint cache through a memory layer (a hash per file, no disk read or unpickle),
the file list and the configuration are remembered until they change, and only the buffer is parsed. The
buffer's own results stay in memory: written to the disk cache, every keystroke would leave an entry behind.
"""
from __future__ import annotations

import os
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Set, Tuple

from asynccheck import config as config_mod
from asynccheck.config import Config
from asynccheck.findings import FileError, Finding
from asynccheck.lint.cache import Cache
from asynccheck.lint.files import discover, module_name
from asynccheck.lint.results import FileResult
from asynccheck.lint.run import _PROJECT_MARKERS, Item, Run, default_cache_dir, display_path, project_root

FILE_LIST_SECONDS = 5.0  # a file created outside the editor joins the project's facts within this long
_MEMORY_ENTRIES = 20_000


class MemoryCache(Cache):
    """The disk cache with a bounded memory layer in front. Results of ``volatile`` paths (open buffers) are
    kept in memory only, and so are the positions of cross-module findings (their key does not say which file
    they belong to, and on a warm project only a changed file, mostly a buffer, needs them computed)."""

    def __init__(self, folder: Path):
        super().__init__(folder)
        self.memory: "OrderedDict[str, Any]" = OrderedDict()
        self.volatile: Set[str] = set()

    def get(self, key: str) -> Optional[Any]:
        found = self.memory.get(key)
        if found is not None:
            self.memory.move_to_end(key)
            self.hits += 1
            return found
        found = super().get(key)
        if found is not None:
            self._remember(key, found)
        return found

    def put(self, key: str, result: Any) -> None:
        self._remember(key, result)
        if isinstance(result, FileResult) and result.path not in self.volatile:
            super().put(key, result)

    def _remember(self, key: str, result: Any) -> None:
        self.memory[key] = result
        self.memory.move_to_end(key)
        while len(self.memory) > _MEMORY_ENTRIES:
            self.memory.popitem(last=False)


@dataclass
class BufferResult:
    """One buffer's findings (1-based positions in code points, as everywhere in asynccheck), or the reason
    it could not be checked; and what a fix needs to redo the check."""

    path: str  # the display path the run used
    text: str
    findings: List[Finding] = field(default_factory=list)
    error: Optional[FileError] = None
    run: Optional[Run] = None
    item: Optional[Item] = None


class Buffers:
    """Lints buffers of any number of projects; one per language server."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._configs: Dict[Tuple[str, float], Config] = {}
        self._files: Dict[str, Tuple[float, List[Path]]] = {}
        self._caches: Dict[Path, MemoryCache] = {}
        self._modules: Dict[str, Tuple[str, bool]] = {}  # absolute path -> (module name, is a package)

    def config_for(self, path: Path) -> Config:
        """The configuration of the file's project, read again whenever its file changes (keyed by mtime).
        Raises ConfigError for an invalid one."""
        found = config_mod.find_config_file(path)
        if found is None:
            return config_mod.discover([path])
        try:
            stamp = found.stat().st_mtime
        except OSError:
            stamp = -1.0
        key = (str(found), stamp)
        cfg = self._configs.get(key)
        if cfg is None:
            cfg = config_mod.load_file(found)
            self._configs = {k: v for k, v in self._configs.items() if k[0] != key[0]}
            self._configs[key] = cfg
        return cfg

    def forget_files(self) -> None:
        """Files were created or deleted: list every project's files afresh on the next lint."""
        self._files.clear()
        self._modules.clear()  # an __init__.py created or deleted changes the module names below it

    def _project_files(self, root: Path, cfg: Config) -> List[Path]:
        key = f"{root}\0{cfg.fingerprint()}\0{cfg.exclude + cfg.extend_exclude}"
        now = self.clock()
        listed = self._files.get(key)
        if listed is None or now - listed[0] > FILE_LIST_SECONDS:
            files, _ = discover([root], cfg)
            listed = (now, files)
            self._files[key] = listed
        return listed[1]

    def _cache(self, cfg: Config) -> MemoryCache:
        folder = default_cache_dir(cfg)
        cache = self._caches.get(folder)
        if cache is None:
            cache = self._caches[folder] = MemoryCache(folder)
        return cache

    def lint(self, path: Path, text: str, open_buffers: Mapping[str, str] = {}) -> BufferResult:
        """Check ``text`` as the content of ``path``. ``open_buffers`` (absolute path -> text) are other unsaved
        files of the project: their text is used in place of what is on disk. Raises ConfigError."""
        path = Path(os.path.abspath(path))
        cfg = self.config_for(path)
        root = project_root(path, cfg)
        files: List[Path] = []
        if cfg.source is not None or any((root / m).exists() for m in _PROJECT_MARKERS):
            files = [f for f in self._project_files(root, cfg) if os.path.abspath(f) != str(path)]
        # else a loose file (a script in ~/Downloads): its folder is no project, and walking it could take long
        run = Run(cfg, jobs=1, use_cache=False)
        run.memo_per_file = True  # as flake8 and other per-file tools report (Run.memo_per_file)
        cache = run.cache = self._cache(cfg)
        buffers = {os.path.abspath(p): t for p, t in open_buffers.items()}
        buffers[str(path)] = text
        cache.volatile = set()
        items: List[Item] = []
        for file in [path, *files]:
            absolute = os.path.abspath(file)
            shown = display_path(Path(absolute))
            if absolute in buffers:
                source = encode(buffers[absolute])
                cache.volatile.add(shown)
            else:
                try:
                    source = Path(absolute).read_bytes()
                except OSError:
                    continue  # deleted since the list was made: the next list will not have it
            named = self._modules.get(absolute)
            if named is None:
                named = self._modules[absolute] = module_name(Path(absolute))
            module, is_package = named
            items.append((shown, source, module, is_package))
        report = run.check_sources(items)
        shown = items[0][0]
        result = BufferResult(shown, text, run=run, item=items[0])
        result.findings = [f for f in report.findings if f.path == shown]
        result.error = next((e for e in report.errors if e.path == shown), None)
        return result


def encode(text: str) -> bytes:
    """A buffer's text as the bytes its file would hold: in the encoding its coding declaration names, which the
    engine decodes it with."""
    import io
    import tokenize

    data = text.encode("utf-8", "surrogatepass")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data if encoding in ("utf-8", "utf-8-sig") else text.encode(encoding)
    except (SyntaxError, LookupError, UnicodeError):
        return data  # an unknown or impossible declaration: the engine reports it, as for a file


def fix_text(result: BufferResult, unsafe: bool,
             where: Optional[Callable[[str, Tuple[int, int, int, int]], bool]] = None) -> Optional[str]:
    """The buffer's text with its fixes applied (only those ``where`` accepts, given a code and a 0-based-column
    span), or None when none applies or the result would not compile."""
    from asynccheck.lint.fix import fix_source

    run, item = result.run, result.item
    if run is None or item is None:
        return None
    shown, source, module, is_package = item
    try:
        fixed, _ = fix_source(source, module, is_package, run.config.codes_for(Path(shown)), run.known, run.roots,
                              run.confirmed.get(shown, ()), unsafe, where=where)
    except SyntaxError:
        return None
    return fixed
