"""flake8 plugin (code prefix ACK): a thin adapter from flake8 to the lint engine.

flake8 calls the plugin once per file. Each call lints that file as `asynccheck lint <file>` does: the modules
its cross-module facts need are read too (through the lint cache), and kept for the next files of the same
process, so the facts are the same as `asynccheck lint`'s and nothing is read twice. flake8 applies its own `# noqa`, `--per-file-ignores` and selection on
top.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

from asynccheck import __version__

_runs: Dict[str, Any] = {}  # project root -> the lint Run that checks its files one by one


def _project_findings(filename: str) -> List[Any]:
    from asynccheck import config as config_mod
    from asynccheck.lint.run import Run, project_root

    path = Path(filename)
    cfg = config_mod.discover([path])
    root = str(project_root(path, cfg))
    run = _runs.get(root)
    if run is None:
        run = _runs[root] = Run(cfg, jobs=1)
    return run.check_paths([path]).findings


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
