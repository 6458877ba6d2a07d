"""What rheld41's blind held-out suite and its probes found. A coroutine made through a dispatch table (`handlers[kind](to)`)
and kept in a local until its function returned was reported at the line that built the table, the last load
of the coroutine function's name before the call (the bytecode search took the next call for its call). The
search now follows the stack: the call is the one whose callee is the function, or an item of a table that
holds it (a local built of it, or a module-level one).

An asyncio.Queue made where no loop ran (at module level) belonged to no loop until something waited on it: a
thread's `put_nowait` was never reported, though the loop polled the queue (`empty()`, `get_nowait()`). It now
belongs to the first loop that calls `put_nowait`/`get_nowait` on it, as a module-level Event does, and a thread's
call made before that, while the loop ran, is reported when that loop takes the queue."""
import asyncio
import functools
import sys
import threading

import pytest

import asynccheck
from asynccheck.runtime.coroutines import _kept_calls
from tests.runtime.source_lines import SourceLines


_SOURCE = SourceLines(__file__)
_line, _found = _SOURCE.line, _SOURCE.found


async def _send_email(to):
    await asyncio.sleep(0)
    return to


async def _send_sms(to):
    await asyncio.sleep(0)
    return to


_HANDLERS = {"email": _send_email, "sms": _send_sms}


async def _dispatch_local(kind, to):
    handlers = {"email": _send_email}  # the table
    pending = None
    if kind in handlers:
        pending = handlers[kind](to)  # kept from a local table
    await asyncio.sleep(0)
    return kind, pending is not None


async def _dispatch_module(kind, to):
    pending = _HANDLERS[kind](to)  # kept from the module's table
    await asyncio.sleep(0)
    return kind, pending is not None


async def _dispatch_awaited(kind, to):
    handlers = {"email": _send_email}
    pending = handlers[kind](to)
    await asyncio.sleep(0)
    return await pending


async def _handle_local():
    return await _dispatch_local("email", "ada@example.org")


async def _handle_module():
    return await _dispatch_module("sms", "+100")


async def _handle_awaited():
    return await _dispatch_awaited("email", "ada@example.org")


def _run(main):
    with asynccheck.watch() as session:
        asyncio.run(main())
        session.collect()
    return session


def test_a_coroutine_made_through_a_local_table_and_kept_is_reported_at_that_call():
    session = _run(_handle_local)
    assert _found(session, "ACK301") == [_line("# kept from a local table")]


def test_a_coroutine_made_through_a_module_level_table_and_kept_is_reported_at_that_call():
    session = _run(_handle_module)
    assert _found(session, "ACK301") == [_line("# kept from the module's table")]


def test_a_coroutine_made_through_a_table_and_awaited_is_no_finding():
    session = _run(_handle_awaited)
    assert _found(session, "ACK301") == []


def _shapes(fn, owner):  # (never called: its bytecode is what the tests read)
    table = {"a": fn}  # the name into a table
    later = len(table)  # the next call
    bound = functools.partial(fn, 1)  # the name as an argument
    kept = fn(2)  # a plain call kept
    alias = fn
    via_alias = alias(3)  # through an alias
    via_get = table.get("a")  # an attribute of the table
    via_method = owner.fn(4)  # a method of that name
    listed = [owner.fn(5)]  # a method's call kept in a list
    return later, bound, kept, via_alias, via_get, via_method, listed


def test_the_search_takes_only_calls_whose_callee_is_the_function_or_what_holds_it():
    lines = sorted(line for line, _target in _kept_calls(_shapes.__code__, "fn"))
    assert lines == [_line("# a plain call kept"), _line("# through an alias"), _line("# a method of that name"),
                     _line("# a method's call kept in a list")]
    targets = [target for _line_, target in sorted(_kept_calls(_shapes.__code__, "fn"))]
    assert targets == ["kept", "via_alias", "via_method", None]


def _thread_puts(queue, item):
    queue.put_nowait(item)  # a thread's put


async def _poll(queue, loop_puts_first):
    if loop_puts_first:
        queue.put_nowait("from the loop")
    worker = threading.Thread(target=_thread_puts, args=(queue, "from a thread"))
    worker.start()
    while queue.qsize() < 1 + loop_puts_first:
        await asyncio.sleep(0.005)
    await asyncio.to_thread(worker.join)
    return [queue.get_nowait() for _ in range(queue.qsize())]


def _loop_factories():
    try:
        import uvloop
    except ImportError:
        return [None]
    return [None, uvloop.new_event_loop] if sys.version_info >= (3, 11) else [None]  # (asyncio.Runner: 3.11)


def _run_on(factory, coro):
    if factory is None:
        return asyncio.run(coro)
    with asyncio.Runner(loop_factory=factory) as runner:
        return runner.run(coro)


# up to 3.9 a Queue is bound when made, to `get_event_loop()`'s loop (none, or another than `asyncio.run`'s): one
# made where no loop runs is no module-level Queue a later loop can own
_QUEUE_BOUND_LATE = pytest.mark.skipif(sys.version_info < (3, 10), reason="Python 3.9 binds a Queue when it is made")


@_QUEUE_BOUND_LATE
@pytest.mark.parametrize("factory", _loop_factories(), ids=lambda f: "asyncio" if f is None else "uvloop")
def test_a_module_level_queue_a_thread_fills_while_the_loop_polls_it_is_reported_at_the_put(factory):
    for loop_puts_first in (False, True):
        with asynccheck.watch() as session:
            queue = asyncio.Queue()  # (made where no loop runs, as at module level)
            got = _run_on(factory, _poll(queue, loop_puts_first))
        assert "from a thread" in got
        assert _found(session, "ACK401") == [_line("# a thread's put")], loop_puts_first


async def _threadsafe(queue):
    loop = asyncio.get_running_loop()
    worker = threading.Thread(target=loop.call_soon_threadsafe, args=(queue.put_nowait, "handed"))
    worker.start()
    got = await asyncio.wait_for(queue.get(), 2)
    await asyncio.to_thread(worker.join)
    return got


def _own_loop(queue, out):
    async def run():
        queue.put_nowait("mine")
        out.append(queue.get_nowait())

    asyncio.run(run())


async def _beside(queue):
    out = []
    worker = threading.Thread(target=_own_loop, args=(queue, out))
    worker.start()
    await asyncio.to_thread(worker.join)
    return out


@_QUEUE_BOUND_LATE
def test_a_module_level_queue_used_safely_is_no_finding():
    with asynccheck.watch() as session:
        filled_before = asyncio.Queue()
        filled_before.put_nowait("before the loop")  # (no loop runs anywhere yet)
        assert asyncio.run(_threadsafe(asyncio.Queue())) == "handed"
        assert asyncio.run(_beside(asyncio.Queue())) == ["mine"]  # a thread running its own loop

        async def drain():
            return filled_before.get_nowait()

        assert asyncio.run(drain()) == "before the loop"
    assert _found(session, "ACK401") == []
