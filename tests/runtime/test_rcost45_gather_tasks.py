"""The tasks ``gather`` makes for its coroutines take a short way through the create_task wrapper (tasks.py): made
at once, on the loop's own thread as the loop's create_task makes them (without its frame), else by it. What the loop does for them must stay what it does without the checker:
its task factory makes them, debug mode's creation stacks show no frame of ours, and a name or a context passed
by a call made while gather makes its tasks is kept."""
from __future__ import annotations

import asyncio
import contextvars
import os
import sys

import pytest

import asynccheck
from asynccheck.config import Config

OURS = os.path.dirname(asynccheck.__file__)


def run_checked(main, debug=False):
    with asynccheck.watch(Config()) as session:
        loop = asyncio.new_event_loop()
        loop.set_debug(debug)
        try:
            result = loop.run_until_complete(main())
        finally:
            loop.close()
    return result, session.findings


async def work():
    await asyncio.sleep(0)
    return 1


def test_gather_tasks_are_made_by_the_loops_task_factory():
    made = []

    def factory(loop, coro, **kwargs):
        task = asyncio.Task(coro, loop=loop, **kwargs)
        made.append(task)
        return task

    async def main():
        asyncio.get_running_loop().set_task_factory(factory)
        return await asyncio.gather(*(work() for _ in range(20)))

    result, findings = run_checked(main)
    assert result == [1] * 20 and len(made) == 20 and findings == []


def test_gather_tasks_creation_stacks_hold_no_frame_of_ours():
    async def main():
        outer = asyncio.gather(*(work() for _ in range(5)))
        children = list(outer._children)
        await outer
        return [task._source_traceback for task in children]

    stacks, findings = run_checked(main, debug=True)
    assert len(stacks) == 5 and all(stacks)
    assert not [entry for stack in stacks for entry in stack if entry.filename.startswith(OURS)]
    assert findings == []


def test_a_task_made_with_a_name_and_a_context_while_gathering_keeps_them():
    # a task factory that makes a task of its own, named and in a context, while gather makes its tasks (on 3.12+
    # an eager task does the same): that call is the program's, not one of gather's
    var = contextvars.ContextVar("var", default="unset")
    seen, extra = {}, []

    async def reads():
        seen["value"] = var.get()

    def factory(loop, coro, **kwargs):
        if not extra and coro.__name__ == "work":
            context = contextvars.copy_context()
            context.run(var.set, "given")
            more = {"context": context} if sys.version_info >= (3, 11) else {}
            extra.append(loop.create_task(reads(), name="named", **more))
        return asyncio.Task(coro, loop=loop, **kwargs)

    async def main():
        asyncio.get_running_loop().set_task_factory(factory)
        result = await asyncio.gather(work(), work())
        await extra[0]
        return result

    result, findings = run_checked(main)
    assert result == [1, 1] and extra[0].get_name() == "named" and findings == []
    assert seen == {"value": "given" if sys.version_info >= (3, 11) else "unset"}


def test_gather_on_a_closed_loop_raises_as_without_the_checker():
    # gather's tasks are made in the wrapper only for an open loop run on this thread: any other goes through the
    # loop's create_task, and its tests
    with asynccheck.watch(Config()) as session:
        loop = asyncio.new_event_loop()
        pending = loop.create_future()
        loop.close()
        coro = work()
        with pytest.raises(RuntimeError, match="Event loop is closed"):
            asyncio.gather(pending, coro)
        coro.close()
    assert session.findings == []

def test_gather_tasks_made_on_the_loops_thread_are_asyncios_own():
    async def main():
        outer = asyncio.gather(*(work() for _ in range(3)))
        children = list(outer._children)
        await outer
        return children

    children, findings = run_checked(main)
    assert [type(task) for task in children] == [asyncio.Task] * 3
    assert len({task.get_name() for task in children}) == 3 and findings == []
