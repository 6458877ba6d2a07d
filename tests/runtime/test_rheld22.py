"""What rheld22's held-out suite found: a checked program prints what python prints, and the findings it missed
or made up. Each output case runs the same program under python and under `asynccheck run`, on asyncio's loop
and on uvloop's, and compares exit status, stdout and stderr."""
import re
import subprocess
import sys

import pytest

from tests.runtime.both_loops import LOOPS, run_program

PROGRAMS = {
    # whole stacks walked by the program on the loop's thread: in a coroutine (the loop's run_forever wrapper is
    # on the stack), in a callback, and below the script (the launcher's frames)
    "stack_walks": """
        import asyncio, inspect, logging, traceback

        logging.basicConfig(format="%(levelname)s %(funcName)s %(message)s")
        log = logging.getLogger("svc")

        def where(tag):
            log.warning("at %s", tag, stack_info=True)
            traceback.print_stack(file=sys.stdout)
            print([f.function for f in inspect.stack()])
            print(len(traceback.format_stack()), [f.name for f in traceback.extract_stack(limit=3)])
            print([f.name for f in traceback.StackSummary.extract(traceback.walk_stack(None))])

        async def main():
            await asyncio.sleep(0)
            where("coroutine")
            loop = asyncio.get_running_loop()
            done = loop.create_future()
            loop.call_soon(lambda: (where("callback"), done.set_result(None)))
            await done

        where("module")
        asyncio.run(main())
        """,
    # a program that runs a script with runpy itself: those runpy frames are the program's, and stay
    "program_uses_runpy": """
        import os, runpy, tempfile

        helper = os.path.join(tempfile.mkdtemp(), "helper.py")
        with open(helper, "w") as fh:
            fh.write("import asyncio, traceback\\n"
                     "async def main():\\n"
                     "    print([f.name for f in traceback.extract_stack()])\\n"
                     "asyncio.run(main())\\n")
        runpy.run_path(helper, run_name="__main__")
        os.remove(helper)
        os.rmdir(os.path.dirname(helper))
        """,
    # the script's globals are __main__'s: `__builtins__` is the builtins module there, a dict elsewhere
    "main_builtins": """
        import asyncio, builtins

        async def main():
            print(type(__builtins__).__name__, __builtins__ is builtins)

        asyncio.run(main())
        """,
}


def _run(tmp_path, name, loop, checked):
    return run_program(tmp_path, PROGRAMS, name, loop, checked)


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_the_program_prints_what_python_prints(tmp_path, name, loop):
    plain = _run(tmp_path, name, loop, checked=False)
    checked = _run(tmp_path, name, loop, checked=True)
    assert plain.returncode == 0, plain.stderr
    assert (checked.returncode, checked.stdout, checked.stderr) == (plain.returncode, plain.stdout, plain.stderr)
    assert "asynccheck" not in checked.stdout + checked.stderr
    if name == "program_uses_runpy":
        assert "_run_code" in plain.stdout  # (the program's own runpy frames are in what both print)


def test_main_builtins_with_dash_m(tmp_path):
    """`python -m pkg` runs pkg/__main__.py in __main__'s globals too."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "__main__.py").write_text("import helper_mod\nprint(type(__builtins__).__name__, helper_mod.kind)\n")
    (tmp_path / "helper_mod.py").write_text("kind = type(__builtins__).__name__\n")
    plain = subprocess.run([sys.executable, "-m", "pkg"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    checked = subprocess.run([sys.executable, "-m", "asynccheck", "run", "--output", str(tmp_path / "r.txt"),
                              "-m", "pkg"], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert plain.stdout == "module dict\n"
    assert (checked.returncode, checked.stdout, checked.stderr) == (plain.returncode, plain.stdout, plain.stderr)


# -- a loop's call_soon or a future's setter handed to a Timer or a Thread (ACK402/ACK401 at the hand-over) --------
HANDED = """\
import asyncio, sys, threading

class Mailbox:  # a class of the program's with a method of that name: no loop of asyncio's
    def __init__(self):
        self.got = []

    def call_soon(self, item):
        self.got.append(item)

def new_loop():
    if sys.argv[1:] == ["uvloop"]:
        import uvloop
        return uvloop.new_event_loop()
    return asyncio.new_event_loop()

async def main():
    loop = asyncio.get_running_loop()
    fired = []
    fut = loop.create_future()
    box = Mailbox()
    {hand}
    for _ in range(100):
        await asyncio.sleep(0.01)
        if fired or fut.done() or box.got:
            break
    await asyncio.to_thread(runner.join)
    print("fired", bool(fired or fut.done() or box.got))

loop = new_loop()
loop.run_until_complete(main())
loop.close()
"""
HANDS = {
    "timer_call_soon": ("runner = threading.Timer(0.01, loop.call_soon, args=(fired.append, 1))  # ACK402\n"
                        "    runner.start()"),
    "thread_call_soon": ("runner = threading.Thread(target=loop.call_soon, args=(fired.append, 1))  # ACK402\n"
                         "    runner.start()"),
    "timer_future_setter": ("runner = threading.Timer(0.01, fut.set_result, args=(1,))  # ACK401\n"
                            "    runner.start()"),
    # look-alikes: the thread-safe call, a program's method named call_soon, a threading.Event's set
    "timer_threadsafe": ("runner = threading.Timer(0.01, loop.call_soon_threadsafe, args=(fired.append, 1))\n"
                         "    runner.start()"),
    "thread_program_method": ("runner = threading.Thread(target=box.call_soon, args=(1,))\n"
                              "    runner.start()"),
    "timer_threading_event": ("done = threading.Event()\n"
                              "    runner = threading.Timer(0.01, lambda: (done.set(), fired.append(1)))\n"
                              "    runner.start()"),
}


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("hand", sorted(HANDS))
def test_a_loop_method_handed_to_a_thread(tmp_path, hand, loop):
    from tests.runtime.test_programs import checked, marked

    path = tmp_path / f"{hand}.py"
    path.write_text(HANDED.replace("{hand}", HANDS[hand]))
    plain = subprocess.run([sys.executable, str(path), loop], capture_output=True, text=True, timeout=60)
    proc, data = checked(tmp_path, "--ignore", "ACK120", str(path), loop)
    assert (proc.returncode, proc.stdout) == (plain.returncode, plain.stdout), proc.stderr
    assert plain.stdout == "fired True\n"
    found = {(f["code"], f["line"]) for f in data["findings"] if f["path"] == str(path)}
    assert found == marked(path), data["findings"]


def _line_of(source, text):
    return next(n for n, line in enumerate(source.splitlines(), 1) if text in line)


# -- a contended lock taken inside a sync helper: ACK106 at the coroutine's call of the helper -----------------------
CONTENDED = """\
import asyncio, threading, time

class Store:
    def __init__(self):
        self.lock = threading.Lock()
        self.data = {}
        self.go_on = threading.Event()  # set as the loop's thread goes for the lock

    def compact(self, held):
        with self.lock:
            held.set()
            self.go_on.wait(5)  # (a time of its own could be over first on a loaded machine)
            time.sleep(0.05)

    def put(self, k, v):
        with self.lock:
            self.data[k] = v

def hold(store):
    held = threading.Event()
    store.go_on.clear()
    worker = threading.Thread(target=store.compact, args=(held,))
    worker.start()
    held.wait()
    return worker

async def main():
    store = Store()
    worker = await asyncio.to_thread(hold, store)
    store.go_on.set()
    store.put("a", 1)  # ACK106: the helper's `with self.lock:` waited for the compaction
    await asyncio.to_thread(worker.join)
    worker = await asyncio.to_thread(hold, store)
    store.go_on.set()
    await asyncio.to_thread(store.put, "b", 2)  # the same wait in a worker thread: fine
    await asyncio.to_thread(worker.join)
    store.put("c", 3)  # not contended now
    loop = asyncio.get_running_loop()
    worker = await asyncio.to_thread(hold, store)
    done = loop.create_future()
    loop.call_soon(lambda: (store.go_on.set(), store.put("d", 4), done.set_result(None)))  # ACK106: the callback's call
    await done
    await asyncio.to_thread(worker.join)
    print(sorted(store.data))

asyncio.run(main())
"""


def test_a_contended_lock_in_a_helper_is_reported_where_the_coroutine_called_it(tmp_path):
    from tests.runtime.test_programs import checked, marked

    path = tmp_path / "contended.py"
    path.write_text(CONTENDED)
    proc, data = checked(tmp_path, "--ignore", "ACK120", str(path))
    assert proc.stdout == "['a', 'b', 'c', 'd']\n", proc.stderr
    found = {(f["code"], f["line"]) for f in data["findings"]}
    assert found == marked(path), data["findings"]
    first = next(f for f in data["findings"] if f["line"] == _line_of(CONTENDED, 'store.put("a", 1)'))
    assert "put()` -> `threading.Lock.acquire()` waited" in first["message"]  # (3.9 names no class)
    assert first["stack"][-1]["function"] == "put"  # (the stack still ends at the wait)


# -- Python's own traceback display reads source lines with open(path, "rb") from C: not the program's file I/O ------
UNRAISABLE = """\
import asyncio, gc

class Leaky:
    def __del__(self):
        raise ValueError("close failed")

def read_source(path):
    with open(path, "rb") as fh:
        return fh.readline()

async def main():
    Leaky()
    gc.collect()  # the default unraisable hook prints the traceback, reading this file's lines: not a finding
    leaky = Leaky()
    del leaky
    print(read_source(__file__) == b"import asyncio, gc\\n")  # ACK103: the program's own read, in a helper
    with open(__file__, "rb") as fh:  # ACK103: and directly
        print(len(fh.read()) > 0)

asyncio.run(main())
"""


def test_the_interpreters_traceback_display_is_not_file_io_of_the_program(tmp_path):
    from tests.runtime.test_programs import checked, marked

    path = tmp_path / "unraisable.py"
    path.write_text(UNRAISABLE)
    plain = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=60)
    proc, data = checked(tmp_path, "--ignore", "ACK120", str(path))
    assert "close failed" in plain.stderr and plain.stdout == "True\nTrue\n"
    address = re.compile(r"0x[0-9a-f]+")  # (the function's repr)
    assert (proc.returncode, proc.stdout, address.sub("", proc.stderr)) == \
        (plain.returncode, plain.stdout, address.sub("", plain.stderr))
    assert {(f["code"], f["line"]) for f in data["findings"]} == marked(path), data["findings"]
