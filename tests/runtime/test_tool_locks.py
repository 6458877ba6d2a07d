"""A tool that watches the program (a coverage tracer, a profiler) takes a lock of its own in its callback, and
holds it elsewhere only around C calls: nothing it does there starts a Python frame, so its callback cannot fire
and wait for the lock this thread holds. Made after the checker started, that lock is the checker's stand-in for
``threading.Lock``: its release must not start a Python frame either (coverage on 3.12+, ``COVERAGE_CORE=sysmon``,
hung at start when it measured asynccheck's own files), nor a lock taken in a task by code that is not the
program's."""
import os
import subprocess
import sys
import textwrap

import pytest

# The tool: its callback takes its lock; it turns itself on, and later off, holding the lock. `where` says if it
# does so in a task (the checker looks at every lock taken there) or at top level.
TOOL = textwrap.dedent("""\
    import asyncio
    import sys
    import threading


    class Tool:
        def __init__(self, kind):
            self.kind, self.lock, self.calls = kind, threading.Lock(), 0

        def on_call(self, *args):
            # a Python function starts (a profile function also hears of C calls: not those, which the tool makes
            # itself while it holds the lock)
            if len(args) == 2 or args[1] == "call":
                with self.lock:
                    self.calls += 1

        def switch(self, on):
            with self.lock:
                if self.kind == "settrace":
                    sys.settrace(self.on_call if on else None)
                elif self.kind == "setprofile":
                    sys.setprofile(self.on_call if on else None)
                else:
                    monitoring = sys.monitoring
                    if on:
                        monitoring.use_tool_id(5, "tool")
                        monitoring.register_callback(5, monitoring.events.PY_START, self.on_call)
                    monitoring.set_events(5, monitoring.events.PY_START if on else 0)
                    if not on:
                        monitoring.free_tool_id(5)
            self.lock.acquire()
            self.lock.release()


    def work():
        return sum(range(10))


    async def in_task(tool):
        tool.switch(True)
        work()
        tool.switch(False)


    tool = Tool(sys.argv[1])
    if sys.argv[2] == "task":
        asyncio.run(in_task(tool))
    else:
        tool.switch(True)
        work()
        tool.switch(False)
    print("calls", tool.calls > 0)
    """)

KINDS = ["settrace", "setprofile"] + (["monitoring"] if sys.version_info >= (3, 12) else [])


@pytest.mark.parametrize("where", ["top", "task"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_tools_lock_taken_in_its_callback_does_not_hang(tmp_path, kind, where):
    # the tool lives outside the program's files, as an installed tool does (site-packages is not the program's)
    tools = tmp_path / "site-packages"
    tools.mkdir()
    (tools / "the_tool.py").write_text(TOOL)
    results = []
    for launcher in ([sys.executable], [sys.executable, "-m", "asynccheck", "run"]):
        try:
            results.append(subprocess.run([*launcher, str(tools / "the_tool.py"), kind, where], cwd=tmp_path,
                                          capture_output=True, text=True, timeout=20,
                                          env={**os.environ, "PYTHONPATH": str(tools)}))
        except subprocess.TimeoutExpired:
            pytest.fail(f"{launcher[1:]} hung: the tool's callback waits for its own lock")
    plain, checked = results
    assert plain.returncode == 0, plain.stderr
    assert (checked.stdout, checked.returncode) == (plain.stdout, plain.returncode), checked.stderr
    assert "Traceback" not in checked.stderr, checked.stderr


LIBRARY = "import threading\n\ndef make():\n    return threading.Lock()\n"
PROGRAM = textwrap.dedent("""\
    import asyncio
    import linecache
    import sys
    import threading
    import time

    import the_library

    mine = threading.Lock()
    theirs = the_library.make()


    def waits_for_it(ident, native_id):
        # the loop's thread asleep with main() at `with theirs:` (a fixed hold could end, on a loaded machine,
        # before the loop came back from the executor: then it found the lock free and nothing waited)
        try:
            with open(f"/proc/self/task/{native_id}/stat") as stat:
                asleep = stat.read().rsplit(")", 1)[1].split()[0] == "S"
        except OSError:
            return True  # (no /proc: let go now)
        frame = sys._current_frames().get(ident)
        while frame is not None and frame.f_code.co_name != "main":
            frame = frame.f_back
        return asleep and frame is not None and "with theirs" in linecache.getline(__file__, frame.f_lineno)


    def hold_theirs(taken, ident, native_id):
        with theirs:
            taken.set()
            seen = 0
            while seen < 2:  # (seen waiting twice, 10 ms apart: its wait is past the checker's 1 ms)
                seen = seen + 1 if waits_for_it(ident, native_id) else 0
                time.sleep(0.01)


    async def main():
        taken = threading.Event()
        worker = threading.Thread(target=hold_theirs, args=(taken, threading.get_ident(), threading.get_native_id()))
        worker.start()
        await asyncio.get_running_loop().run_in_executor(None, taken.wait)
        with theirs:  # ACK106: waits for the worker
            pass
        await asyncio.get_running_loop().run_in_executor(None, worker.join)
        with mine:  # ACK201
            await asyncio.sleep(0)
        print(type(mine).__module__, type(theirs).__module__)


    asyncio.run(main())
    """)


def test_the_programs_locks_are_followed_and_a_librarys_still_waited_for(tmp_path):
    # the library's lock has the real lock's release; a wait for it on the loop's thread is still reported, and the
    # program's own lock is followed across the await as before
    libraries = tmp_path / "site-packages"
    libraries.mkdir()
    (libraries / "the_library.py").write_text(LIBRARY)
    (tmp_path / "prog.py").write_text(PROGRAM)
    env = {**os.environ, "PYTHONPATH": str(libraries)}
    checked = subprocess.run([sys.executable, "-m", "asynccheck", "run", "--select", "ACK106,ACK201", "prog.py"],
                             cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env)
    assert checked.stdout == "_thread _thread\n", checked.stderr
    found = sorted(line.split(": ")[1].split()[0] for line in checked.stderr.splitlines()
                   if line.startswith(str(tmp_path / "prog.py")))
    assert found == ["ACK106", "ACK201"], checked.stderr


# A tool whose callback takes its lock the first time it sees a function (as coverage's sys.monitoring core does),
# and a thread of the tool's that holds that lock a while: the loop's thread waits for it in a task, which is
# ACK106. The report is a function the tool has not seen yet: made while the loop's thread held the lock, the
# callback waited for ever for it.
CONTENDED_TOOL = textwrap.dedent("""\
    import sys
    import threading
    import time


    class Tool:
        def __init__(self, kind):
            self.kind, self.lock, self.seen = kind, threading.Lock(), set()

        def on_call(self, *args):
            if len(args) == 3 and args[1] != "call":
                return None
            code = args[0] if len(args) == 2 else args[0].f_code
            if code not in self.seen:
                with self.lock:
                    self.seen.add(code)
            return None

        def switch(self, on):
            with self.lock:
                if self.kind == "settrace":
                    sys.settrace(self.on_call if on else None)
                elif self.kind == "setprofile":
                    sys.setprofile(self.on_call if on else None)
                else:
                    monitoring = sys.monitoring
                    if on:
                        monitoring.use_tool_id(5, "tool")
                        monitoring.register_callback(5, monitoring.events.PY_START, self.on_call)
                    monitoring.set_events(5, monitoring.events.PY_START if on else 0)
                    if not on:
                        monitoring.free_tool_id(5)

        def hold(self, taken):
            # C calls only while held (the tool's own rule: its callback may run on this thread too)
            self.lock.acquire()
            taken.release()
            time.sleep(0.3)
            self.lock.release()
    """)
CONTENDED_PROGRAM = textwrap.dedent("""\
    import _thread
    import asyncio
    import sys

    from the_tool import Tool


    async def main(tool):
        taken = _thread.allocate_lock()
        taken.acquire()
        tool.switch(True)
        with tool.lock:  # the tool sees the functions that take it
            pass
        _thread.start_new_thread(tool.hold, (taken,))
        taken.acquire()
        with tool.lock:  # ACK106: the tool's thread holds it
            pass
        tool.switch(False)
        print("seen", len(tool.seen) > 0)


    asyncio.run(main(Tool(sys.argv[1])))
    """)


@pytest.mark.parametrize("kind", KINDS)
def test_a_wait_for_a_tools_lock_is_reported_once_the_lock_is_released(tmp_path, kind):
    tools = tmp_path / "site-packages"
    tools.mkdir()
    (tools / "the_tool.py").write_text(CONTENDED_TOOL)
    (tmp_path / "prog.py").write_text(CONTENDED_PROGRAM)
    env = {**os.environ, "PYTHONPATH": str(tools)}
    results = []
    for launcher in ([sys.executable], [sys.executable, "-m", "asynccheck", "run", "--select", "ACK106"]):
        try:
            results.append(subprocess.run([*launcher, "prog.py", kind], cwd=tmp_path, capture_output=True, text=True,
                                          timeout=30, env=env))
        except subprocess.TimeoutExpired:
            pytest.fail(f"{launcher[1:]} hung: the report of the wait was made while the tool's lock was held")
    plain, checked = results
    assert (plain.stdout, plain.returncode) == ("seen True\n", 0), plain.stderr
    assert (checked.stdout, checked.returncode) == (plain.stdout, plain.returncode), checked.stderr
    # the finding is kept, at the line that waited, with how long it waited
    line = CONTENDED_PROGRAM.splitlines().index("    with tool.lock:  # ACK106: the tool's thread holds it") + 1
    found = [entry for entry in checked.stderr.splitlines() if entry.startswith(f"{tmp_path / 'prog.py'}:{line}:")]
    assert len(found) == 1 and "ACK106" in found[0], checked.stderr
    waited = int(found[0].split(" waited ")[1].split()[0])
    assert 100 <= waited, found[0]
