"""The watchdog reads each thread's CPU time from the stacks it listed at the start of a look; a thread may end
meanwhile. Read through ``pthread_getcpuclockid``, the C library took the clock's number from the ended thread's
handle, freed with its stack: the program died of SIGSEGV (httpx-ws's suite under ``asynccheck run``, whose tests
start and end threads)."""
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from asynccheck.runtime.watchdog import _thread_cpu

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's thread clocks")

# More threads than the C library keeps stacks of, for reuse, once they end: the rest are unmapped
ENDED = textwrap.dedent("""\
    import threading
    import time

    from asynccheck.runtime.watchdog import _thread_cpu

    threads = [threading.Thread(target=time.sleep, args=(0.05,)) for _ in range(24)]
    for thread in threads:
        thread.start()
    idents = [thread.ident for thread in threads]
    for thread in threads:
        thread.join()
    print(sorted({_thread_cpu(ident) for ident in idents}))
    """)


def test_the_cpu_time_of_threads_that_ended_is_read_without_their_handles():
    done = subprocess.run([sys.executable, "-c", ENDED], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, "[0.0]\n"), done.stderr


def test_a_running_threads_cpu_time_is_its_own():
    spent, stop = {}, threading.Event()

    def spin() -> None:
        end = time.perf_counter() + 0.05
        while time.perf_counter() < end:
            pass
        spent["own"] = time.clock_gettime(time.CLOCK_THREAD_CPUTIME_ID)
        stop.wait(5)

    thread = threading.Thread(target=spin)
    thread.start()
    try:
        while "own" not in spent:
            stop.wait(0.01)
        read = _thread_cpu(thread.ident)
    finally:
        stop.set()
        thread.join()
    # what the thread measured of itself, plus the little it ran since (not the reader's time, nor the process's)
    assert spent["own"] <= read < spent["own"] + 0.05
    assert _thread_cpu(thread.ident) == 0.0  # ended
