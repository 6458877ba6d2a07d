"""What the user silenced in the source: `# noqa`, `# noqa: ACK101,ACK1`, `# asynccheck: skip-file`, another
linter's or a type checker's own silencing of the same diagnosis (`# noqa: ASYNC230`, `# type:
ignore[unused-coroutine]`), and the configuration's
per-file ignores. Both engines read them here, so a comment that silences the linter silences
the runtime checker too (this module never imports libcst: `asynccheck run` must not pay for it)."""
from __future__ import annotations

import linecache
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Dict, FrozenSet, Iterable, Optional, Tuple

from asynccheck.rules import BY_PEER
from asynccheck.unpatched import read_bytes

if TYPE_CHECKING:
    from asynccheck.config import Config

# compiled on first use (``SKIP_FILE``, ``_NOQA``): `asynccheck run` pays for them only when a finding is made
_PATTERNS = {
    "SKIP_FILE": (r"^[ \t]*#[ \t]*asynccheck:[ \t]*skip-file\b", re.MULTILINE),
    "_NOQA": (r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE),
    "_CHECKER_IGNORE": (r"#\s*(?:type|pyright):\s*ignore\[(?P<codes>[^\]]*)\]", 0),
}

# A type checker's codes for the very diagnosis a rule makes: the author who silenced the checker there has
# looked (mostly because the value is not what its annotation says: a driver's sync `close()` behind an async
# Protocol), so asynccheck saying it again is noise.
_CHECKER_CODES = {"unused-coroutine": "ACK301", "reportUnusedCoroutine": "ACK301"}


def __getattr__(name: str) -> "re.Pattern[str]":
    if name not in _PATTERNS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    pattern = globals()[name] = re.compile(*_PATTERNS[name])
    return pattern


def _pattern(name: str) -> "re.Pattern[str]":
    return globals().get(name) or __getattr__(name)

Noqa = Dict[int, Optional[FrozenSet[str]]]


def noqa_lines(text: str) -> Noqa:
    """Line -> codes silenced there (None: every code), from `# noqa` and `# noqa: ACK101,ACK102` comments."""
    found: Noqa = {}
    noqa = "noqa" in text or "NOQA" in text
    checker = "ignore[" in text
    if not noqa and not checker:
        return found
    for number, line in enumerate(text.splitlines(), 1):
        if "#" not in line:
            continue
        match = _pattern("_NOQA").search(line) if noqa else None
        if match is not None:
            codes = match.group("codes")
            found[number] = None if codes is None else _own_codes(c.upper() for c in re.split(r"[,\s]+", codes) if c)
        if checker and "ignore[" in line:
            _add_checker_codes(found, number, line)
    return found


def _own_codes(codes: Iterable[str]) -> FrozenSet[str]:
    """The codes of a noqa comment, with another linter's code for a diagnosis of ours (`ASYNC230`, or a prefix
    of such codes, `ASYNC23`) standing for our rules that make it."""
    own = set()
    for code in codes:
        own.add(code)
        if not code.startswith("ACK"):
            own.update(ours for peer, rules in BY_PEER.items() if peer.startswith(code) for ours in rules)
    return frozenset(own)


def _add_checker_codes(found: Noqa, number: int, line: str) -> None:
    match = _pattern("_CHECKER_IGNORE").search(line)
    if match is None:
        return
    codes = {_CHECKER_CODES[c.strip()] for c in match.group("codes").split(",") if c.strip() in _CHECKER_CODES}
    if codes and found.get(number, frozenset()) is not None:
        found[number] = found.get(number, frozenset()) | codes


def silenced(noqa: Noqa, line: int, code: str) -> bool:
    if line not in noqa:
        return False
    codes = noqa[line]
    return codes is None or code in codes or any(code.startswith(c) for c in codes)


def skips_file(text: str) -> bool:
    return "asynccheck" in text and _pattern("SKIP_FILE").search(text) is not None


class SourceSuppressions:
    """Decides, for a finding made at run time, whether its file's comments or the per-file ignores silence it.
    Each file is read once, while the program runs: with the functions of asynccheck/unpatched.py, by ``read``
    (``source_text`` unless given: the runtime reads them where no descriptor of the program's is taken)."""

    def __init__(self, config: "Config", read: Optional[Callable[[str], str]] = None):
        self.config = config
        self._read = read or source_text
        self._files: Dict[str, Tuple[bool, Noqa, FrozenSet[str]]] = {}

    def allows(self, code: str, path: str, line: int) -> bool:
        known = self._files.get(path)
        if known is None:
            text = self._read(path)
            known = self._files[path] = (skips_file(text), noqa_lines(text), self.config.codes_for(Path(path)))
        skipped, noqa, enabled = known
        return not skipped and code in enabled and not silenced(noqa, line, code)


def source_text(path: str) -> str:
    try:
        return read_bytes(path).decode("utf-8-sig", "replace")  # (comments are ASCII in any source encoding)
    except OSError:
        pass
    try:
        return "".join(linecache.getlines(path))  # code with no file of its own, which its compiler registered
    except Exception:  # (linecache stats the name: the program's replacement may raise anything)
        return ""
