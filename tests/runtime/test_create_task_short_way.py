"""The create_task wrapper's short way (a line of the program that made a task before, on its loop's thread) finds
what the long way finds and keeps the loop's own behaviour: its dropped tasks, a loop class's own
``_check_closed``, a closed loop's RuntimeError."""
from __future__ import annotations

import asyncio
import gc
import warnings

import pytest

import asynccheck
from asynccheck.config import Config

# The short way makes tasks of the checked kind (program_tasks.py): only with ACK401 or ACK601 selected; the first
# two selections take the long way (what the short one must agree with). With the foreign-thread checks the loop's
# thread is told by its RLock (runtime/owners.py), without them (ACK601 alone) by the running loop
SELECTS = [["ACK302"], ["ACK302", "ACK402"], ["ACK302", "ACK601"], ["ACK302", "ACK401"]]


async def job():
    await asyncio.sleep(0.01)


def new_loop(kind):
    if kind == "uvloop":
        uvloop = pytest.importorskip("uvloop")
        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
@pytest.mark.parametrize("select", SELECTS)
def test_tasks_dropped_on_a_line_that_made_tasks_before_are_reported(kind, select):
    async def main():
        loop = asyncio.get_running_loop()
        kept = []
        for i in range(3):
            task = loop.create_task(job())  # the second and third take the short way, and are dropped
            if i == 0:
                kept.append(task)
            del task
        await asyncio.sleep(0.05)

    with asynccheck.watch(Config().override(select=select)) as session:
        loop = new_loop(kind)
        loop.run_until_complete(main())
        loop.close()
    line = main.__code__.co_firstlineno + 4
    assert {(f.rule.code, f.line) for f in session.findings} == {("ACK302", line)}


@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
@pytest.mark.parametrize("select", SELECTS)
def test_kept_tasks_on_the_short_way_are_quiet(kind, select):
    async def main():
        loop = asyncio.get_running_loop()
        kept = [loop.create_task(job()) for _ in range(5)]
        await asyncio.gather(*kept)

    with asynccheck.watch(Config().override(select=select)) as session:
        loop = new_loop(kind)
        loop.run_until_complete(main())
        loop.close()
    assert session.findings == []


class Refusing(asyncio.SelectorEventLoop):
    """A loop class with a ``_check_closed`` of its own, which asyncio's create_task calls."""
    refuse = False

    def _check_closed(self):
        if self.refuse:
            raise RuntimeError("refused by the loop class")
        super()._check_closed()


@pytest.mark.filterwarnings("ignore:coroutine 'job' was never awaited")  # (the refused one, as without the checker)
@pytest.mark.parametrize("select", SELECTS)
def test_a_loop_class_check_closed_is_called_on_the_short_way(select):
    async def main():
        loop = asyncio.get_running_loop()
        kept = []
        for i in range(3):
            loop.refuse = i == 2
            try:
                kept.append(loop.create_task(job()))  # the third, on the short way, is refused
            except RuntimeError as exc:
                loop.refuse = False  # (the loop's own call_soon calls it too)
                return kept, str(exc)
        return kept, None

    with asynccheck.watch(Config().override(select=select)):
        loop = Refusing()
        kept, refused = loop.run_until_complete(main())
        loop.run_until_complete(asyncio.gather(*kept))
        loop.close()
    assert (len(kept), refused) == (2, "refused by the loop class")


@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
def test_create_task_on_a_closed_loop_raises_as_asyncio_and_leaves_the_coroutine_unawaited(kind):
    async def main():
        loop = asyncio.get_running_loop()
        for _ in range(2):
            await loop.create_task(job())

    with asynccheck.watch(Config().override(select=["ACK302", "ACK402"])):
        loop = new_loop(kind)
        loop.run_until_complete(main())
        loop.close()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with pytest.raises(RuntimeError, match="Event loop is closed"):
                loop.create_task(job())
            gc.collect()
    assert any("was never awaited" in str(w.message) for w in caught)


@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
@pytest.mark.parametrize("select", SELECTS[2:])
def test_tasks_made_on_the_short_way_keep_their_line_and_the_scope_they_were_made_in(kind, select):
    async def fail():
        await asyncio.sleep(0.01)
        raise ValueError("late")

    async def main():
        loop = asyncio.get_running_loop()
        tasks = [loop.create_task(fail()) for _ in range(3)]  # the second and third take the short way
        session.scope = "test_b"  # a test runner's next test, while they run
        await asyncio.wait(tasks)
        del tasks  # their exceptions never retrieved
        gc.collect()

    with asynccheck.watch(Config().override(select=select + ["ACK303"])) as session:
        session.scope = "test_a"
        loop = new_loop(kind)
        loop.run_until_complete(main())
        loop.close()
        gc.collect()
    line = main.__code__.co_firstlineno + 2
    assert {(f.rule.code, f.line, f.test, f.count) for f in session.findings} == {("ACK303", line, "test_a", 3)}
