"""Which files a run over several folders reads: git is asked once per work tree, and each folder still gets
exactly the files it would get alone."""
from __future__ import annotations

import subprocess
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import files
from asynccheck.lint.files import discover


def _tree(root: Path, names) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")


def _git_calls(monkeypatch) -> list:
    calls = []
    real = subprocess.run

    def counting(cmd, *args, **kwargs):
        if cmd and cmd[0] == "git":
            calls.append(cmd)
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(files.subprocess, "run", counting)
    return calls


def _names(found, root: Path):
    return sorted(p.relative_to(root).as_posix() for p in found)


def test_folders_of_one_work_tree_take_one_git_call(tmp_path, monkeypatch):
    _tree(tmp_path, ["src/a.py", "src/sub/b.py", "tests/t.py", "tests/skip/s.py", "docs/d.py", "vendored/x.py"])
    (tmp_path / ".gitignore").write_text("skip/\nvendored/\n")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    folders = [tmp_path / "src", tmp_path / "tests", tmp_path / "docs", tmp_path / "vendored"]
    alone = sorted(p for folder in folders for p in discover([folder], Config(root=tmp_path))[0])
    calls = _git_calls(monkeypatch)
    together, missing = discover(folders, Config(root=tmp_path))
    assert len(calls) == 1 and not missing
    assert together == alone
    # the ignored folder named on purpose is walked; the ignored folder under a named one is not
    assert _names(together, tmp_path) == ["docs/d.py", "src/a.py", "src/sub/b.py", "tests/t.py", "vendored/x.py"]


def test_folders_of_different_work_trees_are_listed_apart(tmp_path, monkeypatch):
    for repo in ("one", "two"):
        _tree(tmp_path / repo, ["pkg/a.py", "pkg/gen/g.py"])
        (tmp_path / repo / ".gitignore").write_text("gen/\n")
        subprocess.run(["git", "init", "-q"], cwd=tmp_path / repo, check=True)
    folders = [tmp_path / "one" / "pkg", tmp_path / "two" / "pkg"]
    calls = _git_calls(monkeypatch)
    found, _ = discover(folders, Config(root=tmp_path))
    assert len(calls) == 2
    assert _names(found, tmp_path) == ["one/pkg/a.py", "two/pkg/a.py"]


def test_folders_outside_git_are_walked(tmp_path):
    _tree(tmp_path, ["a/x.py", "b/y.py", "b/notes.txt"])
    found, _ = discover([tmp_path / "a", tmp_path / "b"], Config(root=tmp_path))
    assert _names(found, tmp_path) == ["a/x.py", "b/y.py"]
