"""What rheld49's probes found: a task of a `Task` subclass (made by a task factory of the program's, a tracing
`TracedTask`) that failed and was dropped went unreported, where python logs it. asyncio names the future's class
in its message ("TracedTask exception was never retrieved"); the checker looked for "Task exception ..." only.
And on uvloop a worker calling `schedule(...)`, bound by `schedule = partial(loop.call_at, when)`, was reported at
the worker's call, where asyncio's loop reports the `partial(...)` line, the one to change."""
import asyncio
import functools
import gc
import threading

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


def _scheduled_from_a_worker(kind, bind):
    fired = []

    def worker(schedule):
        schedule(fired.append, "tick")

    async def main():
        loop = asyncio.get_running_loop()
        schedule = bind(loop)
        thread = threading.Thread(target=worker, args=(schedule,))
        thread.start()
        await asyncio.to_thread(thread.join)
        while not fired:
            await asyncio.sleep(0.005)

    with asynccheck.watch(select=["ACK402"]) as session:
        loop = new_loop(kind)
        loop.run_until_complete(main())
        loop.close()
    return {(f.rule.code, f.line) for f in session.findings}, worker.__code__.co_firstlineno + 1


def bind_call_at(loop):
    return functools.partial(loop.call_at, loop.time() + 0.001)


def bind_call_later(loop):
    return functools.partial(loop.call_later, 0.001)


def bind_threadsafe(loop):
    return functools.partial(loop.call_soon_threadsafe)


@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
@pytest.mark.parametrize("bind", [bind_call_at, bind_call_later])
def test_a_loop_method_bound_by_partial_and_called_by_a_worker_is_reported_at_the_binding(kind, bind):
    found, _ = _scheduled_from_a_worker(kind, bind)
    assert found == {("ACK402", bind.__code__.co_firstlineno + 1)}


@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
def test_the_threadsafe_method_bound_by_partial_and_a_direct_call_from_a_worker(kind):
    assert _scheduled_from_a_worker(kind, bind_threadsafe)[0] == set()
    # the worker's own line names the method: that call is the line (a direct call, no binding looked for)
    fired = []

    def direct(loop):
        loop.call_later(0.001, fired.append, "tick")

    async def main():
        loop = asyncio.get_running_loop()
        thread = threading.Thread(target=direct, args=(loop,))
        thread.start()
        await asyncio.to_thread(thread.join)
        while not fired:
            await asyncio.sleep(0.005)

    with asynccheck.watch(select=["ACK402"]) as session:
        loop = new_loop(kind)
        loop.run_until_complete(main())
        loop.close()
    assert {(f.rule.code, f.line) for f in session.findings} == {("ACK402", direct.__code__.co_firstlineno + 1)}
