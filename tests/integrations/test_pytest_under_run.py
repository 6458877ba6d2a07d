"""`asynccheck run -m pytest`: asynccheck is imported before pytest starts. Installed from a wheel, its pytest
plugin makes pytest mark the `asynccheck` package for assertion rewriting, which warned "Module already imported
so cannot be rewritten; asynccheck" (an error under `-W error`, as many projects' settings are). The editable
install the tests run from lists no such module, so the test asks for the rewrite itself, as pytest does."""
import subprocess
import sys


def test_no_rewrite_warning_for_asynccheck(tmp_path):
    (tmp_path / "conftest.py").write_text('import pytest\n\npytest.register_assert_rewrite("asynccheck")\n')
    (tmp_path / "test_one.py").write_text("def test_one():\n    assert 1 + 1 == 2\n")
    options = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:asynccheck",
               "-W", "error::pytest.PytestAssertRewriteWarning"]
    for launcher in ([sys.executable], [sys.executable, "-m", "asynccheck", "run"]):
        proc = subprocess.run([*launcher, *options], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "1 passed" in proc.stdout and "warning" not in proc.stdout
