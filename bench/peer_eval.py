"""Recall and precision of the linter on the peers' own public test files, read from local git mirrors.

Two suites, each as the peer's tests expect it:
- flake8-async: ``tests/eval_files/*.py``, asyncio flavour (files marked ``NOASYNCIO`` are left out, the base
  library is renamed to asyncio as the peer's harness does, ``ASYNCIO_NO_ERROR`` files expect nothing); expected
  errors are the ``# ASYNCnnn: col, ...`` / ``# error: ...`` comments on the lines;
- ruff: ``crates/ruff_linter/resources/test/fixtures/flake8_async/*.py`` and ``ruff/RUF006.py``, with the lines its
  snapshot files (``*.snap``) report.

Only the blocking-call codes (ACK1xx against ASYNC21x-25x) and the dangling-task codes (ACK302/303 against ASYNC300
and RUF006) are scored. An expected line counts only when the file binds the names its flagged call rests on
(``httpx.Client()`` in a file that never imports httpx is not an error an import-resolving linter can see). A
finding of ours on a line the peer does not expect counts against us, unless the peer's own comment on that line
(or the comment just above it, or above its function) calls it a known miss ("should error", "false negative").

The peers' files are never copied into the project: they are read from the mirrors at run time.

    python bench/peer_eval.py [--flake8-async DIR] [--ruff DIR] [-v]
"""
from __future__ import annotations

import argparse
import ast
import builtins
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Optional, Set, Tuple

from asynccheck import config as config_mod
from asynccheck import rules
from asynccheck.lint import lint_source

FLAKE8_ASYNC = Path("/work/.mirror/python-trio+flake8-async/repo")
RUFF = Path("/work/.mirror/astral-sh+ruff/repo")

BLOCKING_PEER = frozenset(
    "ASYNC210 ASYNC211 ASYNC212 ASYNC220 ASYNC221 ASYNC222 ASYNC230 ASYNC231 ASYNC232 ASYNC240 ASYNC250 "
    "ASYNC251".split()
)
DANGLING_PEER = frozenset({"ASYNC300", "RUF006"})
# peer code family -> our rule category
FAMILIES = (("blocking-call", BLOCKING_PEER), ("dangling-task", DANGLING_PEER))
KNOWN_MISS = re.compile(
    r"should (?:error|emit|raise|be flagged|trigger)|false negative|not handled|not implemented|covered by"
    r"|(?:aren't|are not|isn't|is not|not) tracked",
    re.IGNORECASE,
)
# a line the peer expects a finding on, in either peer's spelling
PEER_EXPECTATION = re.compile(r"#.*\b(?:ASYNC\d{3}|RUF\d{3}|error)\b")
# Which peer codes would cover a finding of ours: a finding no code the peer's file tests would cover (an `open()`
# in a file that tests only ASYNC232, file methods) is outside what that file asserts, and is listed apart.
# Codes with no peer counterpart (sockets, waits, nested loops) are always counted.
PEER_CODES: Dict[str, FrozenSet[str]] = {
    "ACK101": frozenset({"ASYNC251"}),
    "ACK102": frozenset({"ASYNC210", "ASYNC211", "ASYNC212"}),
    "ACK104": frozenset({"ASYNC220", "ASYNC221", "ASYNC222"}),
    "ACK107": frozenset({"ASYNC250"}),
    "ACK110": frozenset({"ASYNC240"}),
    "ACK302": DANGLING_PEER,
    "ACK303": DANGLING_PEER,
}
_OPENERS = re.compile(r"(?:^|\.)(?:open|fdopen|open_code)$")


def peer_codes(code: str, callee: str) -> Optional[FrozenSet[str]]:
    """The peer codes that would cover our finding ``code`` on a call of ``callee``; None: no peer code would."""
    if code == "ACK103":
        if _OPENERS.search(callee):
            return frozenset({"ASYNC230", "ASYNC231"})
        return frozenset({"ASYNC232", "ASYNC240"})
    return PEER_CODES.get(code)


# ---- reading a mirror (a bare git repository, or a plain checkout)

def read(repo: Path, path: str) -> str:
    if (repo / path).is_file():
        return (repo / path).read_text(encoding="utf-8")
    return subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{path}"], capture_output=True, text=True,
                          check=True).stdout


def listing(repo: Path, folder: str) -> List[str]:
    if (repo / folder).is_dir():
        return sorted(str(p.relative_to(repo)) for p in (repo / folder).iterdir())
    out = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "HEAD", folder],
                         capture_output=True, text=True, check=True).stdout
    return sorted(out.split())


def available(repo: Path) -> bool:
    if not repo.exists():
        return False
    probe = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True)
    return probe.returncode == 0 or (repo / "README.md").exists()


# ---- what each peer expects

@dataclass
class Case:
    suite: str
    name: str
    text: str
    expected: Dict[int, Set[str]]  # line -> peer codes
    columns: Dict[int, Set[int]] = field(default_factory=dict)  # line -> 0-based columns of the expected calls
    tested: Set[str] = field(default_factory=set)  # the codes the peer's test of this file enables


_MARKERS = ("NOANYIO", "NOTRIO", "NOASYNCIO", "ANYIO_NO_ERROR", "TRIO_NO_ERROR", "ASYNCIO_NO_ERROR",
            "BASE_LIBRARY")
_EXPECTED = re.compile(r"(error|ASYNC...)(_.*)?:([^#]*)(?=#|$)")


def _rename_library(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<!-)(?:\b|(?<=_)){old}\b", new, text)


def flake8_async_cases(repo: Path) -> Iterator[Case]:
    for path in listing(repo, "tests/eval_files"):
        if not path.endswith(".py"):
            continue
        text = read(repo, path)
        markers = set(re.findall(rf"# ({'|'.join(_MARKERS)})", text))
        if "NOASYNCIO" in markers:
            continue
        base = re.search(r"# BASE_LIBRARY (\w*)", text)
        base_library = base.group(1) if base else "trio"
        if base_library != "asyncio":
            text = _rename_library(text, base_library, "asyncio")
        file_code = Path(path).stem.upper().split("_")[0]
        tested = {file_code} if re.fullmatch(r"ASYNC\d{3}", file_code) else set()
        for enable in re.findall(r"# ARG --enable=(\S*)", text):
            tested = set(enable.split(","))  # as in the peer's harness, a later --enable replaces the default
        expected: Dict[int, Set[str]] = {}
        columns: Dict[int, Set[int]] = {}
        if "ASYNCIO_NO_ERROR" not in markers:
            for lineno, line in enumerate(text.split("\n"), 1):
                stripped = line.strip()
                if not stripped or stripped.startswith("#") or "#" not in stripped:
                    continue
                for code, _alt, args in _EXPECTED.findall(stripped):
                    code = file_code if code == "error" else code
                    expected.setdefault(lineno, set()).add(code)
                    col = re.match(r"\s*(\d+)", args)
                    if col:
                        columns.setdefault(lineno, set()).add(int(col.group(1)))
        tested |= {c for codes in expected.values() for c in codes}
        yield Case("flake8-async", Path(path).name, text, expected, columns, tested)


_SNAP_HEADER = re.compile(r"^([A-Z]+[0-9]{3}) ")
_SNAP_WHERE = re.compile(r"^\s*-->\s*(\S+?):(\d+):(\d+)")
_SNAP_OLD = re.compile(r"^(\S+\.py):(\d+):(\d+): ([A-Z]+[0-9]{3}) ")
_FIXTURES = "crates/ruff_linter/resources/test/fixtures"
_SNAPSHOTS = "crates/ruff_linter/src/rules"


def _snapshot(text: str) -> Iterator[Tuple[str, int, int]]:
    code = None
    for line in text.splitlines():
        old = _SNAP_OLD.match(line)
        if old:
            yield old.group(4), int(old.group(2)), int(old.group(3)) - 1
            continue
        header = _SNAP_HEADER.match(line)
        if header:
            code = header.group(1)
            continue
        where = _SNAP_WHERE.match(line)
        if where and code:
            yield code, int(where.group(2)), int(where.group(3)) - 1
            code = None


def ruff_cases(repo: Path) -> Iterator[Case]:
    snapshot_name = re.compile(r"__tests__([A-Z]+[0-9]{3})_(.+\.py)\.snap$")
    by_fixture: Dict[str, Case] = {}
    for rule_dir, fixture_dir in (("flake8_async", "flake8_async"), ("ruff", "ruff")):
        for snap in listing(repo, f"{_SNAPSHOTS}/{rule_dir}/snapshots"):
            match = snapshot_name.search(snap)
            if not match or match.group(1) not in BLOCKING_PEER | DANGLING_PEER:
                continue
            code, fixture = match.groups()
            fixture_path = f"{_FIXTURES}/{fixture_dir}/{fixture}"
            if fixture_path not in by_fixture:
                by_fixture[fixture_path] = Case("ruff", fixture, read(repo, fixture_path), {}, {})
            case = by_fixture[fixture_path]
            case.tested.add(code)
            for found_code, line, col in _snapshot(read(repo, snap)):
                if found_code == code:
                    case.expected.setdefault(line, set()).add(code)
                    case.columns.setdefault(line, set()).add(col)
    yield from by_fixture.values()


# ---- which expected lines an import-resolving linter can see

class Names:
    """Where each name of a module is bound, enough to ask "does this call rest on names the file binds?"."""

    def __init__(self, tree: ast.Module) -> None:
        self.bound: Set[str] = set()
        self.bindings: Dict[Tuple[int, str], List[Tuple[str, Optional[ast.AST]]]] = {}
        self.parent: Dict[int, Optional[ast.AST]] = {}
        self._scan(tree, tree)

    def _bind(self, scope: ast.AST, name: str, kind: str, node: Optional[ast.AST]) -> None:
        self.bound.add(name)
        self.bindings.setdefault((id(scope), name), []).append((kind, node))

    def _targets(self, scope: ast.AST, target: ast.AST, kind: str, node: Optional[ast.AST]) -> None:
        for sub in ast.walk(target):
            if isinstance(sub, ast.Name):
                self._bind(scope, sub.id, kind, node)

    def _scan(self, node: ast.AST, scope: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            self.parent[id(child)] = node
            inner = scope
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self._bind(scope, child.name, "def", None)
                inner = child
                self.parent[id(child)] = scope
                if not isinstance(child, ast.ClassDef):
                    args = child.args
                    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
                        if arg is not None:
                            self._bind(child, arg.arg, "annotation", arg.annotation)
            elif isinstance(child, ast.Lambda):
                inner = child
                self.parent[id(child)] = scope
                for arg in child.args.args:
                    self._bind(child, arg.arg, "annotation", None)
            elif isinstance(child, (ast.Import, ast.ImportFrom)):
                for alias in child.names:
                    self._bind(scope, (alias.asname or alias.name).split(".")[0], "import", None)
            elif isinstance(child, ast.Assign):
                for target in child.targets:
                    self._targets(scope, target, "value", child.value)
            elif isinstance(child, ast.AnnAssign):
                self._targets(scope, child.target, "annotation", child.annotation)
            elif isinstance(child, (ast.AugAssign, ast.NamedExpr)):
                self._targets(scope, child.target, "value", child.value)
            elif isinstance(child, (ast.For, ast.AsyncFor, ast.comprehension)):
                self._targets(scope, child.target, "value", child.iter)
            elif isinstance(child, ast.withitem) and child.optional_vars is not None:
                self._targets(scope, child.optional_vars, "value", child.context_expr)
            elif isinstance(child, ast.ExceptHandler) and child.name:
                self._bind(scope, child.name, "def", None)
            elif isinstance(child, (ast.Global, ast.Nonlocal)):
                for name in child.names:
                    self._bind(scope, name, "def", None)
            self._scan(child, inner)

    def scope_of(self, node: ast.AST) -> List[ast.AST]:
        """The scopes from ``node``'s innermost outwards."""
        chain = []
        current = self.parent.get(id(node))
        while current is not None:
            if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Module)):
                chain.append(current)
            current = self.parent.get(id(current))
        return chain

    def resolvable(self, name: str, at: ast.AST, seen: Set[str]) -> bool:
        if name in seen:
            return True
        seen = seen | {name}
        if name not in self.bound:
            return hasattr(builtins, name)
        for scope in self.scope_of(at):
            found = self.bindings.get((id(scope), name))
            if found:
                return all(self._binding_ok(kind, node, at, seen) for kind, node in found)
        return True  # bound in a class body or a sibling scope: not something a call here rests on

    def _binding_ok(self, kind: str, node: Optional[ast.AST], at: ast.AST, seen: Set[str]) -> bool:
        if node is None or kind in ("def", "import"):
            return True
        if kind == "annotation":
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                try:
                    node = ast.parse(node.value, mode="eval").body
                except SyntaxError:
                    return True
            return all(self.resolvable(n.id, at, seen) for n in ast.walk(node) if isinstance(n, ast.Name))
        return self.expression_ok(node, at, seen)

    def expression_ok(self, node: ast.AST, at: ast.AST, seen: Set[str]) -> bool:
        """A value rests on known names: a call on its callee, a name on its own bindings."""
        if isinstance(node, ast.Call):
            return self.expression_ok(node.func, at, seen)
        if isinstance(node, ast.Attribute):
            return self.expression_ok(node.value, at, seen)
        if isinstance(node, ast.Name):
            return self.resolvable(node.id, at, seen)
        if isinstance(node, (ast.Await, ast.Starred)):
            return self.expression_ok(node.value, at, seen)
        return True


def visible(tree: ast.Module, names: Names, line: int, columns: Set[int]) -> bool:
    """Does the call the peer flags on ``line`` rest on names the file binds?"""
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.lineno == line]
    chosen = [c for c in calls if c.col_offset in columns] or [
        c for c in calls if any(c.col_offset <= col < (c.end_col_offset or 0) for col in columns)
    ] or calls
    if not chosen:
        return True
    return any(names.expression_ok(call.func, call, set()) for call in chosen)


def excuse(lines: List[str], line: int) -> Optional[str]:
    """The peer's comment calling ``line`` a known miss: on the line, just above it, or above its function."""
    text = lines[line - 1]
    if "#" in text and KNOWN_MISS.search(text.split("#", 1)[1]):
        return text.split("#", 1)[1].strip()
    above = line - 2
    while above >= 0 and not lines[above].strip().startswith("#"):
        if re.match(r"(async\s+def|def|class)\s", lines[above]) or not lines[above].strip():
            break
        above -= 1
    comments = []
    while above >= 0 and lines[above].strip().startswith("#"):
        comments.append(lines[above])
        above -= 1
    start = line - 1
    while start > 0 and not re.match(r"(async\s+def|def|class)\s", lines[start]):
        if lines[start].strip() and not lines[start][:1].isspace() and not lines[start].startswith("#"):
            break
        start -= 1
    if re.match(r"(async\s+def|def|class)\s", lines[start]):
        # the comment block above the function, past blank lines, decorators and top-level statements
        above = start - 1
        while above >= 0 and not lines[above].strip().startswith("#"):
            if lines[above][:1].isspace() or re.match(r"(async\s+def|def|class)\s", lines[above]):
                break
            above -= 1
        while above >= 0 and lines[above].strip().startswith("#"):
            comments.append(lines[above])
            above -= 1
    for comment in comments:
        if KNOWN_MISS.search(comment):
            return comment.strip().lstrip("#").strip()
    return _paragraph_excuse(lines, line)


def _paragraph_excuse(lines: List[str], line: int) -> Optional[str]:
    """A comment heading the run of statements ``line`` belongs to, blank lines included.

    The peers write a known miss as a comment over a few statements (``# local imports aren't tracked``, a blank
    line, the import, the call); a comment that begins with "nor" or "or" continues the one above it. The run
    ends at a line the peer expects a finding on, a def or class, or a shallower indentation.
    """
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip())
    above = line - 2
    while above >= 0:
        text = lines[above]
        stripped = text.strip()
        if not stripped:
            above -= 1
            continue
        if len(text) - len(text.lstrip()) < indent or re.match(r"\s*(async\s+def|def|class)\s", text):
            return None
        if not stripped.startswith("#"):
            if PEER_EXPECTATION.search(text):
                return None
            above -= 1
            continue
        block = []
        while above >= 0 and lines[above].strip().startswith("#"):
            block.append(lines[above].strip().lstrip("#").strip())
            above -= 1
        for comment in block:
            if KNOWN_MISS.search(comment):
                return comment
        if not re.match(r"(?:nor|or)\b", block[-1], re.IGNORECASE):
            return None
    return None


# ---- scoring

@dataclass
class Tally:
    expected: int = 0
    found: int = 0
    unexpected: int = 0
    hidden: int = 0  # expected lines resting on names the file does not bind
    excused: int = 0  # our findings on lines the peer calls a known miss of its own
    outside: int = 0  # our findings no code the peer's test of this file enables would cover


def score(case: Case, config, verbose: bool, out: Dict[Tuple[str, str], Tally], by_file: Dict[str, Tally],
          notes: List[str]) -> None:
    lines = case.text.split("\n")
    try:
        tree = ast.parse(case.text)
    except SyntaxError:
        notes.append(f"{case.suite} {case.name}: does not parse; left out")
        return
    calls = {(n.lineno, n.col_offset): n for n in ast.walk(tree) if isinstance(n, ast.Call)}
    report = lint_source(case.text, path=case.name, config=config)
    ours: Dict[str, Dict[int, Set[str]]] = {}
    covered: Dict[int, bool] = {}  # line -> would a code this file tests cover our findings there
    for finding in report.findings:
        category = rules.BY_CODE[finding.code].category
        ours.setdefault(category, {}).setdefault(finding.line, set()).add(finding.code)
        call = calls.get((finding.line, finding.column - 1))
        codes = peer_codes(finding.code, ast.unparse(call.func) if call is not None else "")
        covered[finding.line] = covered.get(finding.line, False) or codes is None or bool(codes & case.tested)
    names = Names(tree)
    for category, family in FAMILIES:
        expected = {line: codes & family for line, codes in case.expected.items() if codes & family}
        file_codes = sorted({c for codes in expected.values() for c in codes})
        if not file_codes:
            continue
        tally = by_file.setdefault(f"{case.suite} {case.name} [{category}]", Tally())
        flagged = ours.get(category, {})
        for line, codes in sorted(expected.items()):
            seen = visible(tree, names, line, case.columns.get(line, set()))
            for code in codes:
                per_code = out.setdefault((case.suite, code), Tally())
                if not seen:
                    per_code.hidden += 1
                    continue
                per_code.expected += 1
                per_code.found += line in flagged
            if not seen:
                tally.hidden += 1
                continue
            tally.expected += 1
            if line in flagged:
                tally.found += 1
            else:
                notes.append(f"  MISS   {case.suite} {case.name}:{line} [{','.join(sorted(codes))}]  "
                             f"{lines[line - 1].strip()[:110]}")
        for line, codes in sorted(flagged.items()):
            if line in expected:
                continue
            reason = excuse(lines, line)
            where = f"{case.suite} {case.name}:{line} [{','.join(sorted(codes))}]  {lines[line - 1].strip()[:100]}"
            if not covered.get(line, True):
                tally.outside += 1
                if verbose:
                    notes.append(f"  other  {where}   (no code this file tests covers it)")
                continue
            if reason is not None:
                tally.excused += 1
                if verbose:
                    notes.append(f"  known  {where}   (peer: {reason[:60]})")
                continue
            tally.unexpected += 1
            # the file's first tested code carries the finding in the per-code table
            out.setdefault((case.suite, file_codes[0]), Tally()).unexpected += 1
            notes.append(f"  EXTRA  {where}")


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  -  "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--flake8-async", type=Path, default=FLAKE8_ASYNC, help="mirror of python-trio/flake8-async")
    parser.add_argument("--ruff", type=Path, default=RUFF, help="mirror of astral-sh/ruff")
    parser.add_argument("-v", "--verbose", action="store_true", help="also list the findings a peer calls known misses")
    args = parser.parse_args()

    suites = []
    for label, repo, cases in (("flake8-async", args.flake8_async, flake8_async_cases),
                               ("ruff", args.ruff, ruff_cases)):
        if available(repo):
            suites.append((label, repo, cases))
        else:
            print(f"skipped {label}: no mirror at {repo} (pass --{label} DIR)")
    if not suites:
        return 0
    config = config_mod.Config().override(select=["ALL"])
    per_code: Dict[Tuple[str, str], Tally] = {}
    by_file: Dict[str, Tally] = {}
    notes: List[str] = []
    for label, repo, cases in suites:
        commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip()
        print(f"{label}: {repo} @ {commit or '(work tree)'}")
        for case in cases(repo):
            score(case, config, args.verbose, per_code, by_file, notes)

    print("\nper peer code (expected lines whose names the file binds; hidden: the rest)")
    print(f"  {'suite':13} {'code':9} {'expected':>8} {'found':>6} {'recall':>7} {'extra':>6} {'hidden':>7}")
    for (suite, code), t in sorted(per_code.items()):
        print(f"  {suite:13} {code:9} {t.expected:8} {t.found:6} {_ratio(t.found, t.expected):>7} "
              f"{t.unexpected:6} {t.hidden:7}")
    print("\nper suite and family")
    print(f"  {'suite':13} {'family':14} {'expected':>8} {'found':>6} {'recall':>7} {'extra':>6} {'precision':>9} "
          f"{'known':>6} {'other':>6}")
    totals: Dict[Tuple[str, str], Tally] = {}
    for key, t in by_file.items():
        suite, _, rest = key.partition(" ")
        family = rest.rsplit("[", 1)[1].rstrip("]")
        total = totals.setdefault((suite, family), Tally())
        for name in ("expected", "found", "unexpected", "hidden", "excused", "outside"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
    for (suite, family), t in sorted(totals.items()):
        print(f"  {suite:13} {family:14} {t.expected:8} {t.found:6} {_ratio(t.found, t.expected):>7} "
              f"{t.unexpected:6} {_ratio(t.found, t.found + t.unexpected):>9} {t.excused:6} {t.outside:6}")
    print("\nper file")
    for key, t in sorted(by_file.items()):
        print(f"  {key:58} {t.found:3}/{t.expected:<3} extra {t.unexpected:<3} hidden {t.hidden:<3} "
              f"known {t.excused:<3} other {t.outside}")
    print("\nmisses and unexpected findings")
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
