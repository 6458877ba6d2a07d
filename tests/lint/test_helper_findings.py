"""Blocking-helper findings across modules: where they point (the helper's definition), and the text report's
one line for a helper that many call sites blame."""
from __future__ import annotations

import textwrap
from pathlib import Path

from .test_project import findings, write


HELPERS = {
    "app/__init__.py": "",
    "app/config.py": '''
        import sys

        if sys.platform == "win32":
            def load_config():
                return {}
        else:
            def load_config():
                with open("settings.ini") as fh:
                    return fh.read()

        class Runner:
            class Inner:
                def run(self):
                    return load_config()
    ''',
    "app/handlers.py": '''
        from app.config import Runner, load_config


        async def handler():
            load_config()
            Runner.Inner().run()
            sorted([])
    ''',
}


def test_a_blocking_helper_finding_points_at_the_helper(tmp_path):
    write(tmp_path, HELPERS)
    _, report = findings(tmp_path, use_cache=False, jobs=1)
    related = {f.line: f.related for f in report.findings}
    assert set(related) == {5, 6}
    (load,), (run,) = related[5], related[6]
    assert (Path(load.path).name, load.line, load.role) == ("config.py", 7, "helper")  # the last definition
    assert load.message == ("`load_config()` is defined here; it calls `open(\"settings.ini\")`, which does "
                            "file-system I/O on the event loop's thread")
    assert (Path(run.path).name, run.line) == ("config.py", 13)
    assert run.message.startswith("`Inner.run()` is defined here; it calls `load_config()` -> `open(")


def test_def_lines():
    from asynccheck.lint.definitions import def_lines

    source = textwrap.dedent('''
        try:
            import fast
        except ImportError:
            def fallback():
                pass

        class A:
            def f(self):
                def inner():
                    pass

        async def g():
            pass
    ''').encode()
    assert def_lines(source) == {"fallback": 5, "A": 8, "A.f": 9, "A.f.inner": 10, "g": 13}
    assert def_lines(b"def broken(:\n") == {}


def test_text_report_names_a_helper_blamed_by_three_call_sites_once(tmp_path):
    from asynccheck.report import render

    files = dict(HELPERS)
    files["app/views.py"] = '''
        from app.config import load_config


        async def index():
            return load_config()


        async def about():
            return load_config()
    '''
    write(tmp_path, files)
    _, report = findings(tmp_path, use_cache=False, jobs=1)
    out = render(report, "text").splitlines()
    causes = [line for line in out if "root cause" in line]
    assert len(causes) == 1 and causes[0].endswith(
        "config.py:7: root cause of 3 ACK103 findings above: `load_config()` is defined here; it calls "
        "`open(\"settings.ini\")`, which does file-system I/O on the event loop's thread. Make it a coroutine "
        "function, or run it with `await asyncio.to_thread(...)` inside one async wrapper that the call sites "
        "await, instead of fixing 3 call sites one by one")
    assert out.index(causes[0]) == len(out) - 2  # after the findings, before the count
    listed = [line for line in out if ": ACK103 " in line]
    assert len(listed) == 4  # every call site is still listed: 3 of `load_config()`, 1 of `Inner.run()`
    # the helper blamed once keeps its place under its finding
    assert sum(line.startswith("    ") and "`Inner.run()` is defined here" in line for line in out) == 1
    assert not any(line.startswith("    ") and "`load_config()` is defined here" in line for line in out)


def test_definitions_read_a_module_known_only_by_its_path(tmp_path):
    from asynccheck.lint.definitions import Definitions

    (tmp_path / "config.py").write_text("import os\n\n\ndef load():\n    return open('x')\n")
    found = Definitions({"app.config": (str(tmp_path / "config.py"), None), "app.gone": ("/nonexistent.py", None)})
    assert found.locate("app.config.load") == (str(tmp_path / "config.py"), 4)
    assert found.locate("app.config.missing") is None
    assert found.locate("app.gone.load") is None
    assert found.locate("other.load") is None
