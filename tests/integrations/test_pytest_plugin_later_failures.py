"""A task one test makes that fails while a later test runs (a module-scoped loop outlives the test): the finding is
the maker's, the later test keeps its outcome, and a failing run still fails."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("pytest_asyncio")
pytest.importorskip("xdist")

MODULE_LOOP = '''
import asyncio
import time

import pytest

pytestmark = pytest.mark.asyncio(loop_scope="module")

kept = []


async def flush_later(delay):
    await asyncio.sleep(delay)
    raise ConnectionError("flush failed")


async def test_schedules_flush():
    asyncio.create_task(flush_later(0.05))


async def test_keeps_its_flush():
    kept.append(asyncio.create_task(flush_later(0.05)))


async def test_waits_while_the_flushes_fail():
    await asyncio.sleep(0.5)


async def test_retrieves_the_kept_flush():
    with pytest.raises(ConnectionError):
        await kept.pop()


async def poll_blocking():
    while True:
        await asyncio.sleep(0.05)
        time.sleep(0.01)


async def test_starts_a_poller():
    kept.append(asyncio.create_task(poll_blocking()))


async def test_runs_beside_the_poller():
    await asyncio.sleep(0.3)
    kept.pop().cancel()


async def test_own_task_fails_here():
    asyncio.ensure_future(flush_later(0))
    await asyncio.sleep(0.2)
'''


def _run(pytester, tmp_path, *extra):
    pytester.makepyfile(test_later=MODULE_LOOP)
    pytester.makeini("[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = module\n")
    report = tmp_path / "findings.json"
    result = pytester.runpytest_subprocess("-rA", "-p", "no:randomly", "--asynccheck",
                                           f"--asynccheck-report={report}", *extra)
    found = {(d["code"], d["test"].split("::")[1], d["phase"]) for d in json.loads(report.read_text())["findings"]}
    return result, found


@pytest.mark.parametrize("xdist", [(), ("-n", "2", "--dist", "loadfile")], ids=["serial", "xdist"])
def test_a_later_failure_is_the_makers(pytester, tmp_path, xdist):
    result, found = _run(pytester, tmp_path, *xdist)
    # the maker is told of twice: the dropped handle while it ran, the failure after it ended
    assert ("ACK302", "test_schedules_flush", "call") in found
    assert ("ACK303", "test_schedules_flush", "after") in found
    # the test running when the failure surfaced is not blamed, nor is the kept task (its exception retrieved)
    assert not {f for f in found if f[1] in ("test_waits_while_the_flushes_fail", "test_keeps_its_flush",
                                             "test_retrieves_the_kept_flush", "test_runs_beside_the_poller")}
    # a blocking call made by a task an earlier test made and kept is that test's (it is not the one running)
    assert {f for f in found if f[0] == "ACK101"} == {("ACK101", "test_starts_a_poller", "after")}
    # a task that fails within the test that made it is that test's own finding, as before
    assert ("ACK303", "test_own_task_fails_here", "call") in found
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed") == 2 and outcomes.get("passed") == 5
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    assert "of tests that had ended" in result.stdout.str()


def test_warn_mode_keeps_the_run_green(pytester, tmp_path):
    # (a poller's blocking call and a flush's failure: told of under their makers, nothing fails)
    pytester.makepyfile(test_later=MODULE_LOOP.replace("def test_own_task_fails_here", "def _not_a_test"))
    pytester.makeini("[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = module\n")
    result = pytester.runpytest_subprocess("-p", "no:randomly", "--asynccheck", "--asynccheck-mode=warn")
    assert result.ret == pytest.ExitCode.OK
    assert "ACK303 task-exception-never-retrieved" in result.stdout.str()
    assert "test_schedules_flush (after)" in result.stdout.str()


PAIRS = '''
import asyncio
import unittest


async def push(items):
    await asyncio.sleep(0.001)
    items.append(1)


class Pairs(unittest.IsolatedAsyncioTestCase):
{methods}
'''
PAIR = '''
    async def test_{n}_a_dropped_task(self):
        asyncio.create_task(push([]))
        await asyncio.sleep(0.01)

    async def test_{n}_b_forgot_await(self):
        push([])
        await asyncio.sleep(0)
'''


@pytest.mark.parametrize("xdist", [(), ("-n", "1")], ids=["serial", "xdist"])
def test_a_dead_tasks_entry_is_not_a_later_tasks(pytester, tmp_path, xdist):
    # each test's task is made by unittest's runner at the address the previous test's dropped task (and its
    # coroutine) had: the dropped task's scope must not be read as the runner task's
    pytester.makepyfile(test_pairs=PAIRS.format(methods="".join(PAIR.format(n=f"{n:02}") for n in range(20))))
    report = tmp_path / "findings.json"
    pytester.runpytest_subprocess("-p", "no:randomly", "--asynccheck", f"--asynccheck-report={report}", *xdist)
    found = json.loads(report.read_text())["findings"]
    unawaited = sorted((d["test"].split("::")[-1], d["phase"]) for d in found if d["code"] == "ACK301")
    assert unawaited == [(f"test_{n:02}_b_forgot_await", "call") for n in range(20)]
