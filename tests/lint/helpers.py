"""Example-driven assertions: lines marked `# ACKnnn` in a snippet are exactly where those codes are reported."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Dict, Iterable, Set, Tuple

from asynccheck.config import Config
from asynccheck.lint import lint_paths, lint_source

ALL = Config().override(select=["ALL"])
_MARK = re.compile(r"#\s*(ACK\d{3})\b")


def marked(source: str) -> Set[Tuple[str, int]]:
    found = set()
    for number, line in enumerate(source.splitlines(), 1):
        for code in _MARK.findall(line):
            found.add((code, number))
    return found


def reported(source: str, codes: Iterable[str], config: Config = ALL) -> Set[Tuple[str, int]]:
    report = lint_source(source, "example.py", config)
    assert not report.errors, report.errors
    wanted = set(codes)
    return {(f.code, f.line) for f in report.findings if f.code in wanted}


def check_marked(source: str, codes: Iterable[str]) -> None:
    source = textwrap.dedent(source)
    assert reported(source, codes) == {m for m in marked(source) if m[0] in set(codes)}, source


def messages_by_line(source: str, codes: Iterable[str]) -> Dict[str, str]:
    """The message of each finding of ``codes`` in ``source`` (dedented), by the text of its line."""
    source = textwrap.dedent(source)
    report = lint_source(source, "example.py", ALL)
    assert not report.errors, report.errors
    wanted = set(codes)
    return {source.splitlines()[f.line - 1].strip(): f.message for f in report.findings if f.code in wanted}


def write_project(root: Path, files: Dict[str, str]) -> None:
    """Write ``files`` (path inside the project -> source, dedented) under ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))


def project_findings(root: Path, files: Dict[str, str], codes: Iterable[str]) -> Set[Tuple[str, int, str]]:
    """Write ``files`` (path inside the project -> source) under ``root``, lint the project with every rule, and
    give (path inside the project, line, code) of the findings of ``codes``."""
    write_project(root, files)
    return named_findings(root, ".", codes)


def named_findings(root: Path, name: str, codes: Iterable[str]) -> Set[Tuple[str, int, str]]:
    """Lint only ``name`` of the project under ``root`` (a file, the way pre-commit and editors do, or "." for
    the whole tree) with every rule, and give (path inside the project, line, code) of the findings of ``codes``."""
    report = lint_paths([root / name], Config(root=root).override(select=["ALL"]), jobs=1, use_cache=False)
    assert not report.errors, report.errors
    wanted = set(codes)
    return {(Path(f.path).relative_to(root).as_posix(), f.line, f.code) for f in report.findings if f.code in wanted}
