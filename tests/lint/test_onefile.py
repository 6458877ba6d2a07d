"""Linting named files reads only the modules their cross-module facts need, and finds what a whole-tree run
finds for them (issue 9)."""
from __future__ import annotations

import os
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint.engine import analyze
from asynccheck.lint.run import Run
from tests.lint.test_project import write

PROJECT = {
    "pyproject.toml": "[project]\nname = 'app'\n",
    "app/__init__.py": "from .client import fetch, Client\nfrom .config import load_config as settings\n",
    "app/client.py": '''
        import asyncio

        async def fetch(url):
            await asyncio.sleep(0)

        class Client:
            async def get(self, url):
                await asyncio.sleep(0)
    ''',
    "app/base.py": '''
        from app.client import Client

        class Retrying(Client):
            pass
    ''',
    # a chain of helpers two modules deep: load_config -> io_utils.read_json -> open()
    "app/config.py": '''
        from app.io_utils import read_json

        def load_config():
            return read_json("settings.json")

        def parse(text):
            return text.split()
    ''',
    "app/io_utils.py": '''
        import json

        def read_json(path):
            with open(path) as fh:
                return json.load(fh)
    ''',
    "app/handlers.py": '''
        from app import fetch, settings
        from app.base import Retrying
        from app.config import load_config, parse
        from app import client as client_mod


        async def handler(url):
            fetch(url)
            cfg = load_config()
            parse(url)
            client_mod.fetch(url)
            Retrying().get(url)
            other = settings()
            load_config()
            await fetch(url)
            return cfg, other


        def sync_user():
            return load_config()
    ''',
    # modules the handlers' facts do not need: never read when only handlers.py is named
    "app/unrelated.py": "import time\n\nasync def idle():\n    time.sleep(1)\n",
    "app/broken.py": "def f(:\n    pass\n",
    # two top-level modules named `helpers` (folders without __init__.py): the later file wins, as in the
    # whole-tree index
    "scripts/a/helpers.py": "def load():\n    return open('x')\n",
    "scripts/b/helpers.py": "async def load():\n    return 1\n",
    "scripts/a/main.py": "from helpers import load\n\nasync def main():\n    load()\n",
}

HANDLERS_FINDINGS = {
    ("handlers.py", 8, "ACK301"),   # coroutine function re-exported through app/__init__.py
    ("handlers.py", 9, "ACK103"),   # load_config -> read_json -> open, two modules away
    ("handlers.py", 11, "ACK301"),  # module attribute
    ("handlers.py", 12, "ACK301"),  # method inherited from a base class in a third module
    ("handlers.py", 13, "ACK103"),  # a blocking helper re-exported under another name
    ("handlers.py", 14, "ACK103"),  # a dropped call: a candidate of both kinds, a blocking helper
}


def run(paths, root: Path) -> tuple:
    r = Run(Config(root=root), jobs=1, use_cache=False)
    report = r.check_paths(paths)
    return r, report


def key(f) -> tuple:
    return (os.path.abspath(f.path), f.line, f.column, f.end_line, f.end_column, f.code, f.message, f.fixable)


def test_named_file_needs_only_its_dependencies(tmp_path, monkeypatch):
    write(tmp_path, PROJECT)

    def reparse(*args):
        raise AssertionError("a named file's candidates are positioned while it is checked, not parsed again")

    monkeypatch.setattr("asynccheck.lint.run.locate", reparse)
    r, report = run([tmp_path / "app" / "handlers.py"], tmp_path)
    assert not report.errors  # app/broken.py is never read
    assert {(Path(f.path).name, f.line, f.code) for f in report.findings} == HANDLERS_FINDINGS
    chain = next(f for f in report.findings if f.line == 9)
    assert "it calls `read_json()` -> `open(path)`" in chain.message
    loaded = {res.module for _, res in r.on_demand._loaded}
    assert loaded == {"app", "app.handlers", "app.client", "app.base", "app.config", "app.io_utils"}


def test_a_whole_tree_in_one_process_positions_confirmed_candidates_while_checking(tmp_path, monkeypatch):
    # the index known so far confirms them as each file is checked (its imports are checked before it, and its
    # own helpers are in the index by then): none waits for a second parse at the end
    write(tmp_path, PROJECT)
    write(tmp_path, {"app/own.py": "import json\n\ndef read(path):\n    return json.load(open(path))\n\n"
                                  "def helper(path):\n    return read(path)\n\n"
                                  "async def main():\n    helper('x')\n"})
    with monkeypatch.context() as later:  # (the way of a run over files in workers: parsed again at the end)
        later.setattr("asynccheck.lint.run.analyze", lambda *args: analyze(*args[:-1]))
        _, reparsed = run([tmp_path], tmp_path)

    def reparse(*args):
        raise AssertionError("a confirmed candidate of a whole-tree run is positioned while its file is checked")

    monkeypatch.setattr("asynccheck.lint.run.locate", reparse)
    _, report = run([tmp_path], tmp_path)
    assert {(Path(f.path).name, f.line, f.code) for f in report.findings if f.path.endswith("handlers.py")} \
        == HANDLERS_FINDINGS
    assert ("own.py", 10, "ACK103") in {(Path(f.path).name, f.line, f.code) for f in report.findings}
    assert sorted(key(f) for f in report.findings) == sorted(key(f) for f in reparsed.findings)


def test_every_file_alone_matches_the_whole_tree(tmp_path):
    write(tmp_path, PROJECT)
    _, whole = run([tmp_path], tmp_path)
    assert {(Path(f.path).name, f.line, f.code) for f in whole.findings if f.path.endswith("handlers.py")} \
        == HANDLERS_FINDINGS
    assert ("main.py", 4, "ACK301") in {(Path(f.path).name, f.line, f.code) for f in whole.findings}
    for path in sorted(tmp_path.rglob("*.py")):
        _, alone = run([path], tmp_path)
        expected = sorted(key(f) for f in whole.findings if os.path.abspath(f.path) == str(path))
        assert sorted(key(f) for f in alone.findings) == expected, path


def test_several_named_files_and_a_folder(tmp_path):
    write(tmp_path, PROJECT)
    _, whole = run([tmp_path], tmp_path)
    named = [tmp_path / "scripts" / "a" / "main.py", tmp_path / "app" / "handlers.py"]
    _, report = run([*named, tmp_path / "scripts" / "b"], tmp_path)
    wanted = {str(p) for p in named} | {str(tmp_path / "scripts" / "b" / "helpers.py")}
    assert sorted(key(f) for f in report.findings) == sorted(
        key(f) for f in whole.findings if os.path.abspath(f.path) in wanted)


def test_named_file_sees_a_changed_dependency_through_the_cache(tmp_path):
    write(tmp_path, PROJECT)
    cache = tmp_path / "cache"
    handlers = tmp_path / "app" / "handlers.py"

    def found():
        report = Run(Config(root=tmp_path), jobs=1, cache_dir=cache).check_paths([handlers])
        return {(f.line, f.code) for f in report.findings}

    assert found() == {(line, code) for _, line, code in HANDLERS_FINDINGS}
    assert found() == {(line, code) for _, line, code in HANDLERS_FINDINGS}
    write(tmp_path, {"app/io_utils.py": "def read_json(path):\n    return {}\n"})
    assert found() == {(8, "ACK301"), (11, "ACK301"), (12, "ACK301")}


def test_big_generated_module_is_parsed_once(tmp_path, monkeypatch):
    import libcst

    block = "async def run_{i}():\n    helpers.notify({i})\n    helpers.load()\n\n"
    write(tmp_path, {
        "gen/__init__.py": "",
        "gen/helpers.py": "async def notify(x):\n    return x\n\ndef load():\n    return open('f')\n",
        "gen/big.py": "from gen import helpers\n\n" + "".join(block.format(i=i) for i in range(300)),
    })
    parses = []
    real = libcst.parse_module
    monkeypatch.setattr(libcst, "parse_module", lambda text, *a, **kw: parses.append(len(text)) or real(text, *a, **kw))
    _, report = run([tmp_path / "gen" / "big.py"], tmp_path)
    assert len(report.findings) == 600 and {f.code for f in report.findings} == {"ACK301", "ACK103"}
    assert len(parses) == 3  # big.py, gen/__init__.py and gen/helpers.py, each once


def test_index_loads_the_modules_a_key_can_come_from():
    from asynccheck.lint.ondemand import OnDemandIndex
    from asynccheck.lint.results import FileResult

    files = [FileResult("a/__init__.py", "a", aliases={"a.f": "a.b.f"}), FileResult("a/b.py", "a.b", defs={"a.b.f": "async"}),
             FileResult("c.py", "c", defs={"c.g": "sync"})]
    asked = []

    def load(rank):
        asked.append(rank)
        return files[rank]

    index = OnDemandIndex([], {"a": [0], "a.b": [1], "c": [2]}, load)
    assert index.kind("a.f") == ("async", "a.b.f") and asked == [0, 1]
    assert index.kind("x.y") == (None, "x.y") and asked == [0, 1]
    # anything that reads the facts other than name by name gets the whole project
    assert sorted(index.defs) == ["a.b.f", "c.g"] and asked == [0, 1, 2]


RELIANCE_PROJECT = {
    "pyproject.toml": "[project]\nname = 'app'\n",
    "app/__init__.py": "",
    "app/pump.py": '''
        import asyncio


        async def _pump(queue):
            try:
                while True:
                    await queue.get()
            except asyncio.CancelledError:
                print("pump stopped")
    ''',
    # _pump's awaiter is a caller that ends with it, relied on in turn by a timeout in a third module
    "app/serve.py": '''
        from app.pump import _pump


        async def _serve(queue):
            print("serving")
            await _pump(queue)
    ''',
    "app/main.py": '''
        import asyncio
        from app.serve import _serve


        async def main(queue):
            await asyncio.wait_for(_serve(queue), 10)
    ''',
    # modules that mention neither name: no awaiter of either can be in them
    "app/unrelated.py": "import time\n\nasync def idle():\n    time.sleep(1)\n",
    "app/broken.py": "def f(:\n    pass\n",
}


def test_who_awaits_a_coroutine_is_read_from_the_modules_that_mention_it(tmp_path, monkeypatch):
    """ACK602 asks whether any module awaits the swallower, or a caller that ends with it: the names are the
    functions', not a module's, but only a module whose text mentions a name can await it."""
    from asynccheck.lint import run as run_mod

    write(tmp_path, RELIANCE_PROJECT)
    checked = []
    analyze = run_mod.analyze
    monkeypatch.setattr(run_mod, "analyze", lambda source, path, *rest, **kw: (
        checked.append(Path(path).name), analyze(source, path, *rest, **kw))[1])
    _, report = run([tmp_path / "app" / "pump.py"], tmp_path)
    assert not report.errors  # app/broken.py is never read
    assert [(Path(f.path).name, f.line, f.code) for f in report.findings] == [("pump.py", 8, "ACK602")]
    assert "unrelated.py" not in checked and {"pump.py", "serve.py", "main.py"} <= set(checked)
    _, whole = run([tmp_path], tmp_path)
    assert sorted(key(f) for f in whole.findings if f.path.endswith("pump.py")) \
        == sorted(key(f) for f in report.findings)
