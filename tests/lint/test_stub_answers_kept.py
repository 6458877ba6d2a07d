"""Stub answers are kept in the lint cache: a warm run asks the decisions across modules about library types
again, and must not read stubs (nor import typeshed-client) for answers an earlier run found. They are stamped by
the folders packages are installed in: installing one makes them be asked afresh."""
import pytest

from asynccheck.lint import stubs
from asynccheck.lint.cache import Cache


@pytest.fixture
def fresh_answers(monkeypatch):
    monkeypatch.setattr(stubs, "_known", {})
    monkeypatch.setattr(stubs, "_returns", {})
    monkeypatch.setattr(stubs, "_recalled", 0)


def test_an_earlier_runs_answers_are_recalled_without_reading_a_stub(tmp_path, fresh_answers, monkeypatch):
    cache = Cache(tmp_path / "cache")
    stubs.recall(cache)
    answer = stubs.known_type("pathlib.PosixPath")
    stubs.keep(cache)

    # a new process: nothing known; reading a stub now would fail the test
    monkeypatch.setattr(stubs, "_known", {})
    monkeypatch.setattr(stubs, "_returns", {})
    monkeypatch.setattr(stubs, "_get_resolver", lambda: pytest.fail("a stub was read for a kept answer"))
    stubs.recall(cache)
    assert stubs.known_type("pathlib.PosixPath") == answer


def test_answers_are_not_recalled_once_a_package_folder_changed(tmp_path, fresh_answers, monkeypatch):
    cache = Cache(tmp_path / "cache")
    stubs.recall(cache)
    stubs.known_type("pathlib.PosixPath")
    stubs.keep(cache)
    monkeypatch.setattr(stubs, "_known", {})
    installed = tmp_path / "site-packages"
    installed.mkdir()
    monkeypatch.syspath_prepend(str(installed))  # (a package folder the stamp did not know)
    stubs.recall(cache)
    assert stubs._known == {}
