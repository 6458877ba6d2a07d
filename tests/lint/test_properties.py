"""Reading a property runs its getter: a `@property` or `@cached_property` that blocks, read in a coroutine."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths

from tests.lint.helpers import check_marked

CODES = ("ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108")


def test_a_blocking_getter_read_in_a_coroutine():
    check_marked('''
        import json
        import time
        from functools import cached_property
        from pathlib import Path

        class Renderer:
            def __init__(self, base: Path) -> None:
                self.base = base

            @cached_property
            def template(self) -> str:
                return (self.base / "report.html").read_text()

            @property
            def settings(self) -> dict:
                with open(self.base / "settings.json") as fh:
                    return json.load(fh)

            async def render(self, ctx: dict) -> str:
                return self.template.format(**ctx)  # ACK103

            async def reload(self) -> None:
                ctx = {"debug": self.settings["debug"]}  # ACK103
                print(ctx)

        class Slow:
            @property
            def ready(self) -> bool:
                time.sleep(0.5)
                return True

        async def wait_ready(s: Slow) -> bool:
            return s.ready  # ACK101
    ''', CODES)


def test_getters_that_do_not_block_and_reads_that_run_no_getter():
    check_marked('''
        import asyncio
        import json
        from functools import cached_property
        from pathlib import Path

        class Renderer:
            def __init__(self, base: Path) -> None:
                self.base = base
                self.path = base / "report.html"

            @property
            def name(self) -> str:
                return self.base.name

            @cached_property
            def template(self) -> str:
                return self.path.read_text()

            def load(self) -> str:
                return self.path.read_text()

            async def render(self) -> str:
                print(self.name, self.path)
                callback = self.load  # a method read, not called: nothing runs
                return await asyncio.to_thread(lambda: self.template)

            async def warm(self) -> str:
                return await asyncio.to_thread(getattr, self, "template")

            def render_sync(self) -> str:
                return self.template

        class Stored:
            """A name that is a property in the class and also assigned on instances: not only a getter."""
            @property
            def data(self):
                return json.load(open("data.json"))

            async def show(self):
                return type(self).data, Stored.data
    ''', CODES)


def test_a_getter_with_a_setter_is_left_alone():
    # the setter shares the getter's name: what the name's summary says may be the setter's
    check_marked('''
        import json

        class Config:
            @property
            def values(self) -> dict:
                return self._values

            @values.setter
            def values(self, new: dict) -> None:
                with open("config.json", "w") as fh:
                    json.dump(new, fh)
                self._values = new

            async def show(self) -> dict:
                return self.values
    ''', CODES)


def _project(tmp_path: Path, files: dict) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


PROJECT = {
    "svc/__init__.py": "",
    "svc/settings.py": '''
        import json
        from functools import cached_property

        class Settings:
            @cached_property
            def data(self) -> dict:
                with open("/etc/svc.json") as fh:
                    return json.load(fh)

            @property
            def name(self) -> str:
                return "svc"

            def reload(self) -> dict:
                return json.load(open("/etc/svc.json"))

        class BaseHandler:
            @property
            def secrets(self) -> str:
                return open("/run/secrets/token").read()
    ''',
    "svc/handlers.py": '''
        from svc.settings import BaseHandler, Settings

        async def handle(settings: Settings) -> str:
            print(settings.name, settings.reload)
            return settings.data["greeting"]

        class Handler(BaseHandler):
            async def auth(self) -> str:
                return self.secrets
    ''',
}


def test_properties_of_another_module(tmp_path):
    root = _project(tmp_path, PROJECT)
    for jobs, named in ((1, [root]), (1, [root / "svc" / "handlers.py"])):
        report = lint_paths(named, Config(root=root), use_cache=False, jobs=jobs)
        found = sorted((Path(f.path).name, f.line, f.code) for f in report.findings)
        assert found == [("handlers.py", 6, "ACK103"), ("handlers.py", 10, "ACK103")], found
        message = next(f.message for f in report.findings if f.line == 6)
        assert message.startswith("reading `settings.data` blocks the event loop: the property `Settings.data` calls")


def test_a_sync_helper_that_reads_a_blocking_property():
    check_marked('''
        import asyncio
        from functools import cached_property
        from pathlib import Path

        class Report:
            @cached_property
            def template(self) -> str:
                return Path("report.html").read_text()

            @property
            def title(self) -> str:
                return "weekly"

            def render(self, ctx: dict) -> str:
                return self.template.format(**ctx)

            def heading(self) -> str:
                return self.title.upper()

            async def handle(self, ctx: dict) -> str:
                print(self.heading())
                return self.render(ctx)  # ACK103

            async def handle_offloaded(self, ctx: dict) -> str:
                return await asyncio.to_thread(self.render, ctx)
    ''', CODES)
