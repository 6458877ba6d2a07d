"""Linting an editor's unsaved buffer (lint.buffer, what `asynccheck server` runs): the project's facts, the
other open buffers, the configuration as it is now, and nothing of the buffer left in the disk cache."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from asynccheck.config import ConfigError
from asynccheck.lint.buffer import Buffers, fix_text

MAIN = """\
import time
from pkg.helpers import fetch


async def handler():
    time.sleep(1)
    fetch()
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "helpers.py").write_text("async def fetch():\n    return 1\n")
    (tmp_path / "pkg" / "main.py").write_text("")  # on disk: empty; the buffer is what counts
    return tmp_path


def codes(result):
    return sorted((f.code, f.line) for f in result.findings)


def test_the_buffer_is_linted_with_the_other_modules_facts(project):
    result = Buffers().lint(project / "pkg" / "main.py", MAIN)
    assert codes(result) == [("ACK101", 6), ("ACK301", 7)]  # fetch is a coroutine in another module
    assert result.error is None


def test_a_plain_function_of_the_same_name_is_not_a_coroutine(project):
    (project / "pkg" / "helpers.py").write_text("def fetch():\n    return 1\n")
    assert codes(Buffers().lint(project / "pkg" / "main.py", MAIN)) == [("ACK101", 6)]


def test_other_open_buffers_count_with_their_unsaved_text(project):
    helpers = project / "pkg" / "helpers.py"
    helpers.write_text("def fetch():\n    return 1\n")  # saved: a plain function; unsaved: a coroutine
    unsaved = {str(helpers): "async def fetch():\n    return 1\n"}
    assert codes(Buffers().lint(project / "pkg" / "main.py", MAIN, unsaved)) == [("ACK101", 6), ("ACK301", 7)]


def test_the_configuration_is_read_again_when_it_changes(project):
    buffers = Buffers()
    main = project / "pkg" / "main.py"
    assert codes(buffers.lint(main, MAIN)) == [("ACK101", 6), ("ACK301", 7)]
    pyproject = project / "pyproject.toml"
    pyproject.write_text('[project]\nname = "demo"\n\n[tool.asynccheck]\nignore = ["ACK301"]\n')
    assert codes(buffers.lint(main, MAIN)) == [("ACK101", 6)]
    pyproject.write_text('[tool.asynccheck]\nignore = ["ACK101"]\n')
    stat = pyproject.stat()
    os.utime(pyproject, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a coarse clock still sees it
    assert codes(buffers.lint(main, MAIN)) == [("ACK301", 7)]
    pyproject.write_text('[tool.asynccheck]\nignore = ["NOPE"]\n')
    os.utime(pyproject, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    with pytest.raises(ConfigError):
        buffers.lint(main, MAIN)


def test_a_half_typed_buffer_is_an_error_not_an_exception(project):
    result = Buffers().lint(project / "pkg" / "main.py", "async def handler(:\n    time.sleep(\n")
    assert result.findings == [] and result.error is not None and result.error.kind == "parse"
    assert result.error.line == 1


def test_buffers_stay_out_of_the_disk_cache(project):
    buffers = Buffers()
    main = project / "pkg" / "main.py"
    buffers.lint(main, MAIN)
    entries = lambda: sorted(p.name for p in (project / ".asynccheck_cache").rglob("*") if p.is_file())  # noqa: E731
    before = entries()
    for n in range(3):
        buffers.lint(main, MAIN + f"# typing {n}\n")
    assert entries() == before  # the other files' entries were written once; no keystroke adds any


def test_a_fix_can_be_picked_by_code_and_place(project):
    result = Buffers().lint(project / "pkg" / "main.py", MAIN)
    only_await = fix_text(result, unsafe=False, where=lambda code, span: code == "ACK301" and span[:2] == (7, 4))
    assert only_await == MAIN.replace("    fetch()", "    await fetch()")
    both = fix_text(result, unsafe=False)
    assert "await asyncio.sleep(1)" in both and "await fetch()" in both
    assert fix_text(result, unsafe=False, where=lambda code, span: span[0] == 1) is None  # nothing there


def test_a_loose_file_is_linted_alone(tmp_path):
    # no pyproject.toml, setup.py or .git: its folder is not walked (it could be a home folder)
    (tmp_path / "helpers.py").write_text("async def fetch():\n    return 1\n")
    script = tmp_path / "script.py"
    result = Buffers().lint(script, "import time\n\nasync def main():\n    time.sleep(1)\n")
    assert codes(result) == [("ACK101", 4)]


def test_a_coding_declaration_is_respected(project):
    text = "# -*- coding: latin-1 -*-\nimport time\n\nasync def main():\n    time.sleep(1)  # é\n"
    result = Buffers().lint(project / "pkg" / "main.py", text)
    assert codes(result) == [("ACK101", 5)] and result.error is None
