"""Facts that come from the modules using a name (what they hand a class's constructor, which queues they put
into) reach a run over one named file of the project, as they reach a run over the whole tree."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths

FILES = {
    "pkg/__init__.py": "",
    "pkg/repo.py": '''
        import asyncio

        class Repo:
            def __init__(self, session):
                self.session = session

            async def get(self, url):
                return self.session.get(url)

        class Hub:
            def __init__(self):
                self.events = asyncio.Queue()

            def describe(self):
                return "hub"
    ''',
    "pkg/main.py": '''
        import requests

        from pkg.repo import Hub, Repo

        REPO = Repo(session=requests.Session())

        async def pump(hub: Hub, ws):
            async for message in ws:
                hub.events.put_nowait(message)
    ''',
    "pkg/other.py": '''
        class Unrelated:
            def __init__(self, session):
                self.session = session
    ''',
}


def _project(root: Path) -> Path:
    (root / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    return root


def _found(report, root: Path):
    return sorted((Path(f.path).resolve().relative_to(root.resolve()).as_posix(), f.line, f.code)
                  for f in report.findings if f.code in ("ACK102", "ACK501"))


def test_one_named_file_gets_the_facts_its_users_give(tmp_path):
    root = _project(tmp_path)
    config = Config(root=root).override(select=["ALL"])
    tree = _found(lint_paths([root], config, jobs=1, use_cache=False), root)
    assert ("pkg/repo.py", 8, "ACK102") in tree and ("pkg/repo.py", 12, "ACK501") in tree, tree
    named = _found(lint_paths([root / "pkg" / "repo.py"], config, jobs=1, use_cache=False), root)
    assert named == [f for f in tree if f[0] == "pkg/repo.py"]


def test_the_flake8_plugin_agrees(tmp_path):
    from asynccheck import flake8_plugin

    root = _project(tmp_path)
    flake8_plugin._runs.clear()
    path = str(root / "pkg" / "repo.py")
    found = sorted((line, message.split()[0]) for line, _, message, _ in flake8_plugin.Plugin(None, path).run())
    assert (8, "ACK102") in found and (12, "ACK501") in found, found
