"""The machine format: {"findings": [...], "errors": [...]}, stable key order, sorted."""
from __future__ import annotations

import json

from asynccheck.findings import Report


def render(report: Report) -> str:
    data = {"findings": [f.to_dict() for f in report.findings], "errors": [e.to_dict() for e in report.errors]}
    return json.dumps(data, indent=2) + "\n"
