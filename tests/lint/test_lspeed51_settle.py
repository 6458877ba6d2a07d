"""A file checked again with facts has the questions it asks anew answered as it asks them (one more check, not
one more round per step of a chain), and a round asks again only the files checked in the round before."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import run as run_module
from asynccheck.lint.run import Run

# the modules import each other, and the worker is checked first: it learns what `make()` gives only from the
# settled index, and only then asks what that instance's `session` is
WORKER = '''
from pkg.clients import make

async def main():
    client = make()
    client.session.get("https://example.com")
'''
CLIENTS = '''
import requests

import pkg.worker

class Client:
    def __init__(self):
        self.session = requests.Session()

def make():
    return Client()
'''


def _check(tmp_path: Path, monkeypatch, clients: str = CLIENTS):
    calls = []
    checked = run_module.analyze
    asked = run_module.answers

    def recording(source, path, module, *args, **kwargs):
        calls.append((module, bool(args[5:6] and args[5])))  # (after is_package ... roots, locate: facts)
        return checked(source, path, module, *args, **kwargs)

    def answering(index, result, extra=frozenset()):
        calls.append(("answers", result.module))
        return asked(index, result, extra)

    monkeypatch.setattr(run_module, "analyze", recording)
    monkeypatch.setattr(run_module, "answers", answering)
    items = [("pkg/clients.py", textwrap.dedent(clients).encode(), "pkg.clients", False),
             ("pkg/worker.py", textwrap.dedent(WORKER).encode(), "pkg.worker", False)]
    report = Run(Config(root=tmp_path), jobs=1, use_cache=False).check_sources(items, frozenset({"pkg"}))
    return [(f.code, f.path, f.line) for f in report.findings], calls


def test_a_question_asked_anew_is_answered_in_the_same_check(tmp_path: Path, monkeypatch) -> None:
    found, calls = _check(tmp_path, monkeypatch)
    assert found == [("ACK102", "pkg/worker.py", 6)]
    assert [module for module, with_facts in calls if with_facts is True] == ["pkg.worker"]
    # the first round asks every file that asked something; the next only the worker, checked again, whose
    # answers are now what it was given
    assert [module for kind, module in calls if kind == "answers"] == ["pkg.worker", "pkg.worker"]


def test_the_look_alike_without_the_session_is_left_alone(tmp_path: Path, monkeypatch) -> None:
    found, _ = _check(tmp_path, monkeypatch, CLIENTS.replace("requests.Session()", "{}"))
    assert found == []
