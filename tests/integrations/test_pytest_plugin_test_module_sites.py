"""Test modules are loaded by pytest's assertion rewriter, not the source loader: up to 3.11 their call sites (``fut.set_result``, ``loop.call_soon`` on uvloop) are checked there too, asserts still rewritten,
and no checked code is left in pytest's ``.pyc`` for a run without the checker."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("pytest_asyncio")

TESTS = '''
import asyncio
import threading


async def test_future_set_from_a_thread():
    fut = asyncio.get_running_loop().create_future()
    thread = threading.Thread(target=lambda: fut.set_result(1))
    thread.start()
    await asyncio.to_thread(thread.join)


async def test_future_set_on_its_loop():
    fut = asyncio.get_running_loop().create_future()
    fut.set_result(1)
    task = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    task.cancel()
    assert await fut == 1


async def test_loop_poked_from_a_thread():
    loop = asyncio.get_running_loop()
    woken = asyncio.Event()
    thread = threading.Thread(target=lambda: loop.call_soon(woken.set))
    thread.start()
    await asyncio.to_thread(thread.join)
    await asyncio.wait_for(woken.wait(), 2)


def test_assert_still_rewritten():
    values = [1, 2]
    assert values == [1, 3]
'''


@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
def test_call_sites_of_test_modules_are_checked(pytester, tmp_path, loop):
    if loop == "uvloop":
        pytest.importorskip("uvloop")
    policy = ("\nimport uvloop, pytest\n\n@pytest.fixture(scope='session')\ndef event_loop_policy():\n"
              "    return uvloop.EventLoopPolicy()\n") if loop == "uvloop" else ""
    pytester.makeconftest(policy)
    pytester.makepyfile(test_sites=TESTS)
    pytester.makeini("[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
                     "filterwarnings = ignore::DeprecationWarning\n")
    report = tmp_path / "findings.json"
    # a plain run first leaves pytest's own .pyc files: the checked run must not load them
    pytester.runpytest_subprocess("-p", "no:randomly")
    result = pytester.runpytest_subprocess("-p", "no:randomly", "--asynccheck", f"--asynccheck-report={report}")
    found = {(d["code"], d["test"].split("::")[1], d["path"], d["line"])
             for d in json.loads(report.read_text())["findings"]}
    set_line = TESTS.strip().splitlines().index("    thread = threading.Thread(target=lambda: fut.set_result(1))") + 1
    poke_line = TESTS.strip().splitlines().index(
        "    thread = threading.Thread(target=lambda: loop.call_soon(woken.set))") + 1
    assert ("ACK401", "test_future_set_from_a_thread", "test_sites.py", set_line) in found
    assert ("ACK402", "test_loop_poked_from_a_thread", "test_sites.py", poke_line) in found
    assert not {f for f in found if f[1] in ("test_future_set_on_its_loop", "test_assert_still_rewritten")}
    assert "assert [1, 2] == [1, 3]" in result.stdout.str()  # pytest's rewritten assert still explains itself
    # nothing checked was cached: a plain run afterwards loads the modules as pytest compiles them
    again = pytester.runpytest_subprocess("-p", "no:randomly")
    again.assert_outcomes(passed=3, failed=1)
