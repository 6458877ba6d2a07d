"""flake8 plugin (code prefix ACK): a thin adapter from flake8 to the lint engine.

flake8 calls the plugin once per file. The first call in a process lints the file's whole project through the
lint cache (so cross-module facts are the same as `asynccheck lint`'s, and a warm cache makes it cheap); every
call then reports that file's findings. flake8 applies its own `# noqa`, `--per-file-ignores` and selection on
top.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

from asynccheck import __version__

_reports: Dict[str, Dict[str, list]] = {}  # project root -> {absolute path: findings}


def _project_findings(filename: str) -> List[Any]:
    from asynccheck import config as config_mod
    from asynccheck.lint.run import Run, project_root

    path = Path(filename)
    cfg = config_mod.discover([path])
    root = str(project_root(path, cfg))
    by_file = _reports.get(root)
    if by_file is None:
        report = Run(cfg, jobs=1).check_paths([Path(root)])
        by_file = {}
        for finding in report.findings:
            by_file.setdefault(os.path.abspath(finding.path), []).append(finding)
        _reports[root] = by_file
    found = by_file.get(os.path.abspath(filename))
    if found is None and os.path.abspath(filename) not in by_file:
        # a file outside what the project walk saw (excluded, or not under the root): lint it on its own
        report = Run(cfg, jobs=1).check_paths([path])
        found = report.findings
    return found or []


class Plugin:
    name = "asynccheck"
    version = __version__

    def __init__(self, tree: Any, filename: str) -> None:
        self.filename = filename

    def run(self) -> Iterator[Tuple[int, int, str, type]]:
        if self.filename in ("stdin", "-", None):
            return
        for finding in _project_findings(self.filename):
            yield finding.line, finding.column - 1, f"{finding.code} {finding.message}", type(self)
