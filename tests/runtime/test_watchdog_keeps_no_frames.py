"""The watchdog reads every thread's frames; it must not keep them. `sys._current_frames()` includes the watchdog's
own frame, so the map and that frame made a cycle that held every thread's last frame, and its locals, until the
collector ran. A multiprocessing queue's feeder thread has the buffer it pickled as a local: when the collector
finally freed it, CPython printed "Exception ignored in: <_io.BytesIO ...>" in the checked program's stderr."""
import gc
import threading
import weakref

import asynccheck


class Payload:
    pass


def test_a_thread_s_locals_die_with_it_after_the_watchdog_looked():
    refs, looked, done = [], threading.Event(), threading.Event()

    def worker():
        payload = Payload()
        refs.append(weakref.ref(payload))
        looked.set()
        done.wait(5)

    with asynccheck.watch() as session:
        thread = threading.Thread(target=worker)
        enabled = gc.isenabled()
        gc.disable()  # what is freed must be freed by its count, as it is without the checker
        try:
            thread.start()
            looked.wait(5)
            watchdog = session.runtime.watchdog
            with watchdog._mutex:
                watchdog.check_loops()  # a look while the worker runs: its frame is in the map
            done.set()
            thread.join()
            assert refs[0]() is None
        finally:
            if enabled:
                gc.enable()
