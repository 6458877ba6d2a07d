"""Example-driven assertions: lines marked `# ACKnnn` in a snippet are exactly where those codes are reported."""
from __future__ import annotations

import re
import textwrap
from typing import Iterable, Set, Tuple

from asynccheck.config import Config
from asynccheck.lint import lint_source

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
