"""The `def` lines a finding's related location needs are kept in the lint cache: a warm run parses none of the
blamed helpers' files again (they were ~10% of a warm run's CPU on the bench corpus)."""
from asynccheck.lint import definitions
from asynccheck.lint.cache import Cache
from asynccheck.lint.definitions import Definitions

SOURCE = b"import time\n\n\nclass Store:\n    def load(self):\n        time.sleep(1)\n"


def test_def_lines_come_from_the_cache_on_a_warm_run(tmp_path, monkeypatch):
    parsed = []
    real = definitions.def_lines
    monkeypatch.setattr(definitions, "def_lines", lambda source: parsed.append(source) or real(source))
    cache = Cache(tmp_path / "cache")
    modules = {"app.store": (str(tmp_path / "store.py"), SOURCE)}
    assert Definitions(modules, cache).locate("app.store.Store.load") == (str(tmp_path / "store.py"), 5)
    assert Definitions(modules, cache).locate("app.store.Store.load") == (str(tmp_path / "store.py"), 5)
    assert len(parsed) == 1
    # an edited file is parsed again
    edited = {"app.store": (str(tmp_path / "store.py"), b"\n" + SOURCE)}
    assert Definitions(edited, cache).locate("app.store.Store.load") == (str(tmp_path / "store.py"), 6)
    assert len(parsed) == 2


def test_without_a_cache_each_run_parses(tmp_path):
    modules = {"app.store": (str(tmp_path / "store.py"), SOURCE)}
    assert Definitions(modules).locate("app.store.Store") == (str(tmp_path / "store.py"), 4)
