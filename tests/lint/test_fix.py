"""Autofix: before/after pairs, idempotence, compilation, comments kept, --diff that `patch` applies."""
from __future__ import annotations

import shutil
import subprocess
import textwrap

import pytest
from click.testing import CliRunner

from asynccheck import rules
from asynccheck.cli import cli
from asynccheck.lint import lint_source
from asynccheck.lint.fix import fix_source
from asynccheck.lint.results import Knowledge

from .helpers import ALL
from .test_blocking import NEGATIVES, POSITIVES
from .test_concurrency_rules import CASES

FIXABLE = [r for r in rules.RULES if r.linter and r.fix]


def fixed(source: str, unsafe: bool = True) -> str:
    source = textwrap.dedent(source)
    after, _ = fix_source(source.encode(), "example", False, ALL.enabled, Knowledge(), frozenset({"example"}),
                          unsafe=unsafe)
    return source if after is None else after


@pytest.mark.parametrize("rule", FIXABLE, ids=lambda r: r.code)
def test_catalogue_bad_example_is_fixed(rule):
    after = fixed(rule.bad)
    assert after != rule.bad
    compile(after, "after", "exec")
    assert not [f for f in lint_source(after, "after.py", ALL).findings if f.code == rule.code]
    assert fixed(after) == after  # idempotent


def test_safe_fixes_only_without_unsafe():
    source = "import time\nimport requests\n\nasync def f(url):\n    time.sleep(1)\n    requests.get(url)\n"
    assert fixed(source, unsafe=False) == (
        "import time\nimport requests\nimport asyncio\n\nasync def f(url):\n    await asyncio.sleep(1)\n    requests.get(url)\n")


PAIRS = {
    "sleep-with-alias-and-comments": ('''
        import asyncio as aio
        from time import sleep as zzz


        class Poller:
            async def run(self):
                # wait a little
                zzz(0.5)  # pacing
                return 1
    ''', '''
        import asyncio as aio
        from time import sleep as zzz


        class Poller:
            async def run(self):
                # wait a little
                await aio.sleep(0.5)  # pacing
                return 1
    '''),
    "nested-coroutine-and-async-generator": ('''
        import asyncio
        import time

        async def outer():
            async def inner():
                asyncio.sleep(1)
            await inner()

        async def ticks():
            while True:
                time.sleep(1)
                yield 1
    ''', '''
        import asyncio
        import time

        async def outer():
            async def inner():
                await asyncio.sleep(1)
            await inner()

        async def ticks():
            while True:
                await asyncio.sleep(1)
                yield 1
    '''),
    "offload-and-reraise": ('''
        """Docstring stays first."""
        from __future__ import annotations
        import subprocess

        async def rev(log):
            out = subprocess.check_output(["git", "rev-parse", "HEAD"], text=True)
            try:
                await log(out)
            except BaseException:
                pass
            return out
    ''', '''
        """Docstring stays first."""
        from __future__ import annotations
        import subprocess
        import asyncio

        async def rev(log):
            out = await asyncio.to_thread(subprocess.check_output, ["git", "rev-parse", "HEAD"], text=True)
            try:
                await log(out)
            except BaseException:
                raise
            return out
    '''),
    "no-fix-where-the-shape-is-unclear": ('''
        import requests

        async def f(url):
            with open(url) as fh:
                data = fh.read()
            return len(requests.get(url).text)
    ''', None),
}


@pytest.mark.parametrize("name", PAIRS)
def test_before_after(name):
    before, after = PAIRS[name]
    expected = textwrap.dedent(after if after is not None else before)
    assert fixed(before) == expected


@pytest.mark.parametrize("source", [s for s in POSITIVES.values()] + [s for s in NEGATIVES.values()]
                         + [s for _, s in CASES.values()])
def test_fixes_compile_and_are_idempotent_over_the_test_corpus(source):
    once = fixed(source)
    compile(once, "once", "exec")
    assert fixed(once) == once


def test_cli_fix_diff_and_patch(tmp_path, monkeypatch):
    project = tmp_path / "p"
    project.mkdir()
    (project / "app.py").write_text("import time\n\nasync def f():\n    time.sleep(1)  # keep me\n")
    monkeypatch.chdir(project)
    runner = CliRunner()
    diff = runner.invoke(cli, ["lint", "--no-cache", "--diff", "."])
    assert diff.exit_code == 1 and "+    await asyncio.sleep(1)  # keep me" in diff.output
    assert (project / "app.py").read_text().count("time.sleep") == 1  # --diff changes nothing
    if shutil.which("patch"):
        copy = tmp_path / "copy"
        shutil.copytree(project, copy)
        subprocess.run(["patch", "-p1", "-s"], input=diff.output, text=True, cwd=copy, check=True)
        fixed_by_patch = (copy / "app.py").read_text()
    result = runner.invoke(cli, ["lint", "--no-cache", "--fix", "."])
    assert result.exit_code == 0, result.output
    text = (project / "app.py").read_text()
    assert "await asyncio.sleep(1)  # keep me" in text and "import asyncio" in text
    if shutil.which("patch"):
        assert fixed_by_patch == text
    again = runner.invoke(cli, ["lint", "--no-cache", "--fix", "."])
    assert again.exit_code == 0 and (project / "app.py").read_text() == text


def test_cross_module_fix(tmp_path, monkeypatch):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "client.py").write_text("async def fetch():\n    return 1\n")
    (tmp_path / "pkg" / "use.py").write_text("from pkg.client import fetch\n\nasync def main():\n    fetch()\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["lint", "--no-cache", "--fix", "."])
    assert result.exit_code == 0, result.output
    assert "    await fetch()\n" in (tmp_path / "pkg" / "use.py").read_text()


def test_text_report_marks_fixable():
    report = lint_source("import time\nasync def f():\n    time.sleep(1)\n", "a.py", ALL)
    assert report.findings[0].fixable
    from asynccheck.report import render

    assert "ACK101 [*]" in render(report, "text") and "1 fixable with --fix" in render(report, "text")
