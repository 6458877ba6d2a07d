"""A run over one named file of a project (flake8, `asynccheck lint pkg/one.py`) gets the facts the modules that
import it give (what they hand its class's constructor, which of its queues they fill), as a whole-tree run does;
modules that only mention a class's name without importing it are not read (a put into a queue by a bare name is
read wherever it is: the queue may have been handed in)."""
from __future__ import annotations

from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths
from asynccheck.lint.importers import imported
from asynccheck.lint.run import Run
from tests.lint.helpers import write_project

FILES = {
    "pyproject.toml": '[project]\nname = "shop"\n',
    "shop/__init__.py": "from shop.store import Basket as Basket\n",
    "shop/store.py": '''
        import asyncio


        class Basket:
            def __init__(self, client):
                self.client = client

            async def price(self, sku):
                return self.client.get(sku)


        class Feed:
            def __init__(self):
                self.orders = asyncio.Queue()

            def name(self):
                return "feed"
    ''',
    "shop/web.py": '''
        import requests

        from shop.store import Basket
        from .store import Feed

        BASKET = Basket(client=requests.Session())


        async def take(feed: Feed, socket):
            async for order in socket:
                feed.orders.put_nowait(order)
    ''',
    # mentions the class's name, imports nothing of it: never read for it
    "shop/notes.py": '''
        class Basket:
            def __init__(self, client):
                self.client = client
    ''',
}


def _found(report, root: Path):
    return sorted((Path(f.path).resolve().relative_to(root.resolve()).as_posix(), f.line, f.code)
                  for f in report.findings if f.code in ("ACK102", "ACK501"))


def test_one_named_file_gets_what_its_importers_give(tmp_path):
    write_project(tmp_path, FILES)
    config = Config(root=tmp_path).override(select=["ALL"])
    tree = _found(lint_paths([tmp_path], config, jobs=1, use_cache=False), tmp_path)
    assert ("shop/store.py", 9, "ACK102") in tree and ("shop/store.py", 14, "ACK501") in tree, tree
    run = Run(config, jobs=1, use_cache=False)
    named = _found(run.check_paths([tmp_path / "shop" / "store.py"]), tmp_path)
    assert named == [f for f in tree if f[0] == "shop/store.py"]
    read = {Path(path).name for path in run._facts}  # the modules checked for their facts, and the named one
    assert "web.py" in read and "notes.py" not in read, read


def test_the_flake8_plugin_agrees(tmp_path):
    from asynccheck import flake8_plugin

    write_project(tmp_path, FILES)
    flake8_plugin._runs.clear()
    path = str(tmp_path / "shop" / "store.py")
    found = sorted((line, message.split()[0]) for line, _, message, _ in flake8_plugin.Plugin(None, path).run())
    assert (9, "ACK102") in found and (14, "ACK501") in found, found


def test_import_statements_read_from_the_text():
    text = b"""import os.path as p, json
from . import sibling
from ..up import (
    one,
    two as deux,
)
from .store import *  # noqa
    from shop.x import y; import z
"""
    found = imported(text, "shop.sub.mod", False)
    assert {"os", "os.path", "json", "shop.sub", "shop.sub.sibling", "shop.up", "shop.up.one",
            "shop.up.two", "shop.sub.store", "shop.x", "shop.x.y"} <= found, found
    assert "shop.sub.store.*" not in found
    assert imported(b"from . import a\n", "shop", True) == {"shop", "shop.a"}
