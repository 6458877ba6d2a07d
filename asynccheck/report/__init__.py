"""Formatters: every engine's Report rendered as text, JSON, SARIF or GitHub workflow annotations."""
from __future__ import annotations

import importlib

from asynccheck.findings import Report

FORMATS = ("text", "json", "sarif", "github")
_MODULES = {"json": "jsonfmt"}


def render(report: Report, fmt: str, *, statistics: bool = False, fix_hint: bool = True) -> str:
    """The report as ``fmt``; ``statistics`` swaps the text listing for counts per rule."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    # only the format asked for is imported (`asynccheck run` with nothing to report loads one small module)
    module = importlib.import_module(f"asynccheck.report.{_MODULES.get(fmt, fmt)}")
    if fmt == "text":
        return module.render(report.sorted(), statistics=statistics, fix_hint=fix_hint)
    return module.render(report.sorted())
