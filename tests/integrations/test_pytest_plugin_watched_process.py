"""`--asynccheck` in a process the checker watches already: `asynccheck run -m pytest --asynccheck`, and a pytest
run made inside a checked test (pytester's inline runs, as a pytest plugin's own suite makes them). One runtime per
process: the plugin leaves the watching to the one installed, and the run ends as it does unchecked."""
from __future__ import annotations

import subprocess
import sys

TESTS = '''
import asyncio


async def notify():
    await asyncio.sleep(0)


def test_drops_a_coroutine():
    async def main():
        notify()
        await asyncio.sleep(0)
    asyncio.run(main())


def test_clean():
    asyncio.run(asyncio.sleep(0))
'''


def run(tmp_path, *launcher):
    return subprocess.run([sys.executable, *launcher, "-p", "no:cacheprovider", "-p", "no:randomly",
                           "test_suite.py"], cwd=tmp_path, capture_output=True, text=True, timeout=240)


def test_asynccheck_run_of_pytest_with_the_plugin_on(tmp_path):
    (tmp_path / "test_suite.py").write_text(TESTS)
    plain = run(tmp_path, "-m", "pytest")
    checked = run(tmp_path, "-m", "asynccheck", "run", "-m", "pytest", "--asynccheck")
    assert plain.returncode == 0 and "2 passed" in plain.stdout, plain.stdout + plain.stderr
    assert "INTERNALERROR" not in checked.stdout + checked.stderr, checked.stderr
    assert "2 passed" in checked.stdout, checked.stdout + checked.stderr
    assert "watched already" in checked.stdout
    # the outer run still reports what the tests did, at the line that dropped the coroutine
    assert "ACK301" in checked.stdout + checked.stderr and "test_suite.py:11" in checked.stdout + checked.stderr


INNER = '''
pytest_plugins = "pytester"


def test_inner_run(pytester):
    pytester.makepyfile("""
        import asyncio

        def test_inner():
            asyncio.run(asyncio.sleep(0))
    """)
    pytester.runpytest("--asynccheck").assert_outcomes(passed=1)
'''


def test_inline_pytest_run_inside_a_checked_test(tmp_path):
    (tmp_path / "test_suite.py").write_text(INNER)
    plain = run(tmp_path, "-m", "pytest")
    checked = run(tmp_path, "-m", "pytest", "--asynccheck")
    assert plain.returncode == 0 and "1 passed" in plain.stdout, plain.stdout + plain.stderr
    assert checked.returncode == 0 and "1 passed" in checked.stdout, checked.stdout + checked.stderr
    assert "INTERNALERROR" not in checked.stdout + checked.stderr
