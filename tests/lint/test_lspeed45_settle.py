"""A file is checked again for what its findings asked, not for what its exports asked once they were made."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import run as run_module
from asynccheck.lint.run import Run


def _run(tmp_path: Path, monkeypatch, modules: dict):
    """The report of a one-process run over ``modules`` (name -> source), and how often each was checked."""
    counts: dict = {}
    checked = run_module.analyze

    def counting(source, path, module, *args, **kwargs):
        counts[module] = counts.get(module, 0) + 1
        return checked(source, path, module, *args, **kwargs)

    monkeypatch.setattr(run_module, "analyze", counting)
    items = [(f"pkg/{name.rpartition('.')[2]}.py", textwrap.dedent(text).encode(), name, False)
             for name, text in modules.items()]
    report = Run(Config(root=tmp_path), jobs=1, use_cache=False).check_sources(items, frozenset({"pkg"}))
    return report, counts


def test_a_name_only_the_exports_look_up_does_not_check_the_file_again(tmp_path, monkeypatch):
    # `Jobs` is read only in an annotation: the findings never ask what it is, the exports do (after the
    # findings, without the facts); that answer used to have the file checked again, three more times
    database = '''
    import asyncio

    Jobs = asyncio.Queue
    '''
    config = '''
    from pkg.database import Jobs

    class Config:
        def jobs(self) -> Jobs:
            return self._jobs
    '''
    _, counts = _run(tmp_path, monkeypatch, {"pkg.database": database, "pkg.config": config})
    assert counts == {"pkg.database": 1, "pkg.config": 1}


def test_what_the_findings_ask_of_a_module_checked_later_is_still_answered(tmp_path, monkeypatch):
    # the modules import each other, so one is checked before the other's values are known: whichever goes
    # first, the session the worker calls is known to block
    worker = '''
    from pkg.clients import session

    async def refresh(url):
        return session.get(url)
    '''
    clients = '''
    import requests

    import pkg.worker

    session = requests.Session()
    '''
    for modules in ({"pkg.worker": worker, "pkg.clients": clients}, {"pkg.clients": clients, "pkg.worker": worker}):
        report, _ = _run(tmp_path, monkeypatch, modules)
        assert [(f.code, f.path, f.line) for f in report.findings] == [("ACK102", "pkg/worker.py", 5)]


def test_a_value_handed_to_a_constructor_as_a_size_does_not_check_the_class_again(tmp_path, monkeypatch):
    # another module makes the class with keywords: what it hands a keyword is a possible queue size (for
    # ACK501) under a key of its own, not the answer to what type the parameter holds, which the class's module
    # asks of every unannotated `__init__` parameter it reads; that answer had the class's module checked again
    models = '''
    class Request:
        def __init__(self, method, url):
            self.method = method
            self.url = url

        async def describe(self):
            return self.method.upper() + self.url.strip()
    '''
    client = '''
    from pkg.models import Request

    def get(url):
        return Request(method="GET", url=url)
    '''
    _, counts = _run(tmp_path, monkeypatch, {"pkg.models": models, "pkg.client": client})
    assert counts == {"pkg.models": 1, "pkg.client": 1}


def test_an_instance_handed_to_a_constructor_still_types_the_parameter(tmp_path, monkeypatch):
    # the look-alike: a library instance handed the same way is what the type question wants (the class's module
    # is checked again with it, and its blocking call is found)
    models = '''
    class Repo:
        def __init__(self, session, retries):
            self.session = session
            self.retries = retries

        async def fetch(self, url):
            return self.session.get(url)
    '''
    client = '''
    import requests

    from pkg.models import Repo

    def make():
        return Repo(session=requests.Session(), retries=3)
    '''
    report, counts = _run(tmp_path, monkeypatch, {"pkg.models": models, "pkg.client": client})
    assert [(f.code, f.path, f.line) for f in report.findings] == [("ACK102", "pkg/models.py", 8)]
    assert counts == {"pkg.models": 2, "pkg.client": 1}
