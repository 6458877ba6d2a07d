"""`asynccheck lint --jobs N`: a worker process that dies (killed, out of memory, a crash in an extension module)
must not leave the run waiting forever, nor lose the other files: the file it died on is an error of that file."""
from __future__ import annotations

import os

from asynccheck.config import Config
from asynccheck.lint import lint_paths, run

_real_work = run._work


def _dying_work(task: tuple):
    """`run._work`, except that the worker checking a file named `poison.py` dies as a crash would end it."""
    if task[1].endswith("poison.py"):
        os._exit(139)
    return _real_work(task)


def test_a_worker_that_dies_costs_only_its_file(tmp_path, monkeypatch):
    for i in range(12):
        (tmp_path / f"mod_{i}.py").write_text(f"import asyncio\n\nasync def f{i}():\n    asyncio.sleep({i})\n")
    (tmp_path / "poison.py").write_text("import time\n\nasync def g():\n    time.sleep(1)\n")
    # (the workers are forked, so they run the test's `_work`; a fork of a test process with threads is fine here)
    monkeypatch.setattr(run, "_start_method", lambda: "fork")
    monkeypatch.setattr(run, "_work", _dying_work)
    report = lint_paths([str(tmp_path)], Config(), jobs=2, use_cache=False)
    assert sorted(os.path.basename(f.path) for f in report.findings) == sorted(f"mod_{i}.py" for i in range(12))
    (error,) = report.errors
    assert os.path.basename(error.path) == "poison.py" and error.kind == "internal"
    assert "worker process checking this file died" in error.message
