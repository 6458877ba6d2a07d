"""Shapes found wrong on a thirty-first held-out set (code spread over a package: singletons, factories, typed
attributes and re-exports across modules): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths


def _project(root: Path, files: dict, codes) -> set:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    report = lint_paths([root], Config(root=root).override(select=["ALL"]), jobs=1, use_cache=False)
    assert not report.errors, report.errors
    return {(Path(f.path).relative_to(root).as_posix(), f.line, f.code) for f in report.findings if f.code in codes}


_TRANSPORT = {
    "svc/transport.py": '''
        import httpx
        import requests

        session = requests.Session()
        aclient = httpx.AsyncClient()
    ''',
}


def test_a_package_init_calling_what_it_imports_from_its_own_submodule(tmp_path):
    # `from .transport import session` in svc/__init__.py names svc.transport.session: a value only
    # svc/transport.py can tell the type of (the __init__ took every `svc.*` name for its own and found nothing)
    files = dict(_TRANSPORT)
    files["svc/__init__.py"] = '''
        from .transport import session
        from . import transport as wire

        async def ping(url):
            return session.get(url, timeout=3)

        async def ping_via_module(url):
            return wire.session.head(url, timeout=3)
    '''
    assert _project(tmp_path, files, {"ACK102"}) == {
        ("svc/__init__.py", 5, "ACK102"), ("svc/__init__.py", 8, "ACK102")}


def test_a_package_init_with_its_own_names_or_an_async_client_stays_quiet(tmp_path):
    # the async client of the submodule, awaited; and a function of the __init__ itself that shares the
    # submodule's name for what it binds (`session` here is the __init__'s own, an in-memory stand-in)
    files = dict(_TRANSPORT)
    files["svc/__init__.py"] = '''
        from .transport import aclient

        class _Recorder:
            def get(self, url, timeout=None):
                return url

        transport = _Recorder()

        async def ping(url):
            return await aclient.get(url)

        async def ping_recorded(url):
            return transport.get(url, timeout=3)
    '''
    assert _project(tmp_path, files, {"ACK102", "ACK103"}) == set()
