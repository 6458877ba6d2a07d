"""rdepth2: the checker's own descriptors, reads of stdin on a loop's thread, finalizer lines, bound methods run
on another thread under the frameless stand-ins, and the checker's threads kept out of what the program sees."""
import os
import subprocess
import sys
import textwrap
import time

import pytest

LINUX = sys.platform.startswith("linux")


def _run(tmp_path, source, checked, *args, options=(), **kwargs):
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(source))
    prefix = ["-m", "asynccheck", "run", "--output", str(tmp_path / "report.txt"), *options] if checked else []
    kwargs.setdefault("capture_output", True)
    return subprocess.run([sys.executable, *prefix, str(path), *args], text=True, timeout=120, cwd=tmp_path,
                          **kwargs)


# for the tests that ask for every finding of a program not about timing: a step that runs finalizers or prints
# python's "never awaited" warning (linecache reading the source) passed 100 ms at load 30 (ACK120 at gc.collect(),
# at the print after a refused run_until_complete; 1 run in 6 on 3.13)
NOT_ABOUT_STALLS = ("--ignore", "ACK120")


def _report(tmp_path):
    return (tmp_path / "report.txt").read_text()


# -- 1. the checker takes no descriptor number the program could be given ----------------------------------------

# One step opens and closes a file all along (each time the lowest free number), starting threads as it goes: the
# watchdog samples the step, reads every thread's schedstat, lists the threads and opens the new ones' files, and
# reports the stall (reading the program's source for its noqa comments) meanwhile. Opened in the program's table,
# each of those files held the lowest number for a moment, and the program's open got the next one.
DESCRIPTOR_RACE = """\
    import asyncio
    import os
    import threading
    import time


    def busy_step(seconds):
        lowest = os.open(os.devnull, os.O_RDONLY)
        os.close(lowest)
        missed = 0
        end = time.perf_counter() + seconds
        opened = 0
        while time.perf_counter() < end:
            fd = os.open(os.devnull, os.O_RDONLY)
            missed += fd != lowest
            os.close(fd)
            opened += 1
            if opened % 50 == 0:
                threading.Thread(target=time.sleep, args=(0.05,)).start()
        return missed


    async def main():
        missed = 0
        for _ in range(4):
            missed += busy_step(0.4)
            await asyncio.sleep(0)
        print("lowest descriptor missed", missed, "times")


    os.close(0)
    asyncio.run(main())
    """


@pytest.mark.skipif(not LINUX, reason="schedstat files are Linux's")
def test_the_program_always_gets_the_lowest_free_descriptor(tmp_path):
    # (before: 5 runs in 6 missed it, 143 to 1050 times)
    for _ in range(3):
        plain = _run(tmp_path, DESCRIPTOR_RACE, False, stdin=subprocess.DEVNULL)
        checked = _run(tmp_path, DESCRIPTOR_RACE, True, stdin=subprocess.DEVNULL)
        assert plain.stdout == "lowest descriptor missed 0 times\n"
        assert (checked.returncode, checked.stdout) == (plain.returncode, plain.stdout)


@pytest.mark.skipif(not LINUX, reason="schedstat files are Linux's")
def test_the_checker_holds_none_of_the_program_s_files_open(tmp_path):
    # the watchdog's files are opened in a table of their own, which starts as a copy of the program's: the
    # copies are closed at once, or the end of a pipe the program was given and closes would stay open there,
    # and its reader would see no end-of-file until the program exits
    read_end, write_end = os.pipe()
    source = f"""\
        import asyncio
        import os


        async def main():
            os.close({write_end})
            await asyncio.sleep(5)


        asyncio.run(main())
        """
    (tmp_path / "prog.py").write_text(textwrap.dedent(source))
    program = subprocess.Popen([sys.executable, "-m", "asynccheck", "run", "prog.py"], cwd=tmp_path,
                               pass_fds=[write_end], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        assert os.read(read_end, 10) == b""
        assert program.poll() is None  # the end-of-file came while the program still ran
    finally:
        os.close(read_end)
        program.kill()
        program.wait()


# -- 2. a read of standard input that keeps a loop's thread waiting is ACK107 ------------------------------------

def _fed(tmp_path, source, checked, lines, *args):
    """Run the program with a pipe as stdin; each line is written once the program has said "waiting" (on
    stderr) and then had a second to be waiting in its read. Its stdout, stderr and exit status."""
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(source))
    prefix = ["-m", "asynccheck", "run", "--output", str(tmp_path / "report.txt")] if checked else []
    program = subprocess.Popen([sys.executable, *prefix, str(path), *args], cwd=tmp_path, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for line in lines:
            assert program.stderr.readline() == "waiting\n"
            time.sleep(1.0)
            program.stdin.write(line + "\n")
            program.stdin.flush()
        program.stdin.close()
        return program.stdout.read(), program.stderr.read(), program.wait(60)
    finally:
        program.kill()
        program.wait()


def _waits(name):
    return f'sys.stderr.write("waiting\\n"); sys.stderr.flush()  # {name}'


STDIN_FLAGGED = f"""\
    import asyncio
    import os
    import sys


    def ask():
        {_waits("ask")}
        return sys.stdin.readline().strip()


    async def main():
        {_waits("readline")}
        first = sys.stdin.readline().strip()  # line: readline
        name = ask()  # line: helper
        {_waits("buffer")}
        raw = sys.stdin.buffer.readline().strip().decode()  # line: buffer
        {_waits("os.read")}
        last = os.read(0, 100).strip().decode()  # line: os.read
        print(first, name, raw, last)


    asyncio.run(main())
    """


def _line(source, mark):
    return next(n for n, text in enumerate(textwrap.dedent(source).splitlines(), 1) if f"# line: {mark}" in text)


@pytest.mark.skipif(not LINUX, reason="the watchdog asks Linux which system call a thread waits in")
def test_reads_of_stdin_that_keep_the_loop_waiting_are_found(tmp_path):
    lines = ["alpha", "bravo", "charlie", "delta"]
    plain = _fed(tmp_path, STDIN_FLAGGED, False, lines)
    checked = _fed(tmp_path, STDIN_FLAGGED, True, lines)
    assert plain[0] == "alpha bravo charlie delta\n"
    assert (checked[0], checked[2]) == (plain[0], plain[2])
    report = _report(tmp_path)
    found = sorted(int(line.split(":")[1]) for line in report.splitlines() if " ACK107 " in line)
    assert found == sorted(_line(STDIN_FLAGGED, mark) for mark in ("readline", "helper", "buffer", "os.read"))
    assert "(a pipe)" in report and "(in `ask()`)" in report
    assert "ACK120" not in report  # (the time it waited is that finding's, not a stall)


STDIN_QUIET = f"""\
    import asyncio
    import sys
    import threading

    {_waits("before the loop")}
    first = sys.stdin.readline().strip()


    def read_in_thread(got):
        {_waits("thread")}
        got.append(sys.stdin.readline().strip())


    async def main():
        got = []
        await asyncio.to_thread(read_in_thread, got)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, read_in_thread, got)
        reader = threading.Thread(target=read_in_thread, args=(got,))
        reader.start()
        while reader.is_alive():
            await asyncio.sleep(0.05)
        print(first, *got)


    asyncio.run(main())
    {_waits("after the loop")}
    print(sys.stdin.readline().strip())
    """


@pytest.mark.skipif(not LINUX, reason="the watchdog asks Linux which system call a thread waits in")
def test_reads_of_stdin_off_the_loop_or_outside_it_stay_quiet(tmp_path):
    lines = ["a", "b", "c", "d", "e"]
    plain = _fed(tmp_path, STDIN_QUIET, False, lines)
    checked = _fed(tmp_path, STDIN_QUIET, True, lines)
    assert plain[0] == "a b c d\ne\n"
    assert (checked[0], checked[2]) == (plain[0], plain[2])
    assert "All checks passed" in _report(tmp_path)


def test_a_read_of_stdin_that_finds_its_line_there_does_not_wait(tmp_path):
    # the documented choice: the line was in the pipe already (or the pipe was at its end), the read returned at
    # once, and the loop did not wait; the linter still reports the line (ACK107)
    source = """\
        import asyncio
        import sys


        async def main():
            print(repr(sys.stdin.readline()), repr(sys.stdin.read()))


        asyncio.run(main())
        """
    plain = _run(tmp_path, source, False, input="ready\n")
    checked = _run(tmp_path, source, True, input="ready\n")
    assert plain.stdout == "'ready\\n' ''\n" and checked.stdout == plain.stdout
    assert "All checks passed" in _report(tmp_path)


@pytest.mark.skipif(not LINUX, reason="descriptor kinds as Linux gives them")
def test_a_read_of_stdin_is_a_finding_only_where_descriptor_0_can_wait(tmp_path):
    # a read of a terminal, a pipe or a socket waits for the other end; of a file or a device (/dev/null is
    # pytest's and a daemon's stdin) it returns at once, so a thread seen in that read is no finding (rreal1)
    import socket

    probe = [sys.executable, "-c", "from asynccheck.runtime.stdin_reads import stdin_kind; print(stdin_kind())"]

    def kind(stdin):
        return subprocess.run(probe, stdin=stdin, capture_output=True, text=True, timeout=60).stdout.strip()

    data = tmp_path / "input.txt"
    data.write_text("a line\n")
    with open(data) as regular, open(os.devnull) as null:
        assert kind(regular) == "None" and kind(null) == "None"
    assert kind(subprocess.PIPE) == "a pipe"
    ours, theirs = socket.socketpair()
    with ours, theirs:
        assert kind(theirs.fileno()) == "a socket"


# -- 3. a blocking call in a weakref.finalize callback is reported where the line to change is ------------------

FINALIZERS = """\
    import asyncio
    import gc
    import threading
    import time
    import weakref


    class Resource:
        def __init__(self):
            self.cycle = self  # freed by the collector only


    def cleanup(name):
        time.sleep(0.001)  # line: in the callback
        print("cleaned", name)


    def drop(holder):
        holder.clear()  # (freed on a worker thread: no loop runs there)


    async def main():
        first = Resource()
        weakref.finalize(first, cleanup, "first")
        second = Resource()
        weakref.finalize(second, time.sleep, 0.001)  # line: registered
        third = Resource()
        never = threading.Event()
        weakref.finalize(third, never.wait, 0.001)  # line: waits for an event
        await asyncio.sleep(0)
        del first
        gc.collect()
        second = third = None
        gc.collect()
        off_loop = [Resource()]
        weakref.finalize(off_loop[0], cleanup, "off the loop")
        await asyncio.to_thread(drop, off_loop)
        await asyncio.to_thread(gc.collect)
        quiet = Resource()
        weakref.finalize(quiet, print, "quiet")
        del quiet
        gc.collect()
        print("done")


    at_exit = Resource()
    weakref.finalize(at_exit, cleanup, "at exit")  # (run at exit, after the loop)
    asyncio.run(main())
    """


def test_finalizer_callbacks_are_reported_at_the_line_to_change(tmp_path):
    plain = _run(tmp_path, FINALIZERS, False)
    checked = _run(tmp_path, FINALIZERS, True, options=NOT_ABOUT_STALLS)
    assert plain.stdout == "cleaned first\ncleaned off the loop\nquiet\ndone\ncleaned at exit\n"
    assert (checked.returncode, checked.stdout) == (plain.returncode, plain.stdout)
    found = sorted((line.split(" ")[1], int(line.split(":")[1])) for line in _report(tmp_path).splitlines()
                   if " ACK1" in line)
    assert found == sorted([("ACK101", _line(FINALIZERS, "in the callback")),
                            ("ACK101", _line(FINALIZERS, "registered")),
                            ("ACK106", _line(FINALIZERS, "waits for an event"))])


# -- 4. a loop runner's bound method is checked on the thread, and at the moment, it is called ------------------

BOUND_RUNNERS = """\
    import asyncio
    import threading
    import traceback

    spare = asyncio.new_event_loop()
    run_spare = spare.run_until_complete  # fetched while no loop runs


    async def job():
        return "job"


    async def fails():
        raise ValueError("boom")


    def in_thread(run):
        try:
            run(fails())
        except ValueError:
            traceback.print_exc()  # python's traceback: no frame of the checker's


    async def main():
        worker_loop = asyncio.new_event_loop()
        run_worker = worker_loop.run_until_complete  # fetched while this loop runs, called on a thread
        thread = threading.Thread(target=in_thread, args=(run_worker,))
        thread.start()
        while thread.is_alive():
            await asyncio.sleep(0.01)
        worker_loop.close()
        try:
            run_spare(job())  # line: nested
        except RuntimeError as error:
            print("refused:", error)


    asyncio.run(main())
    spare.close()
    """


def test_a_loop_runner_fetched_on_one_thread_is_checked_where_it_is_called(tmp_path):
    plain = _run(tmp_path, BOUND_RUNNERS, False)
    checked = _run(tmp_path, BOUND_RUNNERS, True, options=NOT_ABOUT_STALLS)
    assert "ValueError: boom" in plain.stderr and "refused:" in plain.stdout
    assert (checked.returncode, checked.stdout, checked.stderr) == (plain.returncode, plain.stdout, plain.stderr)
    found = [(line.split(" ")[1], int(line.split(":")[1])) for line in _report(tmp_path).splitlines()
             if " ACK" in line]
    assert found == [("ACK108", _line(BOUND_RUNNERS, "nested"))]


def test_a_bound_loop_runner_reads_as_the_original():
    import asyncio
    import inspect
    import types

    import asynccheck

    with asynccheck.watch():
        loop = asyncio.new_event_loop()
        try:
            run = loop.run_until_complete
            assert isinstance(run, types.MethodType) and inspect.ismethod(run)
            assert run.__self__ is loop and run.__func__ is asyncio.BaseEventLoop.run_until_complete
            assert (run.__name__, run.__module__) == ("run_until_complete", "asyncio.base_events")
            assert run.__doc__ == loop.run_until_complete.__doc__ and run.__doc__.startswith("Run until")
            assert run == loop.run_until_complete and hash(run) == hash(loop.run_until_complete)
            assert repr(run).startswith("<bound method BaseEventLoop.run_until_complete of")
            assert run(asyncio.sleep(0, "done")) == "done"
        finally:
            loop.close()


# -- 5. the program is shown its own threads only ----------------------------------------------------------------

THREADS_SEEN = """\
    import _thread
    import asyncio
    import sys
    import threading


    def seen(where):
        frames = sys._current_frames()
        mine = frames[threading.get_ident()]
        exceptions = getattr(sys, "_current_exceptions", dict)()
        print(where, sorted(t.name for t in threading.enumerate()), threading.active_count(), len(frames),
              mine.f_code.co_name, mine.f_lineno, len(exceptions))


    async def main():
        event = asyncio.Event()
        done = threading.Event()
        # a raw thread of the program's: the ACK401 report names it without registering it with threading
        _thread.start_new_thread(lambda: (event.set(), done.set()), ())
        done.wait()
        lock = threading.Lock()
        with lock:
            await asyncio.sleep(0.2)  # (the watchdog's report: ACK201)
        sum(i * i for i in range(2_000_000))  # (ACK120)
        await asyncio.sleep(0.1)
        seen("in the loop")


    seen("before")
    asyncio.run(main())
    seen("after")
    """


def test_the_program_sees_its_own_threads_only(tmp_path):
    plain = _run(tmp_path, THREADS_SEEN, False)
    checked = _run(tmp_path, THREADS_SEEN, True)
    assert plain.stdout.splitlines()[1].startswith("in the loop ['MainThread'] 1 1 seen")
    assert (checked.returncode, checked.stdout) == (plain.returncode, plain.stdout)
    assert "ACK401" in _report(tmp_path) and "ACK201" in _report(tmp_path)
