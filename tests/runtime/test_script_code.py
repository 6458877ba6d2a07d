"""`asynccheck run SCRIPT` compiles a plain source file itself (runpy.run_path would import pkgutil only to find
out that it is one), runs a directory or a zip archive with a __main__.py as python does (that module, through
runpy's entry for -m) and a .pyc file as python reads it, and hands a file that does not compile to run_path.
Each runs as under python, with the same output and exit status."""
import py_compile
import subprocess
import sys
import textwrap
import zipfile

import pytest

_MAIN = textwrap.dedent("""\
    import sys
    print(__name__, __file__.rsplit("/", 1)[-1], sys.argv[1:], sys.path[0].rsplit("/", 1)[-1])
    print("pkgutil imported:", "pkgutil" in sys.modules)
    """)


def _both(tmp_path, *args):
    plain = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    checked = subprocess.run([sys.executable, "-m", "asynccheck", "run", "--output", str(tmp_path / "report.txt"),
                              *args], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    return plain, checked


def test_a_source_file_runs_as_under_python_without_pkgutil(tmp_path):
    (tmp_path / "app.py").write_text(_MAIN)
    plain, checked = _both(tmp_path, "app.py", "x")
    assert plain.returncode == checked.returncode == 0
    assert checked.stdout.splitlines()[0] == plain.stdout.splitlines()[0] == f"__main__ app.py ['x'] {tmp_path.name}"
    if sys.version_info >= (3, 10):  # (3.9's runpy imports pkgutil itself)
        assert checked.stdout.splitlines()[1] == "pkgutil imported: False"


@pytest.mark.parametrize("kind", ["directory", "zip", "zip named .py", "pyc"])
def test_other_kinds_of_script_run_as_under_python(tmp_path, kind):
    if kind == "directory":
        (tmp_path / "app").mkdir()
        (tmp_path / "app" / "__main__.py").write_text(_MAIN)
        target = "app"
    elif kind.startswith("zip"):
        target = "app.py" if kind.endswith(".py") else "app.zip"
        with zipfile.ZipFile(tmp_path / target, "w") as archive:
            archive.writestr("__main__.py", _MAIN)
    else:
        (tmp_path / "source.py").write_text(_MAIN)
        py_compile.compile(str(tmp_path / "source.py"), cfile=str(tmp_path / "app.pyc"), doraise=True)
        target = "app.pyc"
    plain, checked = _both(tmp_path, target, "x")
    assert plain.returncode == checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[0] == plain.stdout.splitlines()[0]


def test_a_file_that_does_not_compile_fails_as_under_python(tmp_path):
    (tmp_path / "bad.py").write_text("def f(:\n")
    plain, checked = _both(tmp_path, "bad.py")
    assert plain.returncode == checked.returncode == 1
    assert checked.stderr == plain.stderr
