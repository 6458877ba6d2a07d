"""An exception a signal handler raises while the program waits inside one of the checker's stand-ins (a threading
lock's acquire, the loop's run_forever waiting in select) is the program's: pytest shows the traceback it shows
unchecked (pytest-timeout's signal method fails a test this way, Ctrl-C interrupts it this way)."""
from __future__ import annotations

import re
import signal

import pytest

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")

INTERRUPTED = '''
import asyncio
import signal
import threading

import pytest


class Interrupted(Exception):
    pass


@pytest.fixture(autouse=True)
def alarm():
    def interrupt(*_):  # (the frame it is handed, where the signal came, is the checker's in a stand-in)
        raise Interrupted("the alarm went off")

    old = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.3)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, old)


def held(make):
    lock = make()
    lock.acquire()  # by this thread: the coroutine's acquire waits for good
    return lock


def test_lock_acquire():
    lock = held(threading.Lock)

    async def main():
        lock.acquire()
    asyncio.run(main())


def test_lock_with():
    lock = held(threading.Lock)

    async def main():
        with lock:
            pass
    asyncio.run(main())


def test_semaphore():
    sem = threading.Semaphore(0)

    async def main():
        sem.acquire()
    asyncio.run(main())


def test_loop_waiting_in_select():
    async def main():
        await asyncio.sleep(5)
    asyncio.run(main())
'''


def test_signal_raised_in_a_stand_in_shows_the_programs_traceback(pytester):
    pytester.makepyfile(test_interrupted=INTERRUPTED)
    plain = pytester.runpytest_subprocess("-p", "no:randomly", "--tb=long")
    checked = pytester.runpytest_subprocess("-p", "no:randomly", "--tb=long", "--asynccheck",
                                            "--asynccheck-mode=warn")
    plain.assert_outcomes(failed=4)
    checked.assert_outcomes(failed=4)
    # (pytest prints the handler's arguments, `_ = (14, <frame ...>)`: the frame where the signal came is ours)
    ours = [line for line in checked.outlines if "asynccheck/runtime" in line and not line.startswith("_ = ")]
    assert ours == []
    where = re.compile(r"^\S+\.py:\d+: ")

    def frames(result):  # each frame's location line, in order (not the findings' lines, which share the shape)
        return [line for line in result.outlines if where.match(line) and not re.search(r": ACK\d{3} ", line)]

    assert len(frames(plain)) >= 8 and frames(checked) == frames(plain)
