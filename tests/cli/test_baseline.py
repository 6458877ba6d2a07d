"""Baselines: accepted findings are not reported, new ones are; entries survive unrelated edits."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from .helpers import lint

APP = '''
import time


async def handler():
    time.sleep(1)


async def other():
    time.sleep(1)
'''
EDITED = '''
import time

# lines added above move every finding down


class Moved:
    pass


async def handler():
        time.sleep(  1 )  # re-indented and re-spaced: still the accepted finding
        time.sleep(1)  # a second identical mistake in the same function: new


async def renamed():
    time.sleep(1)  # the same text in another function: new
'''


def test_lint_baseline_reports_only_new_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.asynccheck]\n")
    (tmp_path / "app.py").write_text(APP)
    written = lint("--write-baseline", "asynccheck-baseline.json", ".")
    assert written.exit_code == 0 and "Wrote 2 findings" in written.stderr
    entries = json.loads((tmp_path / "asynccheck-baseline.json").read_text())["entries"]
    assert {(e["code"], e["path"], e["scope"]) for e in entries} == {("ACK101", "app.py", "handler"),
                                                                     ("ACK101", "app.py", "other")}
    assert lint("--baseline", "asynccheck-baseline.json", ".").exit_code == 0
    (tmp_path / "app.py").write_text(EDITED)
    result = lint("--baseline", "asynccheck-baseline.json", "--format", "json", ".")
    found = json.loads(result.stdout)["findings"]
    assert result.exit_code == 1 and [f["line"] for f in found] == [13, 17]
    assert "1 baseline entry no longer occurs" in result.stderr  # `other` is gone: noted, never a failure
    # the configuration names it too, relative to the project root
    (tmp_path / "pyproject.toml").write_text('[tool.asynccheck]\nbaseline = "asynccheck-baseline.json"\n')
    assert [f["line"] for f in json.loads(lint("--format", "json", ".").stdout)["findings"]] == [13, 17]


def test_a_bad_baseline_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "bad.json").write_text("{}")
    for name in ("bad.json", "missing.json"):
        result = lint("--baseline", name, ".")
        assert result.exit_code == 2 and name in result.stderr


def test_run_and_pytest_share_the_format(tmp_path):
    program = tmp_path / "app.py"
    program.write_text("import asyncio\nimport time\n\n\nasync def main():\n    time.sleep(0.001)\n\n\n"
                       "asyncio.run(main())\n")
    run = [sys.executable, "-m", "asynccheck", "run", "--fail-on-findings"]
    first = subprocess.run([*run, "--write-baseline", str(tmp_path / "run.json"), str(program)],
                           capture_output=True, text=True, cwd=tmp_path)
    assert "ACK101" in first.stderr and (tmp_path / "run.json").exists()
    again = subprocess.run([*run, "--baseline", str(tmp_path / "run.json"), str(program)],
                           capture_output=True, text=True, cwd=tmp_path)
    assert again.returncode == 0 and "All checks passed!" in again.stderr

    (tmp_path / "test_suite.py").write_text(textwrap.dedent('''
        import asyncio, time

        def test_sleeps():
            async def main():
                time.sleep(0.001)
            asyncio.run(main())
    '''))
    pytest_run = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--asynccheck", "test_suite.py"]
    assert subprocess.run(pytest_run, capture_output=True, cwd=tmp_path).returncode == 1
    subprocess.run([*pytest_run, "--asynccheck-write-baseline=tests.json"], capture_output=True, cwd=tmp_path)
    entry, = json.loads((tmp_path / "tests.json").read_text())["entries"]
    assert entry["test"] == "test_suite.py::test_sleeps" and entry["scope"] == "test_sleeps.main"
    accepted = subprocess.run([*pytest_run, "--asynccheck-baseline=tests.json"], capture_output=True, cwd=tmp_path)
    assert accepted.returncode == 0
