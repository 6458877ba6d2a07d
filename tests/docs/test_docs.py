"""The docs never drift from the catalogue and the configuration keys."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from asynccheck import config, rules

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_rule_pages_are_current():
    proc = subprocess.run([sys.executable, str(DOCS / "generate.py"), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_rule_has_a_page_and_an_index_row():
    index = (DOCS / "rules" / "index.md").read_text()
    for rule in rules.RULES:
        page = (DOCS / "rules" / f"{rule.code}.md").read_text()
        assert "## Example" in page and "## Use instead" in page and "## Why is this bad?" in page
        assert f"[{rule.code}]({rule.code}.md)" in index


def test_every_config_key_is_documented():
    text = (DOCS / "configuration.md").read_text()
    for key in config.KEYS:
        assert f"`{key}`" in text, key


def test_every_lint_option_is_documented():
    from click.testing import CliRunner

    from asynccheck.cli import cli

    text = (DOCS / "cli.md").read_text()
    help_text = CliRunner().invoke(cli, ["lint", "--help"]).output
    for word in help_text.split():
        if word.startswith("--") and word != "--help":
            assert word.rstrip(",:.") in text, word


def test_the_thread_rule_lists_the_library_code_it_knows_runs_on_another_thread():
    # the tables in asynccheck/lint/threads.py are the linter's knowledge: the ACK401 page shows every entry
    from asynccheck.lint import threads

    page = (DOCS / "rules" / "ACK401.md").read_text()
    rows = threads.reference()
    assert len(rows) > 40
    for name, what, where in rows:
        assert name and what and where, (name, what, where)
        assert name in page, name
    assert "`atexit.register()`" in page and "`concurrent.futures.Future.add_done_callback()`" in page
