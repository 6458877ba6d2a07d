"""What rheld50's blind run found. A crawl cut short by its supervisor's `asyncio.timeout()` returned what it had
from its `except CancelledError:` (ACK602, reported there), and the supervisor's timeout block, which awaited
that task and so never received a CancelledError, was reported as well (ACK601 at the `async with` line): the
cancel went into the awaited task, whose own swallow is the one mistake. On uvloop, with only ACK401, ACK601 or
ACK602 selected, the program's tasks were not made of the checked kind, so none of the three saw them. And from
Python 3.12 a warning the checker places again on a script's `__main__` (a coroutine never awaited, a
`stacklevel` counted through one of its wrappers) added a DeprecationWarning of importlib's ("Module globals is
missing a __spec__.loader"), which the program records with `catch_warnings(record=True)` or sees under
`-W error`: python's own warning reads its source line by file name, without the module's globals."""
import asyncio
import gc
import importlib.machinery
import sys
import warnings

import pytest

import asynccheck


def new_loop(kind):
    if kind == "uvloop":
        return pytest.importorskip("uvloop").new_event_loop()
    return asyncio.new_event_loop()


def _run(kind, main):
    with asynccheck.watch(select=["ACK601", "ACK602"]) as session:
        loop = new_loop(kind)
        result = loop.run_until_complete(main())
        loop.close()
    return result, {(f.rule.code, f.line) for f in session.findings}


def _line(code, text):
    return next(n for n, line in enumerate(code.splitlines(), code.co_firstlineno) if text in line)


async def crawl(seen):
    try:
        while True:
            seen.append(len(seen))
            await asyncio.sleep(0.01)
    except asyncio.CancelledError:  # the crawl's own swallow: ACK602 here
        return seen


async def crawl_passing_it_on(seen):
    while True:
        seen.append(len(seen))
        await asyncio.sleep(0.01)


HANDLER = crawl.__code__.co_firstlineno + 5
# (`asyncio.timeout()` is new in 3.11; the programs below only run there)
needs_timeout = pytest.mark.skipif(sys.version_info < (3, 11), reason="asyncio.timeout() is new in 3.11")


async def supervise(crawler):
    job = asyncio.create_task(crawler([]))
    async with asyncio.timeout(0.035):
        pages = await job
    return pages


TIMEOUT_BLOCK = supervise.__code__.co_firstlineno + 2


@needs_timeout
@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
@pytest.mark.parametrize("as_task", [False, True], ids=["main-task", "program-task"])
def test_a_timeout_around_an_awaited_task_that_swallowed_its_cancel_is_not_the_blocks_swallow(kind, as_task):
    async def main():
        if as_task:
            return await asyncio.create_task(supervise(crawl))
        return await supervise(crawl)

    pages, found = _run(kind, main)
    assert len(pages) >= 2  # (the crawl's partial result came back through the block, as under python)
    assert ("ACK601", TIMEOUT_BLOCK) not in found
    assert ("ACK602", HANDLER) in found


async def supervise_swallowing(crawler):
    job = asyncio.create_task(crawler([]))
    async with asyncio.timeout(0.035):
        try:
            return await job
        except asyncio.CancelledError:  # the block's own swallow: ACK601 here
            return "cut short"


SWALLOWING_HANDLER = supervise_swallowing.__code__.co_firstlineno + 5


@needs_timeout
@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
@pytest.mark.parametrize("as_task", [False, True], ids=["main-task", "program-task"])
def test_a_timeout_block_that_swallows_the_cancelled_error_of_the_task_it_awaited_is_still_reported(kind, as_task):
    async def main():
        if as_task:
            return await asyncio.create_task(supervise_swallowing(crawl_passing_it_on))
        return await supervise_swallowing(crawl_passing_it_on)

    result, found = _run(kind, main)
    assert result == "cut short"
    assert ("ACK601", SWALLOWING_HANDLER) in found


async def supervise_expecting_the_timeout(crawler):
    job = asyncio.create_task(crawler([]))
    try:
        async with asyncio.timeout(0.035):
            await job
    except TimeoutError:
        return "timed out"


@needs_timeout
@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
def test_a_timeout_over_an_awaited_task_that_passes_the_cancel_on_is_quiet(kind):
    result, found = _run(kind, lambda: supervise_expecting_the_timeout(crawl_passing_it_on))
    assert result == "timed out"
    assert found == set()


SCRIPT = """\
import asyncio
import gc


async def fetch():
    return 1


def drop():
    fetch()
    gc.collect()
"""


def test_a_warning_placed_again_on_a_scripts_main_adds_no_warning_of_its_own(tmp_path):
    path = tmp_path / "script.py"
    path.write_text(SCRIPT)
    # what a script run by python has: a loader named in __loader__, no __spec__
    script = {"__name__": "script_main", "__file__": str(path), "__spec__": None,
              "__loader__": importlib.machinery.SourceFileLoader("__main__", str(path))}
    exec(compile(SCRIPT, str(path), "exec"), script)
    with asynccheck.watch(select=["ACK301"]) as session:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            script["drop"]()
            gc.collect()
    assert [(w.category, w.filename, w.lineno) for w in caught] == [(RuntimeWarning, str(path), 10)]
    assert [(f.rule.code, f.line) for f in session.findings] == [("ACK301", 10)]


@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
def test_a_task_cancelled_from_a_thread_is_found_with_only_ack401_selected(kind):
    # (on uvloop the program's tasks were made of the checked kind only when ACK302 or ACK303 was selected)
    async def main():
        task = asyncio.create_task(asyncio.sleep(5))

        def stop_from_worker():
            task.cancel()  # (called here, not handed over: only the task's own check sees it)

        await asyncio.to_thread(stop_from_worker)
        try:
            await task
        except asyncio.CancelledError:
            return "cancelled"

    with asynccheck.watch(select=["ACK401"]) as session:
        loop = new_loop(kind)
        assert loop.run_until_complete(main()) == "cancelled"
        loop.close()
    assert [f.rule.code for f in session.findings] == ["ACK401"]
