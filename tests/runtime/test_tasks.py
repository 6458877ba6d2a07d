"""The reference counts the dropped-task check (ACK302 while a task runs) stands on, in every state a task can
be in when it is looked at, on asyncio's loop and on uvloop's; and what the tracker leaves alone."""
from __future__ import annotations

import asyncio
import gc
import sys
import weakref

import pytest

import asynccheck
from asynccheck.config import Config
from asynccheck.runtime import tasks as runtime_tasks

LOOPS = ["asyncio", "uvloop"]
HELD_BY_LOOP = runtime_tasks._DROPPED_REFS - 3  # (the check's own three references, see tasks.py)


def new_loop(kind):
    if kind == "uvloop":
        uvloop = pytest.importorskip("uvloop")
        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


async def states():
    """getrefcount(task) for a task only the loop holds, in each state; and for one also held by a local."""
    loop = asyncio.get_running_loop()
    found = {}

    async def spin():
        for _ in range(3):
            await asyncio.sleep(0)

    async def waits(on):
        await on

    def dropped(coro):
        return weakref.ref(loop.create_task(coro))

    ref = dropped(spin())
    found["ready, first step"] = sys.getrefcount(ref())
    await asyncio.sleep(0)
    found["ready again"] = sys.getrefcount(ref())
    future = loop.create_future()
    ref = dropped(waits(future))
    await asyncio.sleep(0)
    found["waiting on a future"] = sys.getrefcount(ref())
    future.set_result(None)
    found["woken"] = sys.getrefcount(ref())
    ref = dropped(waits(asyncio.sleep(0.05)))
    await asyncio.sleep(0)
    found["waiting on sleep()"] = sys.getrefcount(ref())
    other = loop.create_task(asyncio.sleep(0.05))
    ref = dropped(waits(other))
    await asyncio.sleep(0)
    found["waiting on another task"] = sys.getrefcount(ref())
    kept = loop.create_task(waits(asyncio.sleep(0.05)))
    await asyncio.sleep(0)
    found["kept by a local"] = sys.getrefcount(kept)  # one more: the local
    await other
    await kept
    return found


@pytest.mark.parametrize("kind", LOOPS)
def test_a_dropped_pending_task_is_held_once_by_the_loop(kind):
    gc.disable()  # a collection in the middle would change nothing, but keeps the counts plain
    try:
        loop = new_loop(kind)
        found = loop.run_until_complete(states())
        loop.close()
    finally:
        gc.enable()
    kept = found.pop("kept by a local")
    assert found == {state: 1 + HELD_BY_LOOP for state in found}  # getrefcount's argument and the loop
    assert kept == 2 + HELD_BY_LOOP


@pytest.mark.parametrize("kind", LOOPS)
def test_tasks_of_gather_and_of_asyncio_are_not_followed(kind):
    async def work():
        await asyncio.sleep(0)

    async def main():
        await asyncio.gather(*(work() for _ in range(50)))
        await asyncio.wait_for(work(), 5)
        await asyncio.shield(work())
        task = asyncio.ensure_future(work())
        await task

    with asynccheck.watch(Config().override(select=["ACK302", "ACK303"])) as session:
        tracker = session.runtime.hooks.tasks
        loop = new_loop(kind)
        loop.run_until_complete(main())
        loop.close()
        # (the tracker keeps each creation's code and offset: the line is found for a finding)
        lines = sorted(runtime_tasks._line(site)[1] for site, _coro, _scope in tracker.sites.values())
    # the program's ensure_future() only; uvloop binds asyncio.ensure_future when it is first imported, so if
    # that happened under a session, its run_until_complete() makes main's task through the program's door
    first = main.__code__.co_firstlineno
    run_line = first + 10  # `loop.run_until_complete(main())` above
    assert first + 4 in lines and set(lines) <= {first + 4, run_line} and session.findings == []


MAIN_KIND = """\
import asyncio


async def main():
    print(type(asyncio.current_task()) is asyncio.Task)
    {catch}


asyncio.run(main())
"""


@pytest.mark.skipif(sys.version_info < (3, 11), reason="ACK601 needs Task.cancelling()")
@pytest.mark.parametrize("catch, exact", [
    ("", True),  # nothing in the file can swallow a cancellation: asyncio's own task (its steps pay nothing)
    ("try:\n        pass\n    except Exception:\n        pass", True),
    ("try:\n        pass\n    except asyncio.CancelledError:\n        raise", False),
    ("try:\n        pass\n    except BaseException:\n        raise", False),
    ("try:\n        pass\n    except:\n        raise", False),
])
def test_the_main_task_is_the_programs_kind_only_where_its_file_may_swallow(tmp_path, catch, exact):
    import subprocess

    program = tmp_path / "prog.py"
    program.write_text(MAIN_KIND.format(catch=catch))
    proc = subprocess.run([sys.executable, "-m", "asynccheck", "run", str(program)], capture_output=True, text=True,
                          timeout=60)
    assert proc.stdout == f"{exact}\n", proc.stderr


def test_a_copy_of_ensure_future_taken_during_the_checks_does_nothing_after_them():
    async def work():
        await asyncio.sleep(0)

    async def main(ensure):
        await ensure(work())

    with asynccheck.watch(Config().override(select=["ACK302"])) as session:
        copied = asyncio.ensure_future  # as uvloop does when it is imported under `asynccheck run`
        loop = asyncio.new_event_loop()
        loop.run_until_complete(main(copied))
        assert len(session.runtime.hooks.tasks.sites) == 1  # while the checks run, the program's task is noted
        tracker = session.runtime.hooks.tasks
    assert asyncio.ensure_future is not copied
    loop.run_until_complete(main(copied))
    loop.close()
    assert len(tracker.sites) == 1 and tracker._fresh == {}


def _here():
    caller = sys._getframe(1)
    return (caller.f_code, caller.f_lasti), caller.f_lineno


def test_a_tasks_creation_line_found_later_is_the_frames_line_then():
    # the tracker keeps (code, f_lasti) at each creation and finds the line only for a finding: it must be what
    # f_lineno said, on a call spread over lines, after a loop, in a nested function and in a generator
    seen = [_here()]
    for _ in range(3):
        seen.append(
            _here(
            )
        )

    def nested():
        x = [i for i in range(3)]
        return _here() if x else None

    seen.append(nested())

    def gen():
        yield _here()
        yield (1,
               _here())[1]

    seen.extend(gen())
    assert len(seen) == 7
    for site, line in seen:
        assert runtime_tasks._line(site) == (site[0].co_filename, line)
    assert runtime_tasks._line((_here.__code__, -1)) == (__file__, _here.__code__.co_firstlineno)
