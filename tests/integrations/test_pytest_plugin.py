"""The pytest plugin, through real pytest runs (pytester, in subprocesses), with pytest-asyncio, anyio, xdist."""
from __future__ import annotations

import json
import re

import pytest

TESTS = '''
import asyncio
import time

import pytest


async def notify():
    await asyncio.sleep(0)


def test_plain_asyncio_run():
    async def main():
        time.sleep(0.001)
    asyncio.run(main())


@pytest.mark.asyncio
async def test_with_pytest_asyncio():
    notify()


@pytest.mark.anyio
async def test_with_anyio():
    time.sleep(0.001)


@pytest.mark.asyncio
async def test_clean():
    await asyncio.to_thread(time.sleep, 0.001)


@pytest.mark.asynccheck(ignore=["ACK101"])
def test_ignored_by_marker():
    async def main():
        time.sleep(0.001)
    asyncio.run(main())


def test_fails_on_its_own():
    assert False
'''
CONFTEST = '''
import pytest

@pytest.fixture
def anyio_backend():
    return "asyncio"
'''


@pytest.fixture
def suite(pytester):
    pytester.makepyfile(test_suite=TESTS)
    pytester.makeconftest(CONFTEST)
    pytester.makeini("[pytest]\nasyncio_mode = strict\nasyncio_default_fixture_loop_scope = function\n")
    return pytester


def line_of(text):
    return next(n for n, line in enumerate(TESTS.strip("\n").splitlines(), 1) if line.strip() == text)


def outcomes(result):
    found = {}
    for line in result.outlines:
        for word in ("PASSED", "FAILED"):
            if line.startswith("test_suite.py::") and f" {word}" in line:
                found[line.split()[0].split("::")[1]] = word
    return found


def test_off_unless_asked(suite):
    result = suite.runpytest_subprocess("-v")
    assert outcomes(result) == {
        "test_plain_asyncio_run": "PASSED", "test_with_pytest_asyncio": "PASSED", "test_with_anyio": "PASSED",
        "test_clean": "PASSED", "test_ignored_by_marker": "PASSED", "test_fails_on_its_own": "FAILED"}
    assert "asynccheck found" not in result.stdout.str() and "finding(s)" not in result.stdout.str()


def test_fail_mode_fails_the_tests_with_findings(suite, tmp_path):
    report = tmp_path / "findings.json"
    result = suite.runpytest_subprocess("-v", "--asynccheck", f"--asynccheck-report={report}")
    assert outcomes(result) == {
        "test_plain_asyncio_run": "FAILED", "test_with_pytest_asyncio": "FAILED", "test_with_anyio": "FAILED",
        "test_clean": "PASSED", "test_ignored_by_marker": "PASSED", "test_fails_on_its_own": "FAILED"}
    out = result.stdout.str()
    assert "asynccheck found 1 asyncio anti-pattern(s) during call" in out
    notify = line_of("notify()")
    assert f"ACK301 unawaited-coroutine: test_suite.py:{notify} in test_suite.py::test_with_pytest_asyncio (call)" in out
    data = json.loads(report.read_text())["findings"]
    sleeps = [n for n, line in enumerate(TESTS.strip("\n").splitlines(), 1) if line.strip() == "time.sleep(0.001)"]
    assert sorted((d["test"].split("::")[1], d["code"], d["line"]) for d in data) == [
        ("test_plain_asyncio_run", "ACK101", sleeps[0]), ("test_with_anyio", "ACK101", sleeps[1]),
        ("test_with_pytest_asyncio", "ACK301", notify)]


def test_warn_mode_changes_no_outcome(suite):
    plain = outcomes(suite.runpytest_subprocess("-v"))
    result = suite.runpytest_subprocess("-v", "--asynccheck", "--asynccheck-mode=warn")
    assert outcomes(result) == plain
    assert "asynccheck: 3 finding(s): ACK101 x2, ACK301 x1" in result.stdout.str()


def test_select_and_ini(suite):
    suite.makeini("[pytest]\nasyncio_mode = strict\nasyncio_default_fixture_loop_scope = function\nasynccheck = true\n")
    result = suite.runpytest_subprocess("-v", "--asynccheck-select=ACK301")
    assert outcomes(result)["test_with_pytest_asyncio"] == "FAILED"
    assert outcomes(result)["test_plain_asyncio_run"] == "PASSED"


def test_xdist_gathers_the_same_findings(suite, tmp_path):
    serial, parallel = tmp_path / "serial.json", tmp_path / "parallel.json"
    one = suite.runpytest_subprocess("--asynccheck", f"--asynccheck-report={serial}", "-p", "no:randomly")
    two = suite.runpytest_subprocess("--asynccheck", f"--asynccheck-report={parallel}", "-n", "2")
    assert one.ret == two.ret == 1
    def stable(path):  # durations, task numbers and the runner's own frames differ from run to run
        keys = ("test", "phase", "code", "name", "category", "path", "line", "column", "message")
        return [{k: d[k] for k in keys} for d in json.loads(path.read_text())["findings"]]

    assert stable(serial) == stable(parallel) and len(stable(serial)) == 3
    assert "asynccheck: 3 finding(s)" in two.stdout.str()


BLAME = '''
import asyncio
import time

import pytest


def crunch(seconds):
    end = time.thread_time() + seconds  # seconds of CPU: a loaded machine's wait for a CPU is not a stall
    while time.thread_time() < end:
        pass


async def shared():
    time.sleep(0.002)  # one site, reached from two tests


@pytest.mark.parametrize("round", range(5))
def test_stalls(round):
    async def main():
        crunch(0.5)
    asyncio.run(main())


@pytest.mark.parametrize("round", range(5))
def test_clean_after(round):
    async def main():
        await asyncio.sleep(0.01)
    asyncio.run(main())


def test_first_path():
    async def first():
        await shared()
    asyncio.run(first())


def test_second_path():
    async def second():
        await shared()
    asyncio.run(second())
'''


def test_each_finding_belongs_to_the_test_where_it_happened(pytester, tmp_path):
    # the stall ends just before its test does; the watchdog's next look would fall in the next test
    pytester.makepyfile(test_blame=BLAME)
    pytester.makepyprojecttoml("[tool.asynccheck]\nstall-ms = 200\n")  # margin for a loaded machine
    report = tmp_path / "findings.json"
    result = pytester.runpytest_subprocess("-v", "--asynccheck", f"--asynccheck-report={report}", "-p", "no:randomly")
    found = json.loads(report.read_text())["findings"]
    stalls = sorted(d["test"].split("::")[1] for d in found if d["code"] == "ACK120")
    assert stalls == [f"test_stalls[{n}]" for n in range(5)]
    assert all("test_clean_after" not in line or "PASSED" in line for line in result.outlines)
    # each test's report shows its own occurrence: the stack that went through its own coroutine
    sleeps = {d["test"].split("::")[1]: [f["function"] for f in d["stack"]] for d in found if d["code"] == "ACK101"}
    assert "first" in sleeps["test_first_path"] and "second" not in sleeps["test_first_path"]
    assert "second" in sleeps["test_second_path"] and "first" not in sleeps["test_second_path"]


def test_a_deadlocked_test_is_told_of_at_once(tmp_path):
    import subprocess
    import sys
    import time

    (tmp_path / "test_hang.py").write_text(
        # the taker goes on once the holder holds the lock (an Event: with a shorter timer instead, a loaded
        # machine could end the holder's sleep first: the inner test then ran to its end, with no deadlock)
        "import asyncio, threading\n\nlock = threading.Lock()\n\n\ndef test_deadlock():\n"
        "    async def holder(held):\n        with lock:\n            held.set()\n            await asyncio.sleep(0.05)\n"
        "    async def taker(held):\n        await held.wait()\n        with lock:\n            pass\n\n"
        "    async def main():\n        held = asyncio.Event()\n        await asyncio.gather(holder(held), taker(held))\n\n"
        "    asyncio.run(main())\n")
    (tmp_path / "pyproject.toml").write_text("[tool.asynccheck]\nhang-ms = 300\n")
    proc = subprocess.Popen([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--asynccheck",
                             "test_hang.py"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        notice, deadline = "", time.monotonic() + 60
        while "which is waiting at" not in notice:  # through pytest's output capture, while the test hangs
            assert time.monotonic() < deadline and proc.poll() is None, notice
            notice += proc.stderr.readline()
        assert "has been stuck in one step" in notice and "test_hang.py:13 in taker" in notice
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()


FAILING = '''
import asyncio

import pytest


async def load(path):
    with open(path) as fh:  # a missing file: the error is the program's, raised through the open() stand-in
        return fh.read()


@pytest.mark.asyncio
async def test_missing_file(tmp_path):
    assert await load(tmp_path / "absent.txt")


def test_asyncio_run_fails():
    async def main():
        raise ValueError("from the coroutine")

    asyncio.run(main())


@pytest.mark.asyncio
async def test_gathered_failure():
    async def part(n):
        await asyncio.sleep(0)
        raise KeyError(n)

    await asyncio.gather(part(1), asyncio.ensure_future(part(2)))


def test_passes_through_a_stand_in_without_error():
    async def main():
        return await asyncio.gather(asyncio.sleep(0, "ok"))

    assert asyncio.run(main()) == ["ok"]
'''


def test_failure_tracebacks_are_the_programs_own(pytester):
    """A test that fails under the plugin shows the traceback it shows without it: the stand-ins that the error
    passed through (loop runners, open(), gather, create_task) are not frames of the user's failure."""
    pytester.makepyfile(test_failing=FAILING)
    pytester.makeini("[pytest]\nasyncio_mode = strict\nasyncio_default_fixture_loop_scope = function\n")
    plain = pytester.runpytest_subprocess("-p", "no:randomly", "--tb=long")
    checked = pytester.runpytest_subprocess("-p", "no:randomly", "--tb=long", "--asynccheck",
                                            "--asynccheck-mode=warn")
    plain.assert_outcomes(failed=3, passed=1)
    checked.assert_outcomes(failed=3, passed=1)
    ours = [line for line in checked.outlines if "asynccheck/runtime" in line or "asynccheck\\runtime" in line]
    assert ours == []
    # every frame's location line (`file.py:N: in function`, or the last one's `file.py:N: Error`), in order
    where = re.compile(r"^\S+\.py:\d+: ")
    def frames(result):  # (not the asynccheck section's finding lines, which share the shape)
        return [line for line in result.outlines if where.match(line) and not re.search(r": ACK\d{3} ", line)]

    assert len(frames(plain)) > 6 and frames(checked) == frames(plain)
