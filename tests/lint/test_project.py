"""Cross-module facts: coroutine functions and blocking helpers defined in other modules of the project."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths

PROJECT = {
    "app/__init__.py": "from .client import fetch, Client\n",
    "app/client.py": '''
        import asyncio

        async def fetch(url):
            await asyncio.sleep(0)

        async def stream(url):
            yield url

        class Client:
            async def get(self, url):
                await asyncio.sleep(0)

            def close(self):
                pass

        class RetryingClient(Client):
            pass
    ''',
    "app/config.py": '''
        import json

        def _read(path):
            with open(path) as fh:
                return json.load(fh)

        def load_config():
            return _read("settings.json")

        def parse(text):
            return text.split()
    ''',
    "app/handlers.py": '''
        from app import fetch
        from app.client import Client, RetryingClient, stream
        from app.config import load_config, parse
        from . import client as client_mod


        async def handler(url):
            fetch(url)
            cfg = load_config()
            parse(url)
            client_mod.fetch(url)
            events = stream(url)
            c = Client()
            c.get(url)
            c.close()
            r = RetryingClient()
            r.get(url)
            await fetch(url)
            return cfg, events


        def sync_user():
            return load_config()
    ''',
}


def write(root: Path, files: dict) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))


def findings(root: Path, **kw):
    report = lint_paths([root], Config(root=root), **kw)
    assert not report.errors
    return {(Path(f.path).name, f.line, f.code) for f in report.findings}, report


def test_cross_module_coroutines_and_helpers(tmp_path):
    write(tmp_path, PROJECT)
    found, report = findings(tmp_path, use_cache=False, jobs=1)
    assert found == {
        ("handlers.py", 8, "ACK301"),   # fetch re-exported through app/__init__.py
        ("handlers.py", 9, "ACK103"),   # load_config -> _read -> open
        ("handlers.py", 11, "ACK301"),  # module attribute
        ("handlers.py", 14, "ACK301"),  # method of an instance of a project class
        ("handlers.py", 17, "ACK301"),  # inherited method
    }
    chain = next(f for f in report.findings if f.code == "ACK103")
    assert "`load_config()` blocks the event loop: it calls `_read()` -> `open(path)`" in chain.message


def test_parallel_run_matches_serial(tmp_path):
    files = dict(PROJECT)
    for i in range(12):
        files[f"app/extra_{i}.py"] = f"import asyncio\nasync def f{i}():\n    asyncio.sleep({i})\n"
    write(tmp_path, files)
    serial, _ = findings(tmp_path, use_cache=False, jobs=1)
    parallel, _ = findings(tmp_path, use_cache=False, jobs=2)
    assert serial == parallel and len(serial) == 17


def test_cache_rechecks_what_changed(tmp_path):
    write(tmp_path, PROJECT)
    cache = tmp_path / "cache"
    first, _ = findings(tmp_path, cache_dir=cache, jobs=1)
    again, _ = findings(tmp_path, cache_dir=cache, jobs=1)
    assert first == again
    # another module changes: load_config no longer blocks, and fetch stops being a coroutine function
    write(tmp_path, {"app/config.py": "def load_config():\n    return {}\n\ndef parse(t):\n    return t\n"})
    write(tmp_path, {"app/client.py": textwrap.dedent(PROJECT["app/client.py"]).replace("async def fetch", "def fetch")})
    changed, _ = findings(tmp_path, cache_dir=cache, jobs=1)
    assert changed == {("handlers.py", 14, "ACK301"), ("handlers.py", 17, "ACK301")}


def test_cache_respects_config(tmp_path):
    write(tmp_path, {"m.py": "import asyncio\nasync def f():\n    q = asyncio.Queue()\n    return q\n"})
    cache = tmp_path / "cache"
    found, _ = findings(tmp_path, cache_dir=cache)
    assert found == {("m.py", 3, "ACK501")}
    (tmp_path / "pyproject.toml").write_text('[tool.asynccheck]\nignore = ["ACK501"]\n')
    from asynccheck.config import discover

    report = lint_paths([tmp_path], discover([tmp_path]), cache_dir=cache)
    assert report.findings == []


def test_noqa_and_skip_file(tmp_path):
    write(tmp_path, {
        "a.py": "import time\nasync def f():\n    time.sleep(1)  # noqa: ACK101\n    time.sleep(2)  # noqa\n"
                "    time.sleep(3)  # noqa: E501\n    time.sleep(4)  # NOQA:ACK1\n",
        "b.py": "# asynccheck: skip-file\nimport time\nasync def f():\n    time.sleep(1)\n",
    })
    found, _ = findings(tmp_path, use_cache=False)
    assert found == {("a.py", 5, "ACK101")}


def test_unparsable_file_is_reported_and_others_checked(tmp_path):
    write(tmp_path, {
        "bad.py": "def f(:\n    pass\n",
        "bad_encoding.py": "# -*- coding: nope -*-\nx = 1\n",
        "good.py": "import time\nasync def f():\n    time.sleep(1)\n",
    })
    report = lint_paths([tmp_path], Config(root=tmp_path), use_cache=False)
    assert [(Path(f.path).name, f.code) for f in report.findings] == [("good.py", "ACK101")]
    errors = {Path(e.path).name: e for e in report.errors}
    assert set(errors) == {"bad.py", "bad_encoding.py"}
    assert errors["bad.py"].kind == "parse" and errors["bad.py"].line == 1
    assert errors["bad_encoding.py"].kind == "read"


def test_excludes_and_gitignore(tmp_path):
    import subprocess

    write(tmp_path, {
        "src/a.py": "import time\nasync def f():\n    time.sleep(1)\n",
        ".venv/lib/x.py": "import time\nasync def f():\n    time.sleep(1)\n",
        "generated/g.py": "import time\nasync def f():\n    time.sleep(1)\n",
        "ignored/i.py": "import time\nasync def f():\n    time.sleep(1)\n",
        ".gitignore": "ignored/\n",
        "pyproject.toml": '[tool.asynccheck]\nextend-exclude = ["generated"]\n',
    })
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    from asynccheck.config import discover

    report = lint_paths([tmp_path], discover([tmp_path]), use_cache=False)
    assert {Path(f.path).name for f in report.findings} == {"a.py"}


def test_named_files_still_use_the_whole_project(tmp_path):
    write(tmp_path, PROJECT)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'app'\n")
    handlers = tmp_path / "app" / "handlers.py"
    report = lint_paths([handlers], Config(root=tmp_path), use_cache=False, jobs=1)
    assert {(Path(f.path).name, f.line, f.code) for f in report.findings} == {
        ("handlers.py", 8, "ACK301"), ("handlers.py", 9, "ACK103"), ("handlers.py", 11, "ACK301"),
        ("handlers.py", 14, "ACK301"), ("handlers.py", 17, "ACK301"),
    }


def test_decorators_of_another_module(tmp_path):
    write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/testing.py": '''
            import asyncio
            import functools

            def gen_test(func=None, timeout=None):
                def wrap(f):
                    @functools.wraps(f)
                    def post(self, *args):
                        return self.io_loop.run_sync(functools.partial(f, self, *args), timeout=timeout)
                    return post
                if func is not None:
                    return wrap(func)
                return wrap

            def traced(f):
                @functools.wraps(f)
                async def wrapper(*args):
                    return await f(*args)
                return wrapper
        ''',
        "pkg/test_it.py": '''
            from pkg.testing import gen_test, traced
            from pkg import testing


            class T:
                def test_native(self):
                    @gen_test
                    async def test(self):
                        pass

                    test(self)

                    @testing.gen_test(timeout=0.1)
                    async def slow(self):
                        pass

                    slow(self)

                    @traced
                    async def kept(self):
                        pass

                    kept(self)
        ''',
    })
    found, report = findings(tmp_path, use_cache=False, jobs=1)
    assert found == {("test_it.py", 23, "ACK301")}
    message = next(f.message for f in report.findings)
    assert "add `await`" not in message and "asyncio.run" in message


def test_unawaited_in_plain_function_does_not_advise_await():
    from asynccheck.lint import lint_source
    from tests.lint.helpers import ALL

    source = "import asyncio\nasync def f():\n    pass\ndef g():\n    f()\nasync def h():\n    f()\n"
    messages = {f.line: f.message for f in lint_source(source, "m.py", ALL).findings if f.code == "ACK301"}
    assert set(messages) == {5, 7}
    assert "add `await`" not in messages[5] and "asyncio.run_coroutine_threadsafe" in messages[5]
    assert messages[7].endswith("add `await`")


def test_coroutines_of_other_modules_used_as_their_result(tmp_path):
    """A coroutine function of another module: tested, indexed or handed over as a plain callback is ACK301
    once the index knows it is `async def`; a plain function used the same way is not."""
    write(tmp_path, {
        "svc/__init__.py": "",
        "svc/api.py": '''
            async def is_ready():
                return True

            def is_ready_sync():
                return True
        ''',
        "svc/main.py": '''
            import asyncio
            from svc.api import is_ready, is_ready_sync


            async def main(loop: asyncio.AbstractEventLoop, fut):
                if is_ready():
                    pass
                if is_ready_sync():
                    pass
                loop.call_soon(is_ready())
                fut.add_done_callback(is_ready)
                fut.add_done_callback(is_ready_sync)
        ''',
    })
    found, report = findings(tmp_path, use_cache=False, jobs=1)
    assert found == {("main.py", 6, "ACK301"), ("main.py", 10, "ACK301"), ("main.py", 11, "ACK301")}
    messages = sorted(f.message for f in report.findings)
    assert any("tested for truth" in m for m in messages) and any("plain function" in m for m in messages)
    assert not any(f.fixable for f in report.findings)
