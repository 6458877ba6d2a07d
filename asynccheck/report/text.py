"""The human format: one line per finding (`path:line:col: CODE message`), the runtime's context under it."""
from __future__ import annotations

from collections import Counter
from typing import List

from asynccheck import rules
from asynccheck.findings import Finding, Report, folded


def _finding(f: Finding) -> List[str]:
    mark = " [*]" if f.fixable else ""
    lines = [f"{f.path}:{f.line}:{f.column}: {f.code}{mark} {f.message}"]
    facts = []
    if f.count > 1:
        facts.append(f"seen {f.count} times")
    if f.duration is not None:
        facts.append(f"took {f.duration * 1000:.0f} ms")
    if f.thread:
        facts.append(f"thread {f.thread}")
    if f.task:
        facts.append(f"task {f.task}")
    if f.test:
        facts.append(f"in {f.test}")
    if facts:
        lines.append("    " + ", ".join(facts))
    for rel in f.related:
        if f.source == "runtime" or rel.path != f.path:
            lines.append(f"    {rel.path}:{rel.line}: {rel.message}")
    if f.stack:
        lines.append("    stack (innermost last):")
        lines.extend(f"      {line}" for line in folded(f.stack))
    return lines


def statistics_table(report: Report) -> List[str]:
    counts = Counter(f.code for f in report.findings)
    fixable = Counter(f.code for f in report.findings if f.fixable)
    width = max((len(str(n)) for n in counts.values()), default=1)
    rows = []
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = f" [*{fixable[code]}]" if fixable[code] else ""
        rows.append(f"{n:>{width}}  {code}  {rules.BY_CODE[code].name}{mark}")
    return rows


def summary(report: Report, fix_hint: bool) -> str:
    n, errors = len(report.findings), len(report.errors)
    fixable = sum(1 for f in report.findings if f.fixable)
    if not n and not errors:
        return "All checks passed!"
    parts = []
    if n:
        text = f"Found {n} finding{'s' if n != 1 else ''}"
        if fixable and fix_hint:
            text += f" ({fixable} fixable with --fix)"
        parts.append(text)
    if errors:
        parts.append(f"{errors} file{'s' if errors != 1 else ''} could not be checked")
    return "; ".join(parts) + "."


def render(report: Report, statistics: bool = False, fix_hint: bool = True) -> str:
    lines: List[str] = []
    for e in report.errors:
        where = f"{e.path}:{e.line}:{e.column}" if e.line else e.path
        lines.append(f"{where}: error: {e.message}")
    if statistics:
        lines.extend(statistics_table(report))
    else:
        for f in report.findings:
            lines.extend(_finding(f))
    lines.append(summary(report, fix_hint))
    return "\n".join(lines) + "\n"
