"""``[tool.asynccheck]`` from pyproject.toml: rule selection, per-file ignores, exclusions, extra knowledge.

Every key is checked: an unknown key or a value of the wrong shape is a ConfigError that names the key and file.
"""
from __future__ import annotations

import fnmatch
import functools
import os
import re
import sys
from pathlib import Path
from typing import Any, Callable, Dict, FrozenSet, Iterable, Mapping, Optional, Sequence, Tuple

from asynccheck import rules
from asynccheck.record import factory, record, replace

BLOCKING_CODES = tuple(r.code for r in rules.RULES if r.category == "blocking-call" and r.linter)

DEFAULT_EXCLUDE: Tuple[str, ...] = (
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", ".eggs", "*.egg-info", "__pycache__",
    "node_modules", "build", "dist", "site-packages", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    ".asynccheck_cache",
)


class ConfigError(Exception):
    """A configuration problem the user must fix; the message names the file and the key."""


@record(frozen=True)
class Config:
    root: Path = factory(Path.cwd)
    source: Optional[Path] = None
    select: Optional[Tuple[str, ...]] = None
    extend_select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    exclude: Tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: Tuple[str, ...] = ()
    blocking_calls: Tuple[Tuple[str, str], ...] = ()  # (qualified name, code)
    coroutine_functions: Tuple[str, ...] = ()
    stall_ms: float = 100.0
    hang_ms: float = 5000.0
    queue_threshold: int = 10_000
    include_site_packages: bool = False
    baseline: Optional[Path] = None  # findings recorded there are accepted (asynccheck.baseline)

    @property
    def enabled(self) -> FrozenSet[str]:
        return rules.resolve_selection(self.select, self.ignore, self.extend_select)

    def override(
        self,
        select: Optional[Sequence[str]] = None,
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
        **other: Any,
    ) -> "Config":
        """A copy with command-line choices on top: ``select`` replaces, the others add."""
        for sel in (*(select or ()), *ignore, *extend_select):
            try:
                rules.expand(sel)
            except rules.UnknownRule as exc:
                raise ConfigError(f"command line: {exc}") from None
        return replace(
            self,
            select=tuple(select) if select else self.select,
            ignore=self.ignore + tuple(ignore),
            extend_select=self.extend_select + tuple(extend_select),
            **{k: v for k, v in other.items() if v is not None},
        )

    def codes_for(self, path: Path) -> FrozenSet[str]:
        """Enabled codes for one file, after per-file ignores."""
        codes = self.enabled
        if not self.per_file_ignores:
            return codes
        rel = self.relative(path)
        for pattern, ignored in self.per_file_ignores:
            if _matches(pattern, rel):
                codes = codes - {r.code for sel in ignored for r in rules.expand(sel)}
        return codes

    def is_excluded(self, path: Path, base: Optional[Path] = None) -> bool:
        """Whether ``exclude``/``extend-exclude`` match ``path`` (relative to the project root, or to ``base``
        for files outside it)."""
        return _excluder(self.exclude + self.extend_exclude)(self.relative(path, base))

    def relative(self, path: Path, base: Optional[Path] = None) -> str:
        absolute = Path(os.path.abspath(path))
        for folder in (self.root, base):
            if folder is not None:
                try:
                    return absolute.relative_to(os.path.abspath(folder)).as_posix()
                except ValueError:
                    pass
        return absolute.name

    def fingerprint(self) -> str:
        """A stable digest of everything that changes lint results; part of the cache key."""
        data = {
            "enabled": sorted(self.enabled),
            "blocking": sorted(self.blocking_calls),
            "coroutines": sorted(self.coroutine_functions),
        }
        import hashlib
        import json

        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


@functools.lru_cache(maxsize=16)
def _excluder(patterns: Tuple[str, ...]) -> Callable[[str], bool]:
    """``any(_matches(p, rel, any_part=True) for p in patterns)`` as one regex over ``rel`` and a cached test of
    each of its parts: discovery asks it for every file, and pattern by pattern it was most of finding a large
    tree's files."""
    stripped = [p.rstrip("/") for p in patterns]
    whole = re.compile("|".join(f"(?:{fnmatch.translate(os.path.normcase(g))})"
                                for p in stripped for g in (p, p + "/*")) or "(?!)")
    names = re.compile("|".join(f"(?:{fnmatch.translate(os.path.normcase(p))})" for p in stripped if "/" not in p)
                       or "(?!)")

    @functools.lru_cache(maxsize=8192)
    def name_matches(part: str) -> bool:  # a tree's folder names repeat in every path under them
        return names.match(os.path.normcase(part)) is not None

    def excluded(rel: str) -> bool:
        return whole.match(os.path.normcase(rel)) is not None or any(name_matches(p) for p in rel.split("/"))

    return excluded


def _matches(pattern: str, rel: str, any_part: bool = False) -> bool:
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern + "/*"):
        return True
    if "/" not in pattern:
        parts = rel.split("/")
        return any(fnmatch.fnmatch(p, pattern) for p in (parts if any_part else parts[-1:]))
    return False


# --- reading and checking the TOML -------------------------------------------------------------------------


def _str_list(value: Any, where: str) -> Tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings, got {value!r}")
    return tuple(value)


def _selectors(value: Any, where: str) -> Tuple[str, ...]:
    items = _str_list(value, where)
    for item in items:
        try:
            rules.expand(item)
        except rules.UnknownRule as exc:
            raise ConfigError(f"{where}: {exc}") from None
    return items


def _per_file_ignores(value: Any, where: str) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    if not isinstance(value, Mapping):
        raise ConfigError(f'{where} must be a table of glob = [codes], e.g. {{"tests/*" = ["ACK101"]}}')
    return tuple((str(pattern), _selectors(codes, f"{where}.{pattern!r}")) for pattern, codes in value.items())


def _blocking_calls(value: Any, where: str) -> Tuple[Tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise ConfigError(f'{where} must be a table of "qualified.name" = "ACK1xx", e.g. {{"legacy.fetch" = "ACK102"}}')
    out = []
    for name, code in value.items():
        if not isinstance(code, str) or code.upper() not in BLOCKING_CODES:
            raise ConfigError(f"{where}.{name!r} must be one of {', '.join(BLOCKING_CODES)}, got {code!r}")
        out.append((str(name), code.upper()))
    return tuple(out)


def _positive(kind: Callable[[Any], Any]) -> Callable[[Any, str], Any]:
    def check(value: Any, where: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ConfigError(f"{where} must be a positive number, got {value!r}")
        return kind(value)

    return check


def _path(value: Any, where: str) -> Path:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: expected a path (a string), got {value!r}")
    return Path(value)


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where} must be true or false, got {value!r}")
    return value


# TOML key -> (Config field, checker)
KEYS: Dict[str, Tuple[str, Callable[[Any, str], Any]]] = {
    "select": ("select", _selectors),
    "extend-select": ("extend_select", _selectors),
    "ignore": ("ignore", _selectors),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "exclude": ("exclude", _str_list),
    "extend-exclude": ("extend_exclude", _str_list),
    "blocking-calls": ("blocking_calls", _blocking_calls),
    "coroutine-functions": ("coroutine_functions", _str_list),
    "stall-ms": ("stall_ms", _positive(float)),
    "hang-ms": ("hang_ms", _positive(float)),
    "queue-threshold": ("queue_threshold", _positive(int)),
    "include-site-packages": ("include_site_packages", _bool),
    "baseline": ("baseline", _path),
}


def from_table(table: Mapping[str, Any], source: Optional[Path], root: Path, prefix: str = "") -> Config:
    """A Config from an already-parsed ``[tool.asynccheck]`` table."""
    where_file = str(source) if source else "configuration"
    values: Dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            known = ", ".join(sorted(KEYS))
            raise ConfigError(f"{where_file}: unknown key '{prefix}{key}' (known keys: {known})")
        attr, check = KEYS[key]
        values[attr] = check(value, f"{where_file}: '{prefix}{key}'")
    if "baseline" in values:  # relative to the project root, as every path in the file is
        values["baseline"] = root / values["baseline"]
    return Config(root=root, source=source, **values)


def load_file(path: Path) -> Config:
    """Read one file: a pyproject.toml's ``[tool.asynccheck]`` table, or a whole asynccheck.toml."""
    # imported here: `asynccheck run` on a project without a configuration file never needs it
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.9/3.10 only
        import tomli as tomllib

    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("asynccheck", {})
        prefix = "tool.asynccheck."
    else:
        table, prefix = data, ""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: '{prefix.rstrip('.')}' must be a table")
    return from_table(table, path, path.parent.resolve(), prefix)


def find_config_file(start: Path) -> Optional[Path]:
    """The nearest asynccheck.toml, or pyproject.toml with a [tool.asynccheck] table, at or above ``start``."""
    start = Path(start).resolve()
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        own = folder / "asynccheck.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if "tool.asynccheck" in text:
                return pyproject
    return None


def discover(paths: Iterable[Path] = (), explicit: Optional[Path] = None) -> Config:
    """The configuration for a run over ``paths``: ``explicit`` if given, else the nearest file, else defaults."""
    if explicit is not None:
        return load_file(explicit)
    first = next(iter(paths), None)
    found = find_config_file(Path(first) if first is not None else Path.cwd())
    if found is not None:
        return load_file(found)
    root = Path(first).resolve() if first is not None else Path.cwd().resolve()
    return Config(root=root if root.is_dir() else root.parent)
