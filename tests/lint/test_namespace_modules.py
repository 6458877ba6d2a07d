"""A folder without __init__.py inside a regular package is a namespace portion (PEP 420): `pkg/a/main.py` is
`pkg.a.main`, whether the file is linted alone or in its tree, and is not confused with `pkg/b/main.py`. A folder
of scripts at the top (no package above) keeps naming its modules by their stems, as they import each other."""
from __future__ import annotations

from pathlib import Path

import pytest

from asynccheck.lint.files import module_name

from .helpers import named_findings, write_project

FILES = {
    "pyproject.toml": "",
    "pkg/__init__.py": "",
    "pkg/a/main.py": '''
        import time

        def helper():
            time.sleep(1)
    ''',
    "pkg/b/main.py": '''
        def helper():
            return 1
    ''',
    "pkg/a/user.py": '''
        from pkg.a.main import helper as absolute
        from .main import helper as relative

        async def run():
            absolute()
            relative()
    ''',
    "pkg/b/user.py": '''
        from .main import helper

        async def run():
            helper()
    ''',
    "pkg/a/deeper/more/job.py": '''
        from pkg.a.main import helper

        async def run():
            helper()
    ''',
    "scripts/tools.py": '''
        import requests

        def fetch():
            return requests.get("http://x")
    ''',
    "scripts/job.py": '''
        from tools import fetch

        async def main():
            fetch()
    ''',
}
EXPECTED = {("pkg/a/user.py", 5, "ACK101"), ("pkg/a/user.py", 6, "ACK101"), ("pkg/a/deeper/more/job.py", 4, "ACK101"),
            ("scripts/job.py", 4, "ACK102")}


def test_names(tmp_path: Path):
    write_project(tmp_path, FILES)
    assert module_name(tmp_path / "pkg/a/main.py") == ("pkg.a.main", False)
    assert module_name(tmp_path / "pkg/a/deeper/more/job.py") == ("pkg.a.deeper.more.job", False)
    assert module_name(tmp_path / "scripts/job.py") == ("job", False)


@pytest.mark.parametrize("name", [".", "pkg/a/user.py", "pkg/b/user.py", "pkg/a/deeper/more/job.py", "scripts/job.py"])
def test_same_findings_alone_and_in_the_tree(tmp_path: Path, name: str):
    write_project(tmp_path, FILES)
    codes = ["ACK101", "ACK102"]
    found = named_findings(tmp_path, name, codes)
    assert found == {f for f in EXPECTED if name == "." or f[0] == name}
