"""A file checked again with facts takes what it exports from its first check: they never depend on the facts."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import run as run_module
from asynccheck.lint.engine import _EXPORTED, analyze
from asynccheck.lint.results import Knowledge
from asynccheck.lint.run import Run

# the modules import each other: whichever goes first asks about a value of the other before it is known
WORKER = '''
from pkg.clients import session

class Worker:
    def __init__(self):
        self.session = session

    async def refresh(self, url):
        return session.get(url)

async def main():
    await Worker().refresh("x")
'''
CLIENTS = '''
import requests

import pkg.worker

session = requests.Session()
'''


def test_a_file_checked_again_exports_what_a_check_without_facts_does(tmp_path: Path, monkeypatch) -> None:
    calls = []
    checked = run_module.analyze

    def recording(source, path, module, *args, **kwargs):
        result = checked(source, path, module, *args, **kwargs)
        calls.append((module, result, bool(args[5:6] and args[5])))  # (after is_package ... roots, locate: facts)
        return result

    monkeypatch.setattr(run_module, "analyze", recording)
    # (listed so, the worker is checked first: its imports are walked first, and the clients' run-time import of it
    # puts it before them)
    items = [("pkg/clients.py", textwrap.dedent(CLIENTS).encode(), "pkg.clients", False),
             ("pkg/worker.py", textwrap.dedent(WORKER).encode(), "pkg.worker", False)]
    report = Run(Config(root=tmp_path), jobs=1, use_cache=False).check_sources(items, frozenset({"pkg"}))
    assert [(f.code, f.path, f.line) for f in report.findings] == [("ACK102", "pkg/worker.py", 9)]
    again = [(module, result) for module, result, with_facts in calls if with_facts]
    assert [module for module, _ in again] == ["pkg.worker"]
    alone = analyze(textwrap.dedent(WORKER).encode(), "pkg/worker.py", "pkg.worker", False,
                    Config(root=tmp_path).codes_for(Path("pkg/worker.py")), Knowledge(), frozenset({"pkg"}))
    for name in _EXPORTED:
        assert getattr(again[0][1], name) == getattr(alone, name), name
    assert again[0][1].types  # (the class's attribute and the functions' returns: something to compare)
