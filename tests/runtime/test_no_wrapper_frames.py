"""What a program prints about its own stack is what python prints: asynccheck's stand-ins for ``asyncio.run``,
``Runner.run``, ``loop.run_until_complete`` and the blocking calls it watches add no frame to a traceback that escapes them (a thread's
excepthook, hooks the program sets, ``logging.exception``, ``traceback.format_exc()`` in a worker) nor to the
stack a coroutine looks at, on asyncio's loop and on uvloop's; and they still look like asyncio's own."""
import json
import subprocess
import sys
import textwrap

import pytest

from tests.runtime.both_loops import LOOPS, run_program

PROGRAMS = {
    # the thread's default excepthook prints the traceback of an exception escaping asyncio.run
    "thread_default_hook": """
        import asyncio, threading

        async def main():
            await asyncio.sleep(0)
            raise ValueError("boom")

        def work():
            asyncio.run(main())

        t = threading.Thread(target=work)
        t.start()
        t.join()
        print("joined")
        """,
    # hooks set by the program get the traceback python gives them, and format it
    "program_hooks": """
        import asyncio, sys, threading, traceback

        async def main():
            await asyncio.sleep(0)
            raise ValueError("boom")

        def thread_hook(args):
            print("thread hook", args.exc_type.__name__, args.thread.name)
            traceback.print_tb(args.exc_traceback, file=sys.stdout)

        def sys_hook(kind, value, tb):
            print("sys hook", kind.__name__)
            traceback.print_tb(tb, file=sys.stdout)

        threading.excepthook = thread_hook
        sys.excepthook = sys_hook
        t = threading.Thread(target=asyncio.run, args=(main(),), name="worker")
        t.start()
        t.join()
        asyncio.run(main())
        """,
    # the program's own handling, in a thread and in the main thread, through asyncio.run and a loop's method
    "logging_and_format_exc": """
        import asyncio, logging, threading, traceback
        from concurrent.futures import ThreadPoolExecutor

        logging.basicConfig(format="%(levelname)s %(message)s")

        async def main():
            await asyncio.sleep(0)
            raise ValueError("boom")

        def work():
            try:
                asyncio.run(main())
            except ValueError:
                logging.exception("asyncio.run failed")
            loop = asyncio.new_event_loop()
            try:
                loop.run_until_complete(main())
            except ValueError:
                print(traceback.format_exc())
            finally:
                loop.close()

        def job():
            try:
                asyncio.run(main())
            except ValueError as exc:
                return "".join(traceback.format_tb(exc.__traceback__))

        t = threading.Thread(target=work)
        t.start()
        t.join()
        work()
        with ThreadPoolExecutor(1) as pool:
            print(pool.submit(job).result())
        """,
    # the stack a coroutine sees, from the loop's runner to the program's frame that started it (the checker
    # still wraps run_forever, whose frame it needs while the loop runs: see the report of issue 10)
    "stack_in_coroutine": """
        import asyncio, inspect, threading, traceback

        async def main():
            await asyncio.sleep(0)
            names = [f.function for f in inspect.stack()]
            print(names[names.index("run_until_complete"):names.index("work") + 1])
            summary = traceback.extract_stack()
            names = [f.name for f in summary]
            print(traceback.format_list(summary[names.index("work"):names.index("run_until_complete") + 1]))

        def work():
            asyncio.run(main())
            loop = asyncio.new_event_loop()
            loop.run_until_complete(main())
            loop.close()

        t = threading.Thread(target=work)
        t.start()
        t.join()
        """,
    # blocking calls the checker watches, made off the loop: their errors carry python's traceback
    "blocking_calls_off_the_loop": """
        import asyncio, threading, time, traceback
        from concurrent.futures import ThreadPoolExecutor, wait

        async def main():
            await asyncio.sleep(0)
            raise ValueError("boom")

        def job():
            return asyncio.run(main())

        with ThreadPoolExecutor(1) as pool:
            done = pool.submit(job)
            wait([done])  # (result() of a finished future: its traceback does not depend on timing)
            try:
                done.result()
            except ValueError:
                traceback.print_exc()
        try:
            threading.Event().wait("soon")
        except TypeError:
            print(traceback.format_exc())
        t = threading.Thread(target=open, args=("no such file",))
        t.start()
        t.join()
        time.sleep(-1)
        """,
    # the caller logging puts in a record (its file, line and function) when the loop itself calls a logging
    # method, or a helper logs with a stacklevel reaching the loop's frames (3.11+: up to 3.10 logging's walk
    # is its own, docs/runtime.md, Limits)
    "logging_callers": """
        import asyncio, logging, os, sys

        logging.basicConfig(stream=sys.stdout, format="%(filename)s %(funcName)s %(message)s", level=logging.INFO)
        log = logging.getLogger("x")

        def helper():
            log.info("one up", stacklevel=2)
            log.info("two up", stacklevel=3)

        async def main():
            loop = asyncio.get_running_loop()
            loop.call_soon(log.info, "called by the loop")
            loop.call_soon(helper)
            await asyncio.sleep(0.01)

        if sys.version_info >= (3, 11):
            asyncio.run(main())
        """,
    # the stand-ins still answer as asyncio's functions and methods (and the blocking calls) do
    "looks_like_asyncio": """
        import asyncio, inspect, pickle
        from asyncio import run

        loop = asyncio.new_event_loop()
        print(asyncio.run.__name__, asyncio.run.__qualname__, asyncio.run.__module__, run is asyncio.run)
        print(inspect.signature(asyncio.run), bool(asyncio.run.__doc__))
        print(pickle.loads(pickle.dumps(asyncio.run)) is asyncio.run)
        print(inspect.ismethod(loop.run_until_complete), loop.run_until_complete == loop.run_until_complete)
        print(loop.run_until_complete.__name__, loop.run_until_complete.__self__ is loop)
        print(inspect.signature(loop.run_until_complete))
        import threading, time
        print(repr(time.sleep), repr(open), time.sleep.__name__, open.__qualname__, threading.Event.wait.__name__)
        print(pickle.loads(pickle.dumps(time.sleep)) is time.sleep, inspect.signature(threading.Event().wait))
        loop.close()
        """,
    # inspect's and typing's tests of what a callable is answer as for asyncio's function and the builtins
    "inspect_answers": """
        import asyncio, inspect, os, threading, time, types, typing

        for f in (asyncio.run, time.sleep, open, threading.Event.wait, threading.Thread.join):
            print(inspect.isfunction(f), inspect.isbuiltin(f), inspect.isroutine(f), isinstance(f, types.FunctionType),
                  typing.get_type_hints(f))
        print(os.path.basename(inspect.getfile(asyncio.run)), os.path.basename(inspect.getfile(threading.Event.wait)))
        print(os.path.basename(inspect.getsourcefile(threading.Event().wait)))
        """,
    # a builtin kept as a class attribute is called through self without self (it is no descriptor); a python
    # function kept so binds, and functools.wraps of a stand-in copies nothing of asynccheck's onto the wrapper
    "builtins_kept_on_a_class": """
        import functools, threading, time

        class Files:
            opener = open
            pause = time.sleep
            wait = threading.Event.wait

            def __init__(self):
                self._flag = threading.Event()  # what Event.wait, bound to a Files, reads
                self._cond = self._flag._cond
                self._flag.set()

        files = Files()
        with files.opener(__file__) as f:
            print(f.readline().strip())
        print(files.pause(0), Files.pause is time.sleep, Files.opener is open)
        print(threading.Event.wait(files._flag, 0))

        @functools.wraps(time.sleep)
        def nap(seconds):
            return time.sleep(seconds)

        print(nap(0), sorted(k for k in vars(nap) if not k.startswith("__")))
        """,
}


def _run(tmp_path, name, loop, checked):
    return run_program(tmp_path, PROGRAMS, name, loop, checked)


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_the_program_sees_pythons_frames(tmp_path, name, loop):
    plain = _run(tmp_path, name, loop, checked=False)
    checked = _run(tmp_path, name, loop, checked=True)
    assert checked.returncode == plain.returncode
    assert checked.stdout == plain.stdout
    assert checked.stderr == plain.stderr
    assert "asynccheck" not in checked.stdout + checked.stderr


def test_a_builtin_kept_on_a_class_is_still_checked(tmp_path):
    """Not binding ``self`` costs no finding: called through an instance inside a coroutine it is reported."""
    path = tmp_path / "kept.py"
    path.write_text(textwrap.dedent("""\
        import asyncio, time

        class Pacer:
            pause = time.sleep

            async def tick(self):
                self.pause(0.01)  # ACK101

        asyncio.run(Pacer().tick())
        """))
    report = tmp_path / "report.json"
    run = subprocess.run([sys.executable, "-m", "asynccheck", "run", "--format", "json", "--output", str(report),
                          str(path)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert "TypeError" not in run.stderr
    found = json.loads(report.read_text())
    found = found["findings"] if isinstance(found, dict) else found
    assert [(f["code"], f["line"]) for f in found] == [("ACK101", 7)]


def test_a_nested_run_is_still_reported(tmp_path):
    """No frame on the ordinary path, but the check is there when a loop runs on the thread: each call that
    starts a loop inside a coroutine is found at its line."""
    path = tmp_path / "nested.py"
    path.write_text(textwrap.dedent("""\
        import asyncio, sys

        async def child():
            return 1

        async def main():
            try:
                asyncio.run(child())  # ACK108
            except RuntimeError:
                pass
            loop = asyncio.new_event_loop()
            try:
                loop.run_until_complete(child())  # ACK108
            except RuntimeError:
                pass
            if sys.version_info >= (3, 11):
                try:
                    asyncio.Runner().run(child())  # ACK108
                except RuntimeError:
                    pass
            try:
                loop.run_forever()  # ACK108
            except RuntimeError:
                pass

        asyncio.run(main())
        """))
    report = tmp_path / "report.json"
    subprocess.run([sys.executable, "-m", "asynccheck", "run", "--format", "json", "--output", str(report),
                    str(path)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    marked = [n for n, line in enumerate(path.read_text().splitlines(), 1) if line.endswith("# ACK108")]
    if sys.version_info < (3, 11):
        marked.pop(-2)
    found = json.loads(report.read_text())
    found = found["findings"] if isinstance(found, dict) else found
    assert sorted(f["line"] for f in found if f["code"] == "ACK108") == marked
