"""What the user silenced in the source: `# noqa`, `# noqa: ACK101,ACK1`, `# asynccheck: skip-file`, another
linter's or a type checker's own silencing of the same diagnosis (`# noqa: ASYNC230`, ruff's `# ruff:
ignore[asyncio-dangling-task]`, `file-ignore`, `disable`/`enable` ranges and `# ruff: noqa: RUF006`, flake8's
`# flake8: noqa`, `# type: ignore[unused-coroutine]`), and the configuration's per-file ignores. Both engines read them here, so a comment that silences the linter silences
the runtime checker too (this module never imports libcst: `asynccheck run` must not pay for it)."""
from __future__ import annotations

import linecache
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Dict, FrozenSet, Iterable, Optional, Tuple

from asynccheck.rules import BY_PEER, PEER_NAMES
from asynccheck.unpatched import read_bytes

if TYPE_CHECKING:
    from asynccheck.config import Config

# compiled on first use (``SKIP_FILE``, ``_NOQA``): `asynccheck run` pays for them only when a finding is made
_PATTERNS = {
    "SKIP_FILE": (r"^[ \t]*#[ \t]*asynccheck:[ \t]*skip-file\b", re.MULTILINE),
    "_NOQA": (r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE),
    "_CHECKER_IGNORE": (r"#\s*(?:type|pyright):\s*ignore\[(?P<codes>[^\]]*)\]", 0),
    "_RUFF": (r"#\s*ruff\s*:\s*(?P<kind>ignore|file-ignore|disable|enable)\[(?P<codes>[^\]]*)\]", 0),
    "_RUFF_NOQA": (r"^\s*#\s*ruff\s*:\s*(?i:noqa)(?:\s*:\s*(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?\s*$", 0),
    # flake8 skips a file with this line (own-line, `noqa` not followed by codes): so does the plugin it runs
    "_FLAKE8_SKIP": (r"^[ \t]*#[ \t]*flake8[:=][ \t]*noqa(?:[ \t]|$)", re.MULTILINE | re.IGNORECASE),
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


FILE = 0  # the key of a Noqa for codes silenced in the whole file (lines count from 1)


def noqa_lines(text: str) -> Noqa:
    """Line -> codes silenced there (None: every code), from `# noqa` and `# noqa: ACK101,ACK102` comments, the
    checkers' and ruff's own comments; ``FILE``: the codes silenced everywhere in the file."""
    found: Noqa = {}
    noqa = "noqa" in text or "NOQA" in text
    checker = "ignore[" in text
    ruff = "ruff" in text
    if not noqa and not checker and not ruff:
        return found
    for number, line in enumerate(text.splitlines(), 1):
        if "#" not in line:
            continue
        match = _pattern("_NOQA").search(line) if noqa else None
        if match is not None:
            codes = match.group("codes")
            _add(found, number, None if codes is None else _own_codes(re.split(r"[,\s]+", codes)))
        if checker and "ignore[" in line:
            _add_checker_codes(found, number, line)
    if ruff:
        _add_ruff_comments(found, text)
    return found


def _add(found: Noqa, line: int, codes: Optional[FrozenSet[str]]) -> None:
    if line in found and (found[line] is None or codes is None):
        found[line] = None
    elif codes is None or codes:
        found[line] = codes if line not in found else found[line] | codes


def _own_codes(codes: Iterable[str]) -> FrozenSet[str]:
    """The codes of a noqa comment, with another linter's code for a diagnosis of ours (`ASYNC230`, or a prefix
    of such codes, `ASYNC23`) standing for our rules that make it."""
    own = set()
    for code in (c.strip().upper() for c in codes):
        if not code:
            continue
        own.add(code)
        if not code.startswith("ACK"):
            own.update(ours for peer, rules in BY_PEER.items() if peer.startswith(code) for ours in rules)
    return frozenset(own)


def _add_checker_codes(found: Noqa, number: int, line: str) -> None:
    match = _pattern("_CHECKER_IGNORE").search(line)
    if match is None:
        return
    codes = {_CHECKER_CODES[c.strip()] for c in match.group("codes").split(",") if c.strip() in _CHECKER_CODES}
    _add(found, number, frozenset(codes))


def _ruff_codes(listed: str) -> FrozenSet[str]:
    """Ours for what a ruff comment lists: codes (ruff's, flake8-async's, ours) or ruff's rule names."""
    named = (PEER_NAMES.get(item.strip(), item.strip()) for item in listed.split(","))
    return _own_codes(code for code in named if re.fullmatch(r"[A-Z]+[0-9]+", code))  # (another rule's name: none)


def _add_ruff_comments(found: Noqa, text: str) -> None:
    """ruff's own comments (its docs, "Error suppression"): `# ruff: ignore[...]` at the end of a line silences that
    line, on a line of its own the next statement (all its lines); `file-ignore[...]` and `# ruff: noqa: ...` the
    file; `disable[...]` up to the `enable[...]` with the same list at the same indentation, or else up to the first
    line indented less; a bare `# ruff: noqa` every rule of ours that makes a diagnosis ruff makes."""
    lines = text.splitlines()
    pending: FrozenSet[str] = frozenset()  # own-line ignores waiting for their statement
    ranges: list = []  # open disables: (indentation, the list as written, codes, first line)
    statements: Optional[Dict[int, int]] = None
    for number, line in enumerate(lines, 1):
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if stripped and not stripped.startswith("#"):
            for opened in [r for r in ranges if indent < r[0]]:  # an implicit end: the block is left
                _silence_range(found, opened[2], opened[3], number - 1)
                ranges.remove(opened)
            if pending:
                if statements is None:
                    statements = _statement_ends(text)
                _silence_range(found, pending, number, statements.get(number, number))
                pending = frozenset()
        if "ruff" not in line or "#" not in line:
            continue
        if stripped.startswith("#"):
            whole = _pattern("_RUFF_NOQA").match(line)
            if whole is not None:
                listed = whole.group("codes")
                everything = frozenset(code for peer in PEER_NAMES.values() for code in BY_PEER.get(peer, ()))
                _add(found, FILE, everything if listed is None else _own_codes(re.split(r"[,\s]+", listed)))
                continue
        for match in _pattern("_RUFF").finditer(line):
            kind, listed = match.group("kind"), match.group("codes")
            codes = _ruff_codes(listed)
            if kind == "file-ignore":
                _add(found, FILE, codes)
            elif kind == "ignore":
                if stripped.startswith("#"):
                    pending |= codes
                else:
                    _add(found, number, codes)
            elif kind == "disable":
                ranges.append((indent, _listed(listed), codes, number))
            else:
                for opened in [r for r in ranges if r[0] == indent and r[1] == _listed(listed)][-1:]:
                    _silence_range(found, opened[2], opened[3], number)
                    ranges.remove(opened)
    for opened in ranges:
        _silence_range(found, opened[2], opened[3], len(lines))


def _listed(listed: str) -> Tuple[str, ...]:
    return tuple(item.strip() for item in listed.split(",") if item.strip())


def _silence_range(found: Noqa, codes: FrozenSet[str], first: int, last: int) -> None:
    if codes:
        for number in range(first, last + 1):
            _add(found, number, codes)


def _statement_ends(text: str) -> Dict[int, int]:
    """First line of each logical line -> its last (a bracketed or continued statement spans several)."""
    import io
    import tokenize

    ends: Dict[int, int] = {}
    start = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type in (tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING):
                continue
            if start is None:
                start = token.start[0]
            if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                ends[start] = token.start[0]
                start = None
    except (tokenize.TokenError, SyntaxError):  # (an unparsable file: each statement is its first line)
        pass
    return ends


def silenced(noqa: Noqa, line: int, code: str) -> bool:
    for key in (line, FILE):
        if key in noqa:
            codes = noqa[key]
            if codes is None or code in codes or any(code.startswith(c) for c in codes):
                return True
    return False


def skips_file(text: str) -> bool:
    return ("asynccheck" in text and _pattern("SKIP_FILE").search(text) is not None
            or "flake8" in text and _pattern("_FLAKE8_SKIP").search(text) is not None)


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
