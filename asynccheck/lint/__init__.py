"""The static engine: ``lint_paths`` for a run over files, ``lint_source`` for one text in memory."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

from asynccheck.config import Config
from asynccheck.findings import Report

__all__ = ["lint_paths", "lint_source"]


def lint_source(source: str, path: str = "<string>", config: Optional[Config] = None,
                module: Optional[str] = None) -> Report:
    """Lint one piece of source as if it were the only module of its project."""
    from asynccheck.lint.run import Run

    config = config or Config()
    name = module or (Path(path).stem if path != "<string>" else "module")
    run = Run(config, use_cache=False)
    return run.check_sources([(path, source.encode("utf-8"), name, False)])


def lint_paths(paths: Sequence[Path], config: Config, jobs: Optional[int] = None, use_cache: bool = True,
               cache_dir: Optional[Path] = None) -> Report:
    """Lint every Python file under ``paths`` (see ``files.discover``) as one project."""
    from asynccheck.lint.run import Run

    return Run(config, jobs=jobs, use_cache=use_cache, cache_dir=cache_dir).check_paths(paths)
