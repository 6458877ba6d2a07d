"""A memoised property whose memo sync code fills before the loop runs (`__init__`, a setup method called at
module level or before `asyncio.run`) does no work when a coroutine reads it; and a memo read is one finding per
file for every tool that is handed files one by one (flake8, the language server, `asynccheck lint one.py`)."""
from __future__ import annotations

from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths
from asynccheck.lint.buffer import Buffers
from tests.lint.helpers import check_marked, write_project

CODES = ("ACK101", "ACK103", "ACK105")


def test_a_memo_filled_in_init_is_free_to_read():
    check_marked('''
        import json

        class Exchange:
            def __init__(self, path: str) -> None:
                self.path = path
                self._markets = None
                self._load_markets()

            def _load_markets(self) -> None:
                with open(self.path) as fh:
                    self._markets = json.load(fh)

            @property
            def markets(self) -> dict:
                if self._markets is None:
                    with open(self.path) as fh:
                        self._markets = json.load(fh)
                return self._markets

        class Direct:
            def __init__(self, path: str) -> None:
                self.path = path
                self._schema = json.load(open(path))

            @property
            def schema(self) -> dict:
                if self._schema is None:
                    self._schema = json.load(open(self.path))
                return self._schema

        class Warmed:
            def __init__(self, path: str) -> None:
                self.path = path
                self.table  # read once here: the memo is full before anyone awaits

            @property
            def table(self) -> dict:
                if not hasattr(self, "_table"):
                    self._table = json.load(open(self.path))
                return self._table

        async def use(e: Exchange, d: Direct, w: Warmed) -> None:
            print(e.markets, d.schema, w.table)
    ''', CODES)


def test_a_memo_left_empty_or_filled_only_sometimes_is_still_reported():
    check_marked('''
        import json

        class Lazy:
            def __init__(self, path: str, preload: bool = False) -> None:
                self.path = path
                self._markets = None
                self._names = {}
                if preload:
                    self._load()

            def _load(self) -> None:
                self._markets = json.load(open(self.path))

            @property
            def markets(self) -> dict:
                if self._markets is None:
                    self._markets = json.load(open(self.path))
                return self._markets

            @property
            def names(self) -> dict:
                if not self._names:
                    self._names = json.load(open(self.path))
                return self._names

        async def use(lazy: Lazy) -> None:
            print(lazy.markets)  # ACK103
            print(lazy.names)  # ACK103
    ''', CODES)


def test_a_setup_call_before_the_loop_starts_fills_the_memo():
    check_marked('''
        import asyncio
        import json

        class Settings:
            def __init__(self, path: str) -> None:
                self.path = path
                self._data = None

            def configure(self) -> None:
                self._data = json.load(open(self.path))

            @property
            def data(self) -> dict:
                if self._data is None:
                    self._data = json.load(open(self.path))
                return self._data

        class Registry:
            def __init__(self, path: str) -> None:
                self.path = path
                self._entries = None

            def setup(self) -> None:
                self._entries = json.load(open(self.path))

            @property
            def entries(self) -> dict:
                if self._entries is None:
                    self._entries = json.load(open(self.path))
                return self._entries

        class Late:
            def __init__(self, path: str) -> None:
                self.path = path
                self._rows = None

            def setup(self) -> None:
                self._rows = json.load(open(self.path))

            @property
            def rows(self) -> dict:
                if self._rows is None:
                    self._rows = json.load(open(self.path))
                return self._rows

        registry = Registry("registry.json")
        registry.setup()

        async def serve(settings: Settings, late: Late) -> None:
            print(settings.data, registry.entries)
            print(late.rows)  # ACK103

        def main() -> None:
            settings = Settings("settings.json")
            settings.configure()
            late = Late("rows.json")
            asyncio.run(serve(settings, late))
            late.setup()  # after the loop has run: too late for the coroutine
    ''', CODES)


def _write(root: Path, files) -> None:
    (root / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    write_project(root, files)


MEMO_PROJECT = {
    "svc/__init__.py": "",
    "svc/config.py": '''
        import ssl

        class Config:
            certfile = "cert.pem"
            _ssl = None

            @property
            def ssl(self) -> ssl.SSLContext:
                if self._ssl is None:
                    context = ssl.create_default_context()
                    context.load_cert_chain(self.certfile)
                    self._ssl = context
                return self._ssl
    ''',
    "svc/a_client.py": '''
        from svc.config import Config

        async def connect(config: Config):
            return config.ssl, config.ssl
    ''',
    "svc/b_server.py": '''
        from svc.config import Config

        async def serve(config: Config):
            return config.ssl
    ''',
}


def test_a_memo_read_is_one_finding_per_file_for_per_file_tools_and_one_per_project_for_a_tree(tmp_path):
    _write(tmp_path, MEMO_PROJECT)
    config = Config(root=tmp_path).override(select=["ACK103"])
    tree = lint_paths([tmp_path], config, jobs=1, use_cache=False)
    assert [(Path(f.path).name, f.line) for f in tree.findings] == [("a_client.py", 4)]
    buffers = Buffers()
    for name, line in (("a_client.py", 4), ("b_server.py", 4)):
        path = tmp_path / "svc" / name
        named = lint_paths([path], config, jobs=1, use_cache=False)
        assert [(f.code, f.line) for f in named.findings] == [("ACK103", line)], name
        edited = buffers.lint(path, path.read_text())
        assert [(f.code, f.line) for f in edited.findings if f.code == "ACK103"] == [("ACK103", line)], name
    # the message counts the other reads of the file it is in
    named = lint_paths([tmp_path / "svc" / "a_client.py"], config, jobs=1, use_cache=False)
    assert "1 other read of it in loop code is not reported" in named.findings[0].message


SPLIT_PROJECT = {
    "app/__init__.py": "",
    "app/settings.py": '''
        import json

        class Settings:
            def __init__(self, path):
                self.path = path
                self._data = None

            def configure(self):
                self._data = json.load(open(self.path))

            @property
            def data(self):
                if self._data is None:
                    self._data = json.load(open(self.path))
                return self._data

        class Late:
            def __init__(self, path):
                self.path = path
                self._rows = None

            def setup(self):
                self._rows = json.load(open(self.path))

            @property
            def rows(self):
                if self._rows is None:
                    self._rows = json.load(open(self.path))
                return self._rows

        async def serve(settings: Settings, late: Late):
            return settings.data, late.rows
    ''',
    "app/__main__.py": '''
        import asyncio

        from app.settings import Late, Settings, serve

        def main():
            settings = Settings("settings.json")
            settings.configure()
            late = Late("rows.json")
            asyncio.run(serve(settings, late))
            late.setup()
    ''',
}


def test_a_setup_call_in_another_module_before_the_loop_fills_the_memo(tmp_path):
    # `__main__.py` configures the settings before `asyncio.run()`: their memo reads free in `serve`; the rows are
    # set up only after the loop has run. The same in a run over the named module alone.
    _write(tmp_path, SPLIT_PROJECT)
    config = Config(root=tmp_path).override(select=["ACK103"])
    tree = lint_paths([tmp_path], config, jobs=1, use_cache=False)
    assert [(Path(f.path).name, f.line) for f in tree.findings] == [("settings.py", 32)], tree.findings
    named = lint_paths([tmp_path / "app" / "settings.py"], config, jobs=1, use_cache=False)
    assert [(Path(f.path).name, f.line) for f in named.findings] == [("settings.py", 32)], named.findings
