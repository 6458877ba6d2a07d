"""`asynccheck lint` through click's runner, and once through a real subprocess."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from asynccheck.cli import cli

from .helpers import lint as run

BAD = "import time\nimport asyncio\n\nasync def f():\n    time.sleep(1)\n    q = asyncio.Queue()\n    return q\n"
CLEAN = "import asyncio\n\nasync def f():\n    await asyncio.sleep(1)\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "bad.py").write_text(BAD)
    (tmp_path / "clean.py").write_text(CLEAN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_report_and_exit_status(project):
    result = run(".")
    assert result.exit_code == 1
    assert "bad.py:5:5: ACK101" in result.output and "bad.py:6:9: ACK501" in result.output
    assert "clean.py" not in result.output


def test_clean_exits_zero(project):
    assert run("clean.py").exit_code == 0


def test_json_shape(project):
    result = run("--format", "json", ".")
    data = json.loads(result.output)
    assert set(data) == {"findings", "errors"} and data["errors"] == []
    first = data["findings"][0]
    assert {"path", "line", "column", "end_line", "end_column", "code", "name", "category", "message", "fixable"} <= set(first)
    assert (first["path"], first["line"], first["code"], first["name"], first["category"]) == (
        "bad.py", 5, "ACK101", "blocking-sleep", "blocking-call")


def test_select_ignore_and_exit_zero(project):
    assert "ACK501" not in run("--select", "ACK1", ".").output
    assert "ACK101" not in run("--ignore", "ACK101,ACK5", ".").output
    assert run("--ignore", "ACK101", "--ignore", "unbounded-queue", ".").exit_code == 0
    assert run("--exit-zero", ".").exit_code == 0


def test_output_file_and_statistics(project):
    out = project / "report.json"
    result = run("--format", "json", "--output", str(out), ".")
    assert result.exit_code == 1 and result.output == ""
    assert len(json.loads(out.read_text())["findings"]) == 2
    stats = run("--statistics", ".").output
    assert "ACK101" in stats and "ACK501" in stats


def test_config_error_exits_2(project):
    (project / "pyproject.toml").write_text('[tool.asynccheck]\nselect = ["ACK1"]\nbogus = 1\n')
    result = CliRunner().invoke(cli, ["lint", "."])
    assert result.exit_code == 2 and "unknown key 'tool.asynccheck.bogus'" in result.output
    assert "pyproject.toml" in result.output


def test_bad_selector_is_usage_error(project):
    result = CliRunner().invoke(cli, ["lint", "--select", "ACK9", "."])
    assert result.exit_code == 2 and "ACK9" in result.output


def test_unparsable_file_still_checks_others(project):
    (project / "broken.py").write_text("async def f(:\n")
    result = run("--format", "json", ".")
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert [e["path"] for e in data["errors"]] == ["broken.py"]
    assert {f["code"] for f in data["findings"]} == {"ACK101", "ACK501"}


def test_missing_path_is_reported(project):
    result = run("--format", "json", "nope.py", "bad.py")
    data = json.loads(result.stdout)
    assert "no such file or folder: nope.py" in result.stderr
    # a usage error, but the files that exist are still checked
    assert result.exit_code == 2 and data["errors"][0]["path"] == "nope.py" and data["findings"]
    assert run("--exit-zero", "nope.py").exit_code == 2


def test_rules_and_rule_commands():
    runner = CliRunner()
    listing = runner.invoke(cli, ["rules", "--format", "json"])
    codes = [r["code"] for r in json.loads(listing.output)]
    assert "ACK101" in codes and "ACK120" in codes and "ACK303" in codes
    one = runner.invoke(cli, ["rule", "blocking-sleep"])
    assert one.exit_code == 0 and "ACK101" in one.output and "Bad:" in one.output and "Good:" in one.output
    assert runner.invoke(cli, ["rule", "ACK999"]).exit_code == 2


def test_help_lists_commands_and_options():
    runner = CliRunner()
    top = runner.invoke(cli, ["--help"]).output
    assert all(c in top for c in ("lint", "run", "rules", "rule"))
    lint_help = runner.invoke(cli, ["lint", "--help"]).output
    for option in ("--select", "--ignore", "--format", "--output", "--statistics", "--exit-zero", "--jobs",
                   "--no-cache", "--config"):
        assert option in lint_help


def test_real_subprocess(project):
    proc = subprocess.run(
        [sys.executable, "-m", "asynccheck", "lint", "--format", "json", "--cache-dir", str(project / "c"), "."],
        capture_output=True, text=True, cwd=project, timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert {f["code"] for f in json.loads(proc.stdout)["findings"]} == {"ACK101", "ACK501"}
    assert (project / "c").is_dir()


def test_the_cache_lives_at_the_project_root(tmp_path, monkeypatch):
    from asynccheck.config import discover
    from asynccheck.lint.run import default_cache_dir

    project = tmp_path / "proj"
    (project / "pkg" / "sub").mkdir(parents=True)
    (project / "setup.cfg").write_text("")
    assert default_cache_dir(discover([project / "pkg" / "sub"])) == project / ".asynccheck_cache"
    loose = tmp_path / "loose"  # no project around it: the user's cache directory, not the linted folder
    loose.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    where = default_cache_dir(discover([loose]))
    assert where.parent == tmp_path / "xdg" / "asynccheck"


def test_progress_only_on_a_terminal(project, monkeypatch):
    import io

    from asynccheck.cli.lint import Progress

    assert Progress.on_terminal(io.StringIO()) is None  # piped: nothing at all

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setenv("TERM", "xterm")
    screen = Terminal()
    progress = Progress.on_terminal(screen)
    times = iter([0.5, 0.55, 0.6])
    progress.clock, progress.start, progress.last = (lambda: next(times)), 0.0, 0.0
    progress(1, 3)  # a run shorter than a tenth of a second shows nothing; this one is longer
    progress(2, 3)  # within a tenth of a second of the last: not redrawn
    progress(3, 3)  # the last one always is
    progress.close()
    text = screen.getvalue()
    assert "1/3 files" in text and "2/3" not in text and "3/3 files" in text and text.endswith("\r\033[K")
    assert run("--quiet", ".").exit_code == 1
