"""Real host tools, for real: a third-party async test suite keeps its outcomes under the plugin, and
`pre-commit try-repo` runs this checkout's hooks."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def outcomes(junit: Path) -> dict:
    found = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
        found[f"{case.get('classname')}::{case.get('name')}"] = kinds[0] if kinds else "passed"
    return found


def test_plugin_in_warn_mode_keeps_every_outcome_of_aiosqlites_suite(tmp_path):
    aiosqlite = pytest.importorskip("aiosqlite")
    suite = Path(aiosqlite.__file__).parent / "tests" / "smoke.py"
    runs = {}
    for name, extra in (("plain", []), ("checked", ["--asynccheck", "--asynccheck-mode=warn"])):
        junit = tmp_path / f"{name}.xml"
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(suite),
                        f"--junitxml={junit}", *extra], cwd=tmp_path, capture_output=True, timeout=300)
        runs[name] = outcomes(junit)
    assert len(runs["plain"]) > 20
    assert runs["plain"] == runs["checked"], {k: (v, runs["checked"].get(k)) for k, v in runs["plain"].items()
                                              if runs["checked"].get(k) != v}


def test_plugin_keeps_tornados_outcomes_in_warn_mode_and_fails_only_tests_with_findings(tmp_path):
    tornado = pytest.importorskip("tornado")
    # tornado ships its own tests; these files commit a dropped task and an unawaited coroutine on purpose
    tests = Path(tornado.__file__).parent / "test"
    files = [str(tests / name) for name in ("gen_test.py", "testing_test.py", "locks_test.py", "queues_test.py")]
    runs, report = {}, tmp_path / "findings.json"
    for name, extra in (("plain", []), ("warn", ["--asynccheck", "--asynccheck-mode=warn"]),
                        ("fail", ["--asynccheck", f"--asynccheck-report={report}"])):
        junit = tmp_path / f"{name}.xml"
        # stalls depend on the machine's load, not on the suite: left out
        # (and tornado's own test_gc depends on when the collector runs: it fails on a loaded machine as it is)
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *files,
                        "--asynccheck-ignore=ACK120", "-k", "not test_gc or test_gc_",
                        f"--junitxml={junit}", *extra],
                       cwd=tmp_path, capture_output=True, timeout=300)
        runs[name] = outcomes(junit)
    assert len(runs["plain"]) > 100
    assert runs["warn"] == runs["plain"], {k: (runs["plain"].get(k), v) for k, v in runs["warn"].items()
                                           if runs["plain"].get(k) != v}
    found = {f["test"].rsplit("::", 1)[-1] for f in json.loads(report.read_text())["findings"]}
    assert found  # the suite does commit anti-patterns
    changed = {test for test, outcome in runs["fail"].items() if outcome != runs["plain"][test]}
    assert {test.rsplit("::", 1)[-1] for test in changed} <= found, changed  # only tests with findings fail


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_try_repo(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    git = lambda *a: subprocess.run(["git", *a], cwd=repo, check=True, capture_output=True, env=env)  # noqa: E731
    git("init", "-q")
    (repo / "app.py").write_text("import time\n\nasync def handler():\n    time.sleep(1)\n")
    git("add", "app.py")
    try_repo = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "asynccheck", "--files", "app.py"]
    bad = subprocess.run(try_repo, cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "ACK101" in bad.stdout
    (repo / "app.py").write_text("import asyncio\n\nasync def handler():\n    await asyncio.sleep(1)\n")
    git("add", "app.py")
    good = subprocess.run(try_repo, cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    assert good.returncode == 0, good.stdout + good.stderr
