"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff."""
from __future__ import annotations

from asynccheck.findings import Report


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for e in report.errors:
        lines.append(f"::error file={_property(e.path)},line={e.line or 1},title=asynccheck::{_data(e.message)}")
    for f in report.findings:
        props = (
            f"file={_property(f.path)},line={f.line},col={f.column},"
            f"endLine={f.end_line or f.line},endColumn={f.end_column or f.column},"
            f"title={_property(f'{f.code} ({f.name})')}"
        )
        lines.append(f"::error {props}::{_data(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
