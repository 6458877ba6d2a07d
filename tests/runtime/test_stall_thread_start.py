"""`Thread.start()` waits until the new thread has begun. On a loaded machine that thread may wait long for a
CPU, and the loop's thread waits with it: not the step's work (the program did nothing slow), so not a stall at
the `start()` line (seen under uvloop on a shared machine). A step that is busy itself right after is still one."""
import asyncio
import threading
import time

import asynccheck


class SlowToBegin(threading.Thread):
    """A thread that takes 0.3 s to tell `start()` it began, as one that waits that long for a CPU would."""

    def _set_native_id(self):
        time.sleep(0.3)
        super()._set_native_id()


def spin(seconds):
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def _stalls(session):
    return [f.line for f in session.findings if f.code == "ACK120" and f.path == __file__]


def _line(text):
    return next(n for n, line in enumerate(open(__file__), 1) if text in line and "_line(" not in line)


def test_a_thread_slow_to_begin_is_not_a_stall_of_the_step_that_starts_it():
    async def main():
        worker = SlowToBegin(target=lambda: None)
        worker.start()  # the step waits 0.3 s here, doing nothing
        await asyncio.to_thread(worker.join)

    with asynccheck.watch() as session:  # (the waits of threading are watched for ACK106)
        asyncio.run(main())
    assert _stalls(session) == []


def test_a_busy_step_that_starts_a_thread_is_still_a_stall():
    async def main():
        worker = threading.Thread(target=lambda: None)
        worker.start()
        spin(0.3)  # the stall's line: where the coroutine called the helper doing the step's own work
        await asyncio.to_thread(worker.join)

    with asynccheck.watch() as session:  # (the waits of threading are watched for ACK106)
        asyncio.run(main())
    assert _stalls(session) == [_line("# the stall's line")]
