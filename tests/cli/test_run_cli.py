"""`asynccheck run` parses its usual command lines without click, exactly as click would, and hands click
everything else; running a program imports neither click nor the report formats it does not use."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from asynccheck.cli import runner
from asynccheck.cli.run import run
from asynccheck.report import FORMATS


def test_the_two_option_lists_agree():
    declared = {}
    for param in run.params:
        if isinstance(param, click.Option):
            for name in param.opts:
                declared[name] = (param.name, param.is_flag, param.multiple)
    fast = {name: (param, kind == "flag", kind == "many") for name, (param, kind) in runner.OPTIONS.items()}
    assert fast == declared
    assert set(runner.DEFAULTS) == {p.name for p in run.params if isinstance(p, click.Option)}
    assert runner.FORMATS == FORMATS == tuple(next(p for p in run.params if p.name == "fmt").type.choices)


@pytest.mark.parametrize("args", [
    ["app.py"],
    ["app.py", "--help", "-m", "x"],  # after TARGET everything is the program's
    ["-m", "pkg.main", "a", "b"],
    ["--format", "json", "-o", "out.json", "app.py"],
    ["--format=sarif", "--output=out.sarif", "app.py"],
    ["--select", "ACK1", "--select=ACK3", "--ignore", "ACK120", "app.py", "x"],
    ["--stall-ms", "50", "--hang-ms=2e3", "app.py"],
    ["--fail-on-findings", "--raise", "--include-site-packages", "--track-origins", "app.py"],
    ["--baseline", "b.json", "--write-baseline", "w.json", "--config", "c.toml", "app.py"],
    ["--format", "json", "--format", "text", "app.py"],  # the last one counts
])
def test_parses_as_click_does(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with run.make_context("run", list(args)) as ctx:
        expected = ctx.params
    got = runner.parse(list(args))
    assert got == expected


@pytest.mark.parametrize("args", [
    [], ["--help"], ["-h"], ["--format", "xml", "app.py"], ["--stall-ms", "0", "app.py"],
    ["--stall-ms", "nan", "app.py"], ["--hang-ms", "soon", "app.py"], ["--raise=1", "app.py"], ["--", "app.py"],
    ["--unknown", "app.py"], ["-mo", "x", "app.py"], ["--output"], ["--output", "folder", "app.py"], ["-"],
    ["--select", "--raise", "app.py"],
])
def test_leaves_the_rest_to_click(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    assert runner.parse(list(args)) is None


def test_running_a_program_imports_only_what_it_needs(tmp_path):
    program = tmp_path / "app.py"
    program.write_text("import sys\n"
                       "print(sorted(m for m in ('click', 'libcst', 'asynccheck.lint', 'asynccheck.baseline', "
                       "'asynccheck.report.text', 'sqlite3', 'importlib.resources', 'tomllib') if m in sys.modules))\n")
    proc = subprocess.run([sys.executable, "-m", "asynccheck", "run", str(program)], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "[]\n"
    assert proc.stderr == "\nAll checks passed!\n"


def test_click_still_answers_help_and_errors(tmp_path):
    app = tmp_path / "app.py"
    app.write_text("")
    helped = subprocess.run([sys.executable, "-m", "asynccheck", "run", "--help"], capture_output=True, text=True,
                            timeout=120)
    assert helped.returncode == 0 and "Run a Python program" in helped.stdout
    wrong = subprocess.run([sys.executable, "-m", "asynccheck", "run", "--stall-ms", "0", str(app)],
                           capture_output=True, text=True, timeout=120)
    assert wrong.returncode == 2 and "0.0 is not in the range x>=1" in wrong.stderr
    assert Path(app).read_text() == ""
