"""rdepth3: nothing of the program's is kept by the watchdog while it hands the GIL over (finalizers run on the
program's thread, at python's moment; a refused coroutine's warning keeps its line), and a concurrent future's
result read once its done callback told the loop is no wait (rheld24 c36), as the linter reads it."""
import asyncio
import subprocess
import sys
import textwrap
import threading
import time
import weakref

import asynccheck
from asynccheck.runtime import watchdog as watchdog_module


def _run(tmp_path, source, checked, *args, **kwargs):
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(source))
    prefix = ["-m", "asynccheck", "run", "--output", str(tmp_path / "report.txt")] if checked else []
    kwargs.setdefault("capture_output", True)
    return subprocess.run([sys.executable, *prefix, str(path), *args], text=True, timeout=120, cwd=tmp_path,
                          **kwargs)


# -- 1. the watchdog holds no frame (nor Handle) of the program's while it hands the GIL over ---------------------

def test_finalizers_run_on_the_program_s_thread_when_it_lets_go_during_the_watchdog_s_read(monkeypatch):
    """The watchdog reads the threads' stacks, then files (schedstat), which hands the GIL over. A loop's thread
    that lets go of a frame (its locals), or of a Handle (its callback's arguments), at that moment left the last
    reference with the watchdog: their `__del__` and weakref callbacks ran on its thread, late, and a refused
    coroutine's "never awaited" warning was placed at sys:1 (rheld25 p08). Here the read waits, every time, for
    the loop's thread to let go: each finalizer must run on that thread, as in python."""
    armed, let_go, done = threading.Event(), threading.Event(), threading.Event()
    original_read = watchdog_module._CpuWaits.read

    def read(self, now, came_late=None):
        if armed.is_set():
            armed.clear()
            let_go.set()
            done.wait(10)  # (the GIL is handed over: the loop's thread runs on and lets go)
        return original_read(self, now, came_late)

    monkeypatch.setattr(watchdog_module._CpuWaits, "read", read)
    loop_thread = threading.get_ident()
    ran = {"__del__": [], "weakref callback": []}
    reads = []  # whether the watchdog's read let the loop's thread go on, for each step

    class Held:
        def __del__(self):
            ran["__del__"].append(threading.get_ident() == loop_thread)

    class Watched:
        pass

    def spin_until_let_go():
        armed.set()
        end = time.perf_counter() + 10
        while not let_go.is_set() and time.perf_counter() < end:
            pass  # (busy: a blocking wait is its own finding, and the watchdog reads nothing for it)
        reads.append(let_go.is_set())
        let_go.clear()

    def refuses(held):
        spin_until_let_go()
        raise RuntimeError("refused")

    def callback(held):
        spin_until_let_go()

    keep = []

    async def main():
        loop = asyncio.get_running_loop()
        await asyncio.sleep(0.05)  # (the watchdog's first looks)
        for _ in range(3):
            watched = Watched()
            keep.append(weakref.ref(watched, lambda _: ran["weakref callback"].append(
                threading.get_ident() == loop_thread)))
            try:
                refuses([Held(), watched])  # a frame let go: its locals
            except RuntimeError:
                pass
            del watched
            done.set()
            await asyncio.sleep(0.01)
            done.clear()
            loop.call_soon(callback, Held())  # a Handle let go: its callback's arguments
            await asyncio.sleep(0)
            done.set()
            await asyncio.sleep(0.01)
            done.clear()

    with asynccheck.watch(select=["ACK120"], stall_ms=8):
        asyncio.run(main())
    assert reads == [True] * 6  # (the watchdog read while each step was under way)
    assert ran == {"__del__": [True] * 6, "weakref callback": [True] * 3}


def test_the_bound_runner_s_refused_coroutine_warns_at_the_program_s_line(tmp_path):
    """rheld25 p08's shape: `asyncio.run()` refused inside a step, the RuntimeError caught; python's "never
    awaited" warning names the line that let the coroutine go, under the checker too (it read sys:1 when the
    watchdog held the frame). A few runs: the race needed a look in that very step."""
    for _ in range(3):
        plain = _run(tmp_path, REFUSED_RUN, False)
        checked = _run(tmp_path, REFUSED_RUN, True)
        assert "prog.py:12: RuntimeWarning: coroutine 'fetch_token' was never awaited" in plain.stderr
        assert (checked.returncode, checked.stdout, checked.stderr) == (plain.returncode, plain.stdout, plain.stderr)


REFUSED_RUN = """\
    import asyncio


    async def fetch_token():
        return "token"


    def refresh_sync():
        try:
            return asyncio.run(fetch_token())
        except RuntimeError:
            return None  # (line 12: the coroutine is let go here)


    async def main():
        for _ in range(20):
            token = refresh_sync() or await fetch_token()
            total = 0
            for i in range(20000):  # (long enough for the watchdog's looks)
                total += i
            await asyncio.sleep(0.001)
        print(token)


    asyncio.run(main())
    """


# -- 3. a concurrent future's result read once its done callback told the loop: settled, it cannot wait ----------

TOLD = """\
    import asyncio
    import concurrent.futures
    import functools
    import time


    def slow_sum(values):
        time.sleep(0.05)
        return sum(values)


    def tell(loop, event, _job):
        loop.call_soon_threadsafe(event.set)


    async def main():
        loop = asyncio.get_running_loop()
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            done = asyncio.Event()
            job = pool.submit(sum, [1, 2, 3])  # (done before the callback is added, most often: it runs at once)
            job.add_done_callback(lambda f: loop.call_soon_threadsafe(done.set))
            await done.wait()
            print(job.result())

            told = asyncio.Event()
            later = pool.submit(slow_sum, [4, 5])  # (the callback runs on the worker's thread)
            later.add_done_callback(functools.partial(tell, loop, told))
            await told.wait()
            print(later.result())

            signal = asyncio.Event()
            early = pool.submit(slow_sum, [1])
            early.add_done_callback(lambda f: loop.call_soon_threadsafe(signal.set))
            print(early.result())  # ACK106: read before the signal, the job still running
            await signal.wait()

            logged = pool.submit(sum, [2])
            logged.add_done_callback(lambda f: print("logged", f.done()))  # tells nobody
            await asyncio.sleep(0.05)
            print(logged.result())  # ACK106: the job only happened to be done by now


    asyncio.run(main())
    """


def test_a_future_s_result_read_once_its_done_callback_told_the_loop_is_no_wait(tmp_path):
    from tests.runtime.test_programs import checked, marked

    path = tmp_path / "told.py"
    path.write_text(textwrap.dedent(TOLD))
    plain = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=60)
    proc, data = checked(tmp_path, "--ignore", "ACK120", str(path))
    assert (proc.returncode, proc.stdout) == (plain.returncode, plain.stdout), proc.stderr
    assert plain.stdout == "6\n9\n1\nlogged True\n2\n"
    found = {(f["code"], f["line"]) for f in data["findings"] if f["path"] == str(path)}
    assert found == marked(path), data["findings"]
