"""A program run by `asynccheck run` sees the start python gives it: the probe (programs/start_probe.py) prints
everything a program can read of its own start, and its output under python and under the checker must match
line by line, for a script (as typed, `./app.py`; a .pyc), `-m pkg`, `-m pkg.mod`, a folder and a zip archive with a
`__main__.py`, with `-W error` and with PYTHONWARNINGS. What the checker's presence needs (docs/runtime.md, "What
the program sees") is taken out of the checked run's output first, and nothing else: one entry at the front of
`warnings.filters`, one finder at the front of `sys.meta_path`, a stand-in for the default exception printers
(`sys.excepthook`, `sys.unraisablehook`: the very objects in `sys.__excepthook__`...), the checker's own
modules' folders in `sys.path_importer_cache`."""
import ast
import json
import os
import py_compile
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import asynccheck

PROBE = Path(__file__).parent / "programs" / "start_probe.py"
SHAPES = {
    "script": ["app.py"], "script as ./": ["./app.py"], "package": ["-m", "pkg"], "module": ["-m", "pkg.mod"],
    "folder": ["appdir"], "zip archive": ["app.zip"], "compiled": ["app.pyc"],
}
WARNINGS = {"": ([], {}), "-W error": (["-W", "error"], {}),
            "PYTHONWARNINGS": ([], {"PYTHONWARNINGS": "error::DeprecationWarning"})}


def _layout(root: Path) -> None:
    source = PROBE.read_text()
    (root / "app.py").write_text(source)
    (root / "pkg").mkdir()
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "mod.py").write_text(source)
    (root / "pkg" / "__main__.py").write_text("from pkg.mod import main\nmain()\n")
    (root / "appdir").mkdir()
    (root / "appdir" / "__main__.py").write_text(source)
    with zipfile.ZipFile(root / "app.zip", "w") as archive:
        archive.writestr("__main__.py", source)
    py_compile.compile(str(root / "app.py"), cfile=str(root / "app.pyc"), doraise=True)


def _seen(proc: subprocess.CompletedProcess) -> dict:
    assert proc.returncode == 0, proc.stderr
    return dict(line.split(": ", 1) for line in proc.stdout.splitlines())


def _without_the_checker(seen: dict, prefix: str = "") -> dict:
    """The checked run's observations less what the checker's presence needs (and is documented); ``prefix``:
    those of the spawned child (which is checked too), whose lines start with "child "."""
    if not prefix and "child argv" in seen:
        _without_the_checker(seen, "child ")
    ours = "('ignore', '', '_Category', '', 0), "  # the warning placement entry (runtime/warning_sites.py)
    filters, meta_path, unraisable, cache = (prefix + key for key in
                                             ("warnings.filters", "meta_path", "unraisablehook", "path_importer_cache"))
    finder = "['asynccheck.on_import.OnImport', "  # patches a module when the program imports it
    if prefix:  # the probe's child never imports asyncio: its session waits for it, with one finder
        assert seen[meta_path].startswith(finder)
        seen[meta_path] = "[" + seen[meta_path][len(finder):]
        seen[cache] = _without_our_folders(seen[cache])
        return seen
    assert seen[filters].startswith("[" + ours) or seen[filters] == "[" + ours[:-2] + "]"
    seen[filters] = seen[filters].replace(ours, "", 1).replace(ours[:-2], "", 1)
    assert seen[meta_path].startswith(finder)
    seen[meta_path] = "[" + seen[meta_path][len(finder):]
    # (the default exception printers are called through a stand-in, the same object as sys.__unraisablehook__,
    # whose type is named as the original's: nothing to take out)
    seen[cache] = _without_our_folders(seen[cache])
    # the watchdog's timer of full garbage collections (runtime/full_collections.py), last in gc.callbacks
    collector = "'asynccheck.runtime.full_collections'"
    assert seen["gc"].endswith(collector + "])"), seen["gc"]
    seen["gc"] = seen["gc"].replace(", " + collector + "]", "]").replace("[" + collector + "]", "[]")
    return seen


def _without_our_folders(listing: str) -> str:
    package = os.path.dirname(asynccheck.__file__)  # the checker's own packages' folders, as of any import
    return str([entry for entry in ast.literal_eval(listing)
                if entry != package and not entry.startswith(package + os.sep)])


def _run(root: Path, interpreter_options, args, env):
    return subprocess.run([sys.executable, *interpreter_options, *args], capture_output=True, text=True,
                          timeout=180, cwd=root, env=env)


@pytest.mark.parametrize("warning_options", list(WARNINGS))
@pytest.mark.parametrize("shape", list(SHAPES))
def test_the_program_sees_the_start_python_gives_it(tmp_path, shape, warning_options):
    _layout(tmp_path)
    options, extra = WARNINGS[warning_options]
    env = dict(os.environ, **extra)
    env.pop("PYTHONWARNINGS", None) if not extra else None
    env["START_PROBE_ENV"] = json.dumps(sorted(env))
    if shape in ("script", "module") and not warning_options:
        env["START_PROBE_SPAWN"] = "1"  # a spawned child unpickles a class of __main__ (slow: two shapes only)
    report = tmp_path / "report.txt"
    plain = _run(tmp_path, options, SHAPES[shape] + ["a", "b"], env)
    checked = _run(tmp_path, options, ["-m", "asynccheck", "run", "--output", str(report), *SHAPES[shape],
                                       "a", "b"], env)
    assert checked.stderr == plain.stderr
    expected, seen = _seen(plain), _without_the_checker(_seen(checked))
    assert list(seen) == list(expected)
    for key in expected:
        assert (key, seen[key]) == (key, expected[key])
    assert "All checks passed" in report.read_text()


def test_the_launchers_folder_leaves_no_trace_in_the_importer_cache(tmp_path):
    # run through the console script, whose folder python put first in sys.path: the program's folder replaces
    # it there, and in sys.path_importer_cache, where python has an entry for the script itself
    _layout(tmp_path)
    script = shutil.which("asynccheck", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("no asynccheck console script beside this interpreter")
    env = dict(os.environ, START_PROBE_ENV=json.dumps(sorted(os.environ)))
    plain = _seen(_run(tmp_path, [], ["app.py"], env))
    checked = _seen(subprocess.run([script, "run", "--output", str(tmp_path / "r.txt"), "app.py"],
                                   capture_output=True, text=True, timeout=180, cwd=tmp_path, env=env))
    assert _without_our_folders(checked["path_importer_cache"]) == plain["path_importer_cache"]
    assert str(tmp_path / "app.py") in plain["path_importer_cache"]
    assert checked["path"] == plain["path"]
