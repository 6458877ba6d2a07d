"""The human format: one line per finding (`path:line:col: CODE message`), the runtime's context under it."""
from __future__ import annotations

from collections import Counter
from typing import Dict, List, Set, Tuple

from asynccheck import rules
from asynccheck.findings import Finding, Related, Report, folded


def _finding(f: Finding, summed: Set[Related] = frozenset()) -> List[str]:
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
        if rel in summed:
            continue  # said once, after the findings
        if f.source == "runtime" or rel.path != f.path:
            lines.append(f"    {rel.path}:{rel.line}: {rel.message}")
    if f.stack:
        lines.append("    stack (innermost last):")
        lines.extend(f"      {line}" for line in folded(f.stack))
    return lines


ROOT_CAUSE_MIN = 3  # findings that blame one project helper before it is summed up once


def root_cause(code: str, count: int, definition: str) -> str:
    """One line for a blocking helper that ``count`` findings blame; ``definition`` is the message of its
    "helper" related location (`load_config()` is defined here; it calls `open(path)`, which ...)."""
    return (f"root cause of {count} {code} findings above: {definition}. Make it a coroutine function, or run "
            "it with `await asyncio.to_thread(...)` inside one async wrapper that the call sites await, instead "
            f"of fixing {count} call sites one by one")


def root_causes(report: Report) -> Dict[Tuple[str, Related], int]:
    """Project helpers that at least ROOT_CAUSE_MIN findings blame: (code, the helper's definition) -> how many."""
    counts: Counter = Counter(
        (f.code, rel) for f in report.findings for rel in f.related if rel.role == "helper"
    )
    return {key: n for key, n in counts.items() if n >= ROOT_CAUSE_MIN}


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
        causes = root_causes(report)
        summed = {rel for _, rel in causes}
        for f in report.findings:
            lines.extend(_finding(f, summed))
        for (code, rel), n in sorted(causes.items(), key=lambda kv: (kv[0][1].path, kv[0][1].line, kv[0][0])):
            lines.append(f"{rel.path}:{rel.line}: {root_cause(code, n, rel.message)}")
    lines.append(summary(report, fix_hint))
    return "\n".join(lines) + "\n"
