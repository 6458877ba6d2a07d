"""Programs that ran differently, or got findings they did not earn, under `asynccheck run` (rrobust12): each is
run by python and by the checker, and must print the same and end the same; what the interpreter does on its own
behalf is not the program's finding, and the program's own call in the same place still is."""
from __future__ import annotations

import re
import textwrap

from tests.runtime.test_programs import checked, python

_ADDRESS = re.compile(r"0x[0-9a-f]+")


def _both(tmp_path, source, *options):
    """(python's run, the checker's run, the checker's findings as (code, line)) of the program ``source``."""
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(source))
    plain = python(str(path), cwd=tmp_path)
    proc, data = checked(tmp_path, *options, str(path), cwd=tmp_path)
    found = sorted((f["code"], f["line"]) for f in data["findings"])
    return plain, proc, found


def _same(plain, proc):
    assert proc.returncode == plain.returncode, proc.stderr
    assert proc.stdout == plain.stdout
    assert _ADDRESS.sub("0x", proc.stderr) == _ADDRESS.sub("0x", plain.stderr)


def _line(source, text):
    return next(n for n, line in enumerate(textwrap.dedent(source).splitlines(), 1) if text in line)


# the C traceback printer reads source lines through io.open() with no frame of its own
PRINTED_BY_THE_INTERPRETER = """\
    import asyncio
    import io
    import sys


    class Handle:
        def __del__(self):
            raise RuntimeError("close failed")


    class Loud(Exception):
        def __str__(self):
            with open(__file__) as f:  # the exception's own text: the program's read
                return f"loud {len(f.readline())}"


    def hook(kind, value, tb):
        print("hook saw", kind.__name__)
        sys.__excepthook__(kind, value, tb)


    async def main():
        h = Handle()
        del h  # "Exception ignored in": the default unraisablehook prints it
        await asyncio.sleep(0)
        try:
            1 / 0
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())  # the default excepthook
            with open(__file__, "rb") as f:  # the program's own read, after it
                f.read(1)
            with io.open(__file__, "rb") as f:  # and through io.open, as the C printer calls it
                f.read(1)
        sys.excepthook = hook
        try:
            {}["key"]
        except KeyError:
            sys.excepthook(*sys.exc_info())  # a hook of the program's calling the default one
        try:
            raise Loud()
        except Loud:
            sys.__excepthook__(*sys.exc_info())  # reached the program's read in Loud.__str__
        print("done", sys.excepthook is hook, sys.__excepthook__ is not hook)


    asyncio.run(main())
    print(sys.excepthook is hook)
"""


def test_the_interpreters_source_reads_for_a_traceback_are_not_the_programs(tmp_path):
    plain, proc, found = _both(tmp_path, PRINTED_BY_THE_INTERPRETER)
    _same(plain, proc)
    assert "Exception ignored in" in plain.stderr and "ZeroDivisionError" in plain.stderr
    source = PRINTED_BY_THE_INTERPRETER
    assert found == sorted([("ACK103", _line(source, "the program's own read, after it")),
                            ("ACK103", _line(source, "as the C printer calls it")),
                            ("ACK103", _line(source, "reached the program's read"))])


def test_default_hooks_are_the_same_objects_as_without_the_checker(tmp_path):
    source = """\
        import asyncio
        import sys

        print(sys.excepthook is sys.__excepthook__, sys.unraisablehook is sys.__unraisablehook__)
        print(type(sys.excepthook).__name__ if False else repr(sys.excepthook), callable(sys.unraisablehook))

        async def main():
            print(sys.excepthook is sys.__excepthook__, repr(sys.__unraisablehook__))

        asyncio.run(main())
    """
    plain, proc, found = _both(tmp_path, source)
    _same(plain, proc)
    assert found == []


# stacks the program takes itself: the launcher below it and our run_forever wrapper are not in them
STACKS = """\
    import asyncio
    import inspect
    import logging
    import sys
    import traceback
    import warnings

    logging.basicConfig(format="%(levelname)s %(message)s", stream=sys.stdout)
    warnings.simplefilter("always")
    warnings.warn("module level", stacklevel=2)


    def where(label):
        logging.warning(label, stack_info=True)
        traceback.print_stack()
        print(label, len(traceback.format_stack()), len(traceback.extract_stack(limit=3)))
        print(label, [(f.function, f.lineno) for f in inspect.stack()][-2:], len(inspect.stack()))
        warnings.warn("two out", stacklevel=3)


    async def main():
        where("in the loop")
        await asyncio.sleep(0)
        where("after a step")


    where("module")
    asyncio.run(main())
"""


def test_stacks_the_program_takes_are_pythons(tmp_path):
    plain, proc, found = _both(tmp_path, STACKS)
    _same(plain, proc)
    assert found == [] and "runpy" not in proc.stderr + proc.stdout


def test_a_programs_own_runpy_frames_stay(tmp_path):
    (tmp_path / "inner.py").write_text(textwrap.dedent("""\
        import traceback, warnings
        traceback.print_stack()
        warnings.warn("from inner", stacklevel=2)
    """))
    plain, proc, found = _both(tmp_path, """\
        import os, runpy
        runpy.run_path(os.path.join(os.path.dirname(__file__), "inner.py"), run_name="__main__")
    """)
    _same(plain, proc)
    assert "runpy" in plain.stderr


def test_a_module_run_with_dash_m_sees_pythons_stack(tmp_path):
    package = tmp_path / "app"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "__main__.py").write_text(textwrap.dedent("""\
        import asyncio, faulthandler, inspect, sys, traceback, warnings
        traceback.print_stack()
        faulthandler.dump_traceback()
        print([f.function for f in inspect.stack()], sys.argv[1:], __name__, __spec__.name)
        print(sorted(k for k in globals() if k.startswith("__")), type(__builtins__).__name__)
        warnings.warn("module level", stacklevel=2)

        async def main():
            raise ValueError("crashed")

        asyncio.run(main())
    """))
    plain = python("-m", "app", "x", cwd=tmp_path)
    proc, data = checked(tmp_path, "-m", "app", "x", cwd=tmp_path)
    assert "_run_module_as_main" in plain.stderr and "ValueError: crashed" in plain.stderr
    assert proc.returncode == plain.returncode == 1
    assert proc.stdout == plain.stdout
    assert _ADDRESS.sub("0x", proc.stderr).startswith(_ADDRESS.sub("0x", plain.stderr)) and data["findings"] == []


FAULTHANDLER_DUMPS = """\
    import asyncio
    import faulthandler
    import os
    import sys
    import threading

    ready, done = threading.Event(), threading.Event()


    def worker():
        ready.set()
        done.wait()


    def dump():
        faulthandler.dump_traceback(all_threads=True)
        faulthandler.dump_traceback(sys.stdout, all_threads=False)
        sys.stdout.flush()
        faulthandler.dump_traceback(os.dup(2))


    async def main():
        dump()
        await asyncio.sleep(0)


    thread = threading.Thread(target=worker)
    thread.start()
    ready.wait()
    dump()
    asyncio.run(main())
    done.set()
    thread.join()
"""


def test_faulthandler_dumps_show_the_programs_threads_and_frames_only(tmp_path):
    plain, proc, found = _both(tmp_path, FAULTHANDLER_DUMPS)
    _same(plain, proc)
    assert "in worker" in plain.stderr and found == []
