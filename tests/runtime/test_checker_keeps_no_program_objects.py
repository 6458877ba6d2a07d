"""What the checker notes about a running program (the stack a lock was taken in, the step the loop runs, the loop
a sample saw) must not keep the program's objects alive: without the checker they die by reference count the
moment the program lets go of them, and a finalizer (``__del__``, ``weakref.finalize``, an "unclosed" warning,
"Exception ignored in" on stderr) runs then, on the program's thread. Each test runs with the collector off, so
an object freed only by it (a reference cycle) or held by a record of ours is seen alive. The watchdog's own looks
go on meanwhile: a look holds every thread's stack while it reads it, and a loaded machine may take its thread off
the CPU then, which lets the program run on while its frames are held (the one moment docs/runtime.md leaves,
Limits): each test waits for the look under way to end (not for a later one) before it asks."""
import asyncio
import contextlib
import gc
import threading
import weakref

import asynccheck


class Payload:
    pass


@contextlib.contextmanager
def _no_collector():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def test_the_callers_of_a_loop_that_took_a_lock_die_after_it_ran():
    # the lock's stack is read from the loop's run_forever outwards once per run: the frame it was read from must
    # not be kept, or the frames out to the program's caller of asyncio.run() (and their locals) live on
    async def takes_a_lock():
        with threading.Lock():
            pass

    def runs_a_loop():
        payload = Payload()
        asyncio.run(takes_a_lock())
        return weakref.ref(payload)

    with asynccheck.watch() as session:
        with _no_collector():
            ref = runs_a_loop()
            _settled(session)
            assert ref() is None


def _settled(session):
    """Once the watchdog's look under way (if any) has ended: what it held then is let go of."""
    session.runtime.watchdog.after_looks_under_way()


def _look_from_another_thread(session):
    watchdog = session.runtime.watchdog

    def look():
        with watchdog._mutex:
            watchdog.check_loops()

    looker = threading.Thread(target=look)
    looker.start()
    looker.join()


def test_a_callbacks_arguments_die_when_its_step_ends_after_the_watchdog_saw_it():
    # the watchdog tells steps apart by the step itself: once the step ends its callback and arguments go
    async def main(session):
        loop = asyncio.get_running_loop()
        refs, seen = [], []

        def step(payload):
            refs.append(weakref.ref(payload))
            _look_from_another_thread(session)

        def after():
            _settled(session)
            seen.append(refs[0]())

        loop.call_soon(step, Payload())
        loop.call_soon(after)
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        return seen

    with asynccheck.watch() as session:
        with _no_collector():
            assert asyncio.run(main(session)) == [None]


def test_the_callers_of_a_loop_die_after_it_ran_when_the_watchdog_saw_its_last_step():
    # a step's frame, once it has returned, holds the frames it was called from: the loop's, out to the
    # program's function that ran the loop (and its locals), which has returned as well by the next sample
    async def main(session):
        _look_from_another_thread(session)

    def runs_a_loop(session):
        payload = Payload()
        asyncio.run(main(session))
        return weakref.ref(payload)

    with asynccheck.watch() as session:
        with _no_collector():
            ref = runs_a_loop(session)
            _settled(session)
            assert ref() is None


def test_a_callbacks_arguments_die_when_its_step_ends_while_a_task_holds_a_lock():
    # with a lock held the watchdog asks which loop runs: reading the loop's frame must not keep a copy of the
    # callback being run (up to 3.12 reading a running frame's locals copies them into it until it ends)
    async def main(session):
        loop = asyncio.get_running_loop()
        refs, seen = [], []
        lock = threading.Lock()
        holding, release = asyncio.Event(), asyncio.Event()

        async def holder():
            with lock:  # ACK201 (held across an await): the watchdog checks each look
                holding.set()
                await release.wait()

        def step(payload):
            refs.append(weakref.ref(payload))
            _look_from_another_thread(session)

        def after():
            _settled(session)
            seen.append(refs[0]())
            release.set()

        task = asyncio.create_task(holder())
        await holding.wait()
        loop.call_soon(step, Payload())
        loop.call_soon(after)
        await task
        return seen

    with asynccheck.watch() as session:
        with _no_collector():
            assert asyncio.run(main(session)) == [None]


def test_the_future_a_cancelled_task_waited_on_dies_when_the_task_lets_go_of_it():
    # the cancellation detector looks at where a cancelled task goes on (ACK601): what the task waited on when it
    # was cancelled must die when the task drops it, not live as long as the task
    async def main(session):
        loop = asyncio.get_running_loop()
        refs, seen = [], []

        async def carries_on():
            fut = loop.create_future()
            refs.append(weakref.ref(fut))
            try:
                await fut
            except asyncio.CancelledError:
                pass  # (ACK601)
            del fut
            for _ in range(3):
                await asyncio.sleep(0)
            _settled(session)
            seen.append(refs[0]())

        task = asyncio.create_task(carries_on())
        await asyncio.sleep(0)
        task.cancel()
        await task
        return seen

    with asynccheck.watch() as session:
        with _no_collector():
            assert asyncio.run(main(session)) == [None]


def test_a_task_that_ended_holding_a_lock_dies_when_the_program_lets_go_of_it():
    # the lock detector notes each lock a task holds: a task that never released one (ACK201) must still die when
    # the program drops it (a failed one says "Task exception was never retrieved" then, as without the checker)
    async def main(session):
        lock = threading.Lock()

        async def keeps_it():
            lock.acquire()
            await asyncio.sleep(0)  # (ACK201)

        task = asyncio.create_task(keeps_it())
        ref = weakref.ref(task)
        await task
        del task
        await asyncio.sleep(0)
        _settled(session)
        return ref()

    with asynccheck.watch() as session:
        with _no_collector():
            assert asyncio.run(main(session)) is None
