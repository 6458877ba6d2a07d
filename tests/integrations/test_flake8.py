"""The flake8 plugin, through the real flake8: the same findings as `asynccheck lint`, flake8's noqa on top."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>ACK\d{3}) ")


def flake8(*args, cwd):
    proc = subprocess.run([sys.executable, "-m", "flake8", "--select", "ACK", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)
    found = set()
    for line in proc.stdout.splitlines():
        m = LINE.match(line)
        assert m, line
        found.add((str((Path(cwd) / m["path"]).resolve()), int(m["line"]), int(m["col"]), m["code"]))
    return proc, found


def asynccheck(*args, cwd):
    proc = subprocess.run([sys.executable, "-m", "asynccheck", "lint", "--format", "json", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300)
    data = json.loads(proc.stdout)
    return {(str((cwd / f["path"]).resolve()), f["line"], f["column"], f["code"]) for f in data["findings"]}


@pytest.mark.parametrize("folder", ["examples", "tests/runtime/programs"])
def test_same_findings_as_asynccheck_lint(folder, tmp_path):
    # a project of its own: inside this repository flake8's per-file runs would read its other modules for
    # their cross-module facts, and a folder's run would not (the answers agree; the reading costs a minute)
    where = tmp_path / "project"
    shutil.copytree(ROOT / folder, where, ignore=shutil.ignore_patterns("__pycache__", ".asynccheck_cache"))
    (where / "pyproject.toml").write_text("[project]\nname = 'copy'\n")
    proc, found = flake8(".", cwd=where)
    assert proc.returncode == 1
    assert found and found == asynccheck(".", cwd=where)


def test_flake8_noqa_per_file_ignores_and_jobs(tmp_path):
    (tmp_path / "setup.cfg").write_text("[flake8]\nper-file-ignores =\n    skipped.py: ACK101\n")
    body = "import time\nimport asyncio\n\nasync def f():\n    time.sleep(1)\n    time.sleep(2)  # noqa: ACK101\n    asyncio.Queue()\n"
    (tmp_path / "app.py").write_text(body)
    (tmp_path / "skipped.py").write_text(body)
    _, found = flake8("-j", "2", ".", cwd=tmp_path)
    assert {(Path(p).name, line, code) for p, line, _, code in found} == {
        ("app.py", 5, "ACK101"), ("app.py", 7, "ACK501"), ("skipped.py", 7, "ACK501")}
