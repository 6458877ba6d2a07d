"""What rheld31's held-out suite (aiohttp, Starlette/FastAPI under uvicorn, websockets, logging, signals, executors)
found: a client's async `close` registered with `atexit.register` is called at exit, after the report, and its
coroutine dropped there (never reported); a task's step first seen on uvloop was timed from that look with none of
the half interval asyncio's is credited for the time before it, so a step of 1.5x the threshold was found on
asyncio and missed on uvloop (a FastAPI endpoint hashing a password, an aiohttp handler rendering JSON)."""
import asyncio
import atexit
import functools
import sys
import threading

import pytest

import asynccheck


def _found(session, code):
    return sorted(f.line for f in session.findings if f.code == code and f.path == __file__)


def _line(text):
    return next(n for n, line in enumerate(open(__file__), 1) if text in line and "_line(" not in line)


# -- ACK301: a coroutine function registered as an exit handler ---------------------------------------------------
class Client:
    async def close(self):
        await asyncio.sleep(0)

    def close_sync(self):
        asyncio.run(self.close())


async def flush(path):
    await asyncio.sleep(0)


def _registered(handlers):
    """Run ``handlers`` (callables that register exit handlers and return them) in a checked program, and take the
    handlers back out of atexit (the test process must not run them)."""
    registered = []

    async def main():
        for register in handlers:
            registered.extend(register())

    try:
        with asynccheck.watch() as session:
            asyncio.run(main())
    finally:
        for handler in registered:
            atexit.unregister(handler)
    return session


def test_a_coroutine_function_registered_with_atexit_is_reported_at_the_registration():
    def bound_method():
        client = Client()
        atexit.register(client.close)  # async close registered
        return [client.close]

    def a_partial():
        handler = functools.partial(flush, "/tmp/x")
        atexit.register(handler)  # partial of a coroutine function
        return [handler]

    def decorated():
        @atexit.register  # decorator form
        async def goodbye():
            await asyncio.sleep(0)
        return [goodbye]

    session = _registered([bound_method, a_partial, decorated])
    assert _found(session, "ACK301") == sorted([_line("# async close registered"),
                                                _line("# partial of a coroutine function"),
                                                # (3.9 calls a decorator at its function's `def` line)
                                                _line("# decorator form") + (sys.version_info < (3, 10))])
    message = next(f.message for f in session.findings if f.code == "ACK301")
    assert "Client.close()" in message and "atexit.register()" in message


def test_sync_exit_handlers_are_left_alone_also_one_that_runs_a_coroutine_to_its_end():
    def sync_ones():
        client = Client()
        atexit.register(client.close_sync)
        runs = lambda: asyncio.run(flush("/tmp/y"))  # noqa: E731
        atexit.register(runs)
        atexit.register(print, "bye")
        return [client.close_sync, runs, print]

    session = _registered([sync_ones])
    assert _found(session, "ACK301") == []


def test_the_register_function_is_atexits_own_again_once_the_checks_are_over():
    original = atexit.register
    with asynccheck.watch():
        assert atexit.register is not original
    assert atexit.register is original


# -- ACK120 on uvloop: the time before a step's first sighting --------------------------------------------------------
@pytest.mark.parametrize("kind", ["asyncio", "uvloop"])
def test_a_step_first_seen_is_credited_half_an_interval_on_both_loops(kind):
    uvloop = pytest.importorskip("uvloop") if kind == "uvloop" else None
    started, release = threading.Event(), threading.Event()

    def run():
        async def step():
            started.set()
            while not release.is_set():  # one long step, until the look below is over
                pass

        loop = uvloop.new_event_loop() if uvloop is not None else asyncio.new_event_loop()
        try:
            loop.run_until_complete(step())
        finally:
            loop.close()

    with asynccheck.watch() as session:
        watchdog = session.runtime.watchdog
        thread = threading.Thread(target=run)
        with watchdog._mutex:  # (the watchdog's own looks wait: the one below is the step's first sighting)
            thread.start()
            try:
                assert started.wait(10)
                watchdog.check_loops()
                step = watchdog._steps.get(thread.ident)
                credit = step.busy if step is not None else None
            finally:
                release.set()
        thread.join()
    assert credit == watchdog.interval / 2
