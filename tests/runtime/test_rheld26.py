"""What rheld26's held-out suite (library-shaped programs) found: a retry helper whose ``except`` clause names a
tuple of the program's holding CancelledError swallowed a cancel() unseen (ACK601); ``ensure_future(coro,
loop=loop)`` from an executor's worker was reported as a Future used from the thread (ACK401) instead of the
loop call it is (ACK402); a blocking call in a ``signal.signal`` handler was reported at whatever line of a
coroutine the signal interrupted, not in the handler. Each shape runs with a look-alike that must stay as it was,
on asyncio's loop and on uvloop's."""
import json
import sys

import pytest

from tests.runtime.both_loops import LOOPS, PREAMBLE
from tests.runtime.test_programs import python


def findings(tmp_path, source, loop):
    """(code, line) of each finding `asynccheck run` makes on ``source`` (lines counted from its own first line),
    after checking that the program printed what python prints."""
    program = tmp_path / "program.py"
    program.write_text(PREAMBLE + source)
    report = tmp_path / "report.json"
    checked = python("-m", "asynccheck", "run", "--format", "json", "--output", str(report), str(program), loop,
                     cwd=tmp_path)
    plain = python(str(program), loop, cwd=tmp_path)
    assert (checked.returncode, checked.stdout) == (plain.returncode, plain.stdout), checked.stderr
    lines = PREAMBLE.count("\n")
    return sorted((f["code"], f["line"] - lines) for f in json.loads(report.read_text())["findings"])


# a retry helper that counts a cancellation among the retryable failures: cancelled, it retries and returns
RETRY = """
import asyncio

class errors:
    TRANSIENT = (ConnectionError, asyncio.TimeoutError)

RETRYABLE = {retryable}

async def with_retries(op, attempts=3):
    for _ in range(attempts):
        try:
            return await op()
        except {clause}:
            await asyncio.sleep(0.005)
    raise RuntimeError("gave up")

calls = []

async def fetch():
    calls.append(1)
    await asyncio.sleep(0.2 if len(calls) == 1 else 0)
    return "payload"

async def main():
    task = asyncio.create_task(with_retries(fetch))
    await asyncio.sleep(0.02)
    task.cancel()
    try:
        print("result", await task)
    except asyncio.CancelledError:
        print("cancelled")

asyncio.run(main())
"""


@pytest.mark.skipif(sys.version_info < (3, 11), reason="ACK601 at run time needs Task.cancelling() (3.11+)")
@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("retryable, clause, expected", [
    ("(ConnectionError, asyncio.CancelledError)", "RETRYABLE", [("ACK601", 13)]),
    ("(ConnectionError, BaseException)", "RETRYABLE", [("ACK601", 13)]),
    ("asyncio.CancelledError", "(OSError, RETRYABLE)", [("ACK601", 13)]),
    # look-alikes: the names hold no class a CancelledError is an instance of; the cancellation goes through
    ("(ConnectionError, asyncio.TimeoutError)", "RETRYABLE", []),
    ("Exception", "RETRYABLE", []),
    ("None", "errors.TRANSIENT", []),
])
def test_a_retry_tuple_holding_cancellederror_swallows_the_cancel(tmp_path, loop, retryable, clause, expected):
    source = RETRY.format(retryable=retryable, clause=clause)
    assert findings(tmp_path, source, loop) == expected


# an importer's executor job reports progress by scheduling a coroutine on the loop from the worker thread
PROGRESS = """
import asyncio

class Importer:
    def __init__(self, loop):
        self.loop, self.progress = loop, []

    async def on_progress(self, n):
        self.progress.append(n)

    def parse(self, text):
        rows = text.split()
        {schedule}
        return rows

async def main():
    imp = Importer(asyncio.get_running_loop())
    rows = await imp.loop.run_in_executor(None, imp.parse, "a b c")
    for _ in range(50):
        if imp.progress:
            break
        await asyncio.sleep(0.005)
    print(rows, imp.progress)

asyncio.run(main())
"""


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("schedule, expected", [
    ("asyncio.ensure_future(self.on_progress(len(rows)), loop=self.loop)", [("ACK402", 13)]),
    ("self.loop.create_task(self.on_progress(len(rows)))", [("ACK402", 13)]),
    # the look-alike: the same coroutine handed to the loop the thread-safe way
    ("asyncio.run_coroutine_threadsafe(self.on_progress(len(rows)), self.loop)", []),
])
def test_ensure_future_on_a_loop_from_a_worker_is_a_loop_call(tmp_path, loop, schedule, expected):
    assert findings(tmp_path, PROGRESS.format(schedule=schedule), loop) == expected


# a metrics agent flushes on SIGUSR1 through a plain signal.signal handler that blocks: the signal arrives while
# a coroutine runs (right after its os.kill), which did not call the handler
SIGNALS = """
import asyncio, functools, os, signal, time

class Metrics:
    flushes = 0

    def flush(self):
        time.sleep(0.02)
        self.flushes += 1

    def on_signal(self, signum, frame):
        self.flush()

metrics = Metrics()

def on_usr1(signum, frame):
    metrics.flush()

async def collect():
    for i in range(5):
        if i == 2:
            os.kill(os.getpid(), signal.SIGUSR1)
        await asyncio.sleep(0.005)

async def main():
    signal.signal(signal.SIGUSR1, {handler})
    await collect()
    {direct}
    print("flushes", metrics.flushes)

asyncio.run(main())
"""


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("handler, direct, expected", [
    ("on_usr1", "", [("ACK101", 17)]),
    ("metrics.on_signal", "", [("ACK101", 12)]),
    ("functools.partial(on_usr1)", "", [("ACK101", 17)]),
    # the look-alike: the same function called by the coroutine itself is found at the coroutine's call
    ("signal.SIG_IGN", "on_usr1(0, None)", [("ACK101", 28)]),
])
def test_a_blocking_call_in_a_signal_handler_is_found_in_the_handler(tmp_path, loop, handler, direct, expected):
    assert findings(tmp_path, SIGNALS.format(handler=handler, direct=direct), loop) == expected


# workers report progress through a callable bound to the loop's call_soon: the call runs at `report(100)`, in
# the worker, but the line to change is the binding
PARTIAL = """
import asyncio, functools, threading

def crunch(n, report):
    total = sum(i * i for i in range(n))
    report(total % 7)

async def main():
    loop = asyncio.get_running_loop()
    seen = []
    report = functools.partial({bound}, seen.append)
    worker = threading.Thread(target=crunch, args=(1000, report))
    worker.start()
    await asyncio.to_thread(worker.join)
    {direct}
    await asyncio.sleep(0.01)
    print(sorted(seen))

asyncio.run(main())
"""


@pytest.mark.parametrize("bound, direct, expected", [
    ("loop.call_soon", "", [("ACK402", 11)]),
    # look-alikes: the thread-safe method bound the same way; a direct call from a thread is reported at itself
    ("loop.call_soon_threadsafe", "", []),
    ("loop.call_soon_threadsafe",
     "await asyncio.to_thread(lambda: loop.call_soon(seen.append, 9))", [("ACK402", 15)]),
])
def test_a_loop_method_bound_by_partial_is_found_where_it_was_bound(tmp_path, bound, direct, expected):
    # (asyncio's loop: uvloop's call_soon called through another name is not seen, see docs/runtime.md)
    assert findings(tmp_path, PARTIAL.format(bound=bound, direct=direct), "asyncio") == expected
