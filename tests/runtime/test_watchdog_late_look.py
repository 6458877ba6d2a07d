"""A late look (the watchdog woke late) that finds a new step on one loop thread must still look at the others:
the step's early sighting once took the name of the set of threads seen, and the next loop thread's look failed."""
import asyncio
import threading
import time

import asynccheck


def _busy(until, seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end and not until.is_set():
        pass


def test_a_late_look_at_two_busy_loops_looks_at_both():
    started, looked = threading.Barrier(3), threading.Event()

    def loop_thread():
        async def step():
            started.wait()
            # a stall in one step, on this thread's loop, until the look below is over (a fixed time could end
            # before it on a loaded machine)
            _busy(looked, 10)

        asyncio.run(step())

    with asynccheck.watch() as session:
        watchdog = session.runtime.watchdog
        # the watchdog's own looks wait until this one is made: one of its own, begun while both threads are busy,
        # could hold the mutex until their steps end (on 3.13, with two threads spinning, it did for the 10 s)
        with watchdog._mutex:
            threads = [threading.Thread(target=loop_thread) for _ in range(2)]
            for thread in threads:
                thread.start()
            try:
                started.wait(30)
                time.sleep(0.1)  # both loops are in their step now
                watchdog._late = True  # as after a wake-up that came late
                watchdog.check_loops()
                # a step watched on each loop thread (it raised at the second, or finished the steps just found)
                found = len(watchdog._steps)
            finally:
                looked.set()
        for thread in threads:
            thread.join()
    assert found == 2
