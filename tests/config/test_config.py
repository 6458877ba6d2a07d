"""[tool.asynccheck]: every key is read and checked; a bad key or value names the key and the file."""
from __future__ import annotations

from pathlib import Path

import pytest

from asynccheck import config


def write(tmp_path: Path, body: str, name: str = "pyproject.toml") -> Path:
    path = tmp_path / name
    path.write_text(body)
    return path


def test_reads_every_key(tmp_path):
    path = write(tmp_path, '''
[tool.asynccheck]
select = ["ACK1", "lock-across-await"]
extend-select = ["ACK502"]
ignore = ["ACK108"]
per-file-ignores = {"tests/*" = ["ACK101"]}
exclude = ["build"]
extend-exclude = ["generated"]
blocking-calls = {"legacy.db.query" = "ACK105"}
coroutine-functions = ["mylib.fetch"]
stall-ms = 250
queue-threshold = 500
include-site-packages = true
''')
    cfg = config.load_file(path)
    assert cfg.source == path and cfg.root == tmp_path.resolve()
    assert "ACK101" in cfg.enabled and "ACK201" in cfg.enabled and "ACK502" in cfg.enabled
    assert "ACK108" not in cfg.enabled and "ACK301" not in cfg.enabled
    assert "ACK101" not in cfg.codes_for(tmp_path / "tests" / "test_x.py")
    assert "ACK101" in cfg.codes_for(tmp_path / "src" / "x.py")
    assert cfg.blocking_calls == (("legacy.db.query", "ACK105"),)
    assert cfg.coroutine_functions == ("mylib.fetch",)
    assert cfg.stall_ms == 250.0 and cfg.queue_threshold == 500 and cfg.include_site_packages is True
    assert cfg.is_excluded(tmp_path / "generated" / "x.py") and cfg.is_excluded(tmp_path / "build" / "a.py")
    assert not cfg.is_excluded(tmp_path / "src" / "a.py")


@pytest.mark.parametrize("body, needle", [
    ('[tool.asynccheck]\nselet = ["ACK1"]\n', "unknown key 'tool.asynccheck.selet'"),
    ('[tool.asynccheck]\nselect = "ACK1"\n', "'tool.asynccheck.select' must be a list of strings"),
    ('[tool.asynccheck]\nignore = ["ACK999"]\n', "'tool.asynccheck.ignore'"),
    ('[tool.asynccheck]\nstall-ms = -1\n', "'tool.asynccheck.stall-ms' must be a positive number"),
    ('[tool.asynccheck]\nblocking-calls = {"x.y" = "ACK301"}\n', "'tool.asynccheck.blocking-calls'"),
    ('[tool.asynccheck]\nper-file-ignores = ["x"]\n', "'tool.asynccheck.per-file-ignores' must be a table"),
    ('[tool.asynccheck\n', "invalid TOML"),
])
def test_errors_name_key_and_file(tmp_path, body, needle):
    path = write(tmp_path, body)
    with pytest.raises(config.ConfigError) as err:
        config.load_file(path)
    assert needle in str(err.value) and str(path) in str(err.value)


def test_discovery_prefers_nearest(tmp_path):
    write(tmp_path, '[tool.asynccheck]\nignore = ["ACK101"]\n')
    sub = tmp_path / "pkg"
    sub.mkdir()
    write(sub, '[project]\nname = "x"\n')  # no [tool.asynccheck]: keep looking upwards
    assert config.discover([sub]).source == tmp_path / "pyproject.toml"
    write(sub, 'ignore = ["ACK102"]\n', "asynccheck.toml")
    found = config.discover([sub])
    assert found.source == sub / "asynccheck.toml" and "ACK102" not in found.enabled


def test_defaults_without_file(tmp_path):
    cfg = config.discover([tmp_path])
    assert cfg.source is None and cfg.enabled == {r.code for r in __import__("asynccheck.rules").rules.RULES if r.default}


def test_command_line_override_validates():
    with pytest.raises(config.ConfigError, match="command line"):
        config.Config().override(select=["NOPE"])
    cfg = config.Config().override(select=["ACK101"], extend_select=["ACK502"], stall_ms=5.0)
    assert cfg.enabled == {"ACK101", "ACK502"} and cfg.stall_ms == 5.0


def test_exclude_patterns_matched_at_once_as_one_by_one():
    # discovery tests every file against all patterns in one regex: the same answers as pattern by pattern
    from asynccheck.config import _excluder, _matches

    patterns = ("build", "docs/*.py", "*_pb2.py", "a[bc]/", ".venv", "x?z", "tests/data/**", "gen/")
    for rel in ["build/x.py", "src/build", "src/builder.py", "docs/a.py", "docs/sub/a.py", "m_pb2.py", "ab/c.py",
                "ad/c.py", "q/.venv/lib.py", "xyz", "xyzz.py", "tests/data/a/b.py", "tests/x.py", "BUILD/x.py",
                "gen", "gen/x.py", "regen/x.py"]:
        assert _excluder(patterns)(rel) == any(_matches(p, rel, any_part=True) for p in patterns), rel
    assert _excluder(())("anything.py") is False
