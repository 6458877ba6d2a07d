"""What rheld49's probes found: a task of a `Task` subclass (made by a task factory of the program's, a tracing
`TracedTask`) that failed and was dropped went unreported, where python logs it. asyncio names the future's class
in its message ("TracedTask exception was never retrieved"); the checker looked for "Task exception ..." only."""
import asyncio
import gc

import pytest

import asynccheck


class TracedTask(asyncio.Task):
    pass


class TracedFuture(asyncio.Future):
    pass


def traced_tasks(loop, coro, **kwargs):
    return TracedTask(coro, loop=loop, **kwargs)


def new_loop(kind):
    if kind == "uvloop":
        return pytest.importorskip("uvloop").new_event_loop()
    return asyncio.new_event_loop()


async def sync_account(n):
    await asyncio.sleep(0.001)
    if n == 1:
        raise KeyError(f"account {n} missing")
    return n


def _run(kind, main):
    with asynccheck.watch(select=["ACK302", "ACK303"]) as session:
        loop = new_loop(kind)
        loop.set_exception_handler(lambda loop, context: None)  # (python's log of it: not this test's business)
        loop.run_until_complete(main())
        loop.close()
        gc.collect()
    return {(f.rule.code, f.line) for f in session.findings}


@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
def test_a_failed_task_of_a_task_subclass_nobody_retrieved_is_reported_where_it_was_made(kind):
    async def main():
        loop = asyncio.get_running_loop()
        loop.set_task_factory(traced_tasks)
        pending = [loop.create_task(sync_account(n)) for n in range(3)]
        await asyncio.wait(pending)
        assert all(type(task) is TracedTask for task in pending)
        pending.clear()
        gc.collect()

    assert _run(kind, main) == {("ACK303", main.__code__.co_firstlineno + 3)}


@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
def test_a_task_subclass_whose_failure_is_read_and_a_failed_future_subclass_are_not_tasks_lost(kind):
    seen = []

    async def main():
        loop = asyncio.get_running_loop()
        loop.set_task_factory(traced_tasks)
        pending = [loop.create_task(sync_account(n)) for n in range(3)]
        for task in pending:
            task.add_done_callback(lambda done: seen.append(type(done.exception()).__name__))
        await asyncio.wait(pending)
        pending.clear()
        # a future nobody awaits, failed: "TracedFuture exception was never retrieved", no task's
        TracedFuture(loop=loop).set_exception(ValueError("nobody reads it"))
        gc.collect()
        await asyncio.sleep(0)

    assert _run(kind, main) == set()
    assert sorted(seen) == ["KeyError", "NoneType", "NoneType"]
