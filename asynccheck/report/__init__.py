"""Formatters: every engine's Report rendered as text, JSON, SARIF or GitHub workflow annotations."""
from __future__ import annotations

from typing import Callable, Dict

from asynccheck.findings import Report

FORMATS = ("text", "json", "sarif", "github")


def render(report: Report, fmt: str, *, statistics: bool = False, fix_hint: bool = True) -> str:
    """The report as ``fmt``; ``statistics`` swaps the text listing for counts per rule."""
    from asynccheck.report import github, jsonfmt, sarif, text

    renderers: Dict[str, Callable[..., str]] = {
        "text": lambda r: text.render(r, statistics=statistics, fix_hint=fix_hint),
        "json": jsonfmt.render,
        "sarif": sarif.render,
        "github": github.render,
    }
    if fmt not in renderers:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return renderers[fmt](report.sorted())
