"""A warning raised under one of asynccheck's wrappers (a C function it wraps, a program's callback called back
through one) is placed where plain python places it: the same file and line in a record, the same module for the
filters (``-W error::X:module``, the default filters that show DeprecationWarning only for ``__main__``), and the
same registry for "warn once per line"."""
import asyncio
import re
import subprocess
import sys
import warnings

import asynccheck


def _open_line_buffered():
    with open(__file__, "rb", buffering=1):  # C's open warns (RuntimeWarning), placed on its caller: this line
        pass


def _recorded(action):
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        action()
    return [(w.filename, w.lineno, w.category) for w in got]


def test_a_c_function_s_warning_is_placed_on_the_program_s_line():
    plain = _recorded(_open_line_buffered)
    with asynccheck.watch():
        checked = _recorded(_open_line_buffered)
    assert plain and plain[0][0] == __file__
    assert checked == plain


def test_a_filter_for_the_program_s_module_sees_the_program_s_module():
    with asynccheck.watch():
        with warnings.catch_warnings():
            warnings.filterwarnings("error", category=RuntimeWarning, module=__name__)
            try:
                _open_line_buffered()
            except RuntimeWarning as raised:
                error = raised
            else:
                error = None
    assert error is not None and "line buffering" in str(error)


def test_a_module_filter_for_another_module_still_passes_it_by():
    with asynccheck.watch():
        with warnings.catch_warnings(record=True) as got:
            warnings.simplefilter("always")
            warnings.filterwarnings("error", category=RuntimeWarning, module="json")
            _open_line_buffered()
    assert [(w.filename, w.category) for w in got] == [(__file__, RuntimeWarning)]


LOADERLESS = """
def read():
    with open(path, "rb", buffering=1):  # the line the program's filter names
        pass
"""


def test_a_program_whose_globals_name_no_loader_is_placed_too():
    # a program run by runpy has globals whose __spec__ has no loader: from 3.12 warn_explicit refuses them as the
    # place's globals, and the warning went on unmoved (named the wrapper's module, so this filter passed it by)
    namespace = {"__name__": "loaderless_program", "__spec__": None, "path": __file__}
    exec(compile(LOADERLESS, "<loaderless>", "exec"), namespace)
    with asynccheck.watch():
        with warnings.catch_warnings():
            warnings.filterwarnings("error", category=RuntimeWarning, module="loaderless_program", lineno=3)
            try:
                namespace["read"]()
            except RuntimeWarning as raised:
                error = raised
            else:
                error = None
    assert error is not None and "line buffering" in str(error)


def _task_factory_warnings():
    def factory(loop, coro, **kwargs):
        warnings.warn("from the factory, 3", UserWarning, stacklevel=3)
        warnings.warn("from the factory, 4", UserWarning, stacklevel=4)
        return asyncio.Task(coro, loop=loop, **kwargs)

    async def job():
        pass

    async def main():
        loop = asyncio.get_running_loop()
        loop.set_task_factory(factory)
        await asyncio.create_task(job())
        await loop.create_task(job())

    return _recorded(lambda: asyncio.run(main()))


def test_a_program_s_callback_called_through_a_wrapper_warns_where_it_would_without_it():
    # loop.create_task is wrapped: the factory's stacklevel counts one frame more under asynccheck
    plain = _task_factory_warnings()
    with asynccheck.watch():
        checked = _task_factory_warnings()
    assert any(filename == __file__ for filename, _line, _category in plain)
    assert checked == plain


def test_no_warning_of_the_program_is_moved_when_no_wrapper_is_counted():
    def warns():
        warnings.warn("plain", UserWarning, stacklevel=2)

    def caller():
        warns()  # the warning's line

    plain = _recorded(caller)
    with asynccheck.watch():
        checked = _recorded(caller)
    assert checked == plain and plain[0][0] == __file__


async def _never_awaited():
    pass


def _drops_a_coroutine():
    _never_awaited()  # freed here, by its count: the line of Python's "never awaited" warning


def test_the_never_awaited_warning_asynccheck_gives_for_python_is_placed_as_python_places_it():
    plain = _recorded(_drops_a_coroutine)
    with asynccheck.watch():
        checked = _recorded(_drops_a_coroutine)
    assert plain and plain[0][0] == __file__
    assert checked == plain


PROGRAM = """
import asyncio, warnings

def factory(loop, coro, **kwargs):
    warnings.warn("a factory deprecation", DeprecationWarning, stacklevel=4)
    return asyncio.Task(coro, loop=loop, **kwargs)

async def job():
    pass

async def main():
    asyncio.get_running_loop().set_task_factory(factory)
    await asyncio.create_task(job())  # the line plain python shows it at

def read_twice(path):
    for _ in range(2):
        with open(path, "rb", buffering=1):  # shown once: the same line
            pass

asyncio.run(main())
read_twice(__file__)
read_twice(__file__)
try:
    with open(__file__, "rb", buffering=1):  # an error here only
        pass
except RuntimeWarning as e:
    print("raised:", e)
"""


def test_a_program_s_warnings_read_the_same_under_asynccheck_run(tmp_path):
    # the default filters show a DeprecationWarning placed in __main__ only; -W with a module applies to __main__
    program = tmp_path / "prog.py"
    program.write_text(PROGRAM)
    report = tmp_path / "report.txt"
    line = next(n for n, text in enumerate(PROGRAM.splitlines(), 1) if "an error here only" in text)
    options = ["-W", f"error::RuntimeWarning:__main__:{line}"]

    def run(*command):
        return subprocess.run([sys.executable, *options, *command], capture_output=True, text=True, timeout=120,
                              cwd=tmp_path)

    plain = run(str(program))
    checked = run("-m", "asynccheck", "run", "--output", str(report), str(program))
    assert "a factory deprecation" in plain.stderr and "raised:" in plain.stdout
    assert (checked.stdout, checked.stderr, checked.returncode) == (plain.stdout, plain.stderr, plain.returncode)


CYCLE = """
import gc, socket
gc.disable()  # freed by the collection at the end only (an automatic one, earlier, is timed by allocations)

class Holder:
    pass

holder = Holder()
holder.itself, holder.sock = holder, socket.socket()  # freed in a cycle: by the collector at the exit
del holder
print("end")
"""


def test_what_the_collector_frees_at_the_end_reads_as_at_the_interpreter_s_exit(tmp_path):
    # the session runs the collector itself before its report: what finalizers then warn is placed on "sys:1",
    # and raised (-W error) without asynccheck's frames in the "Exception ignored" traceback, as plain python
    program = tmp_path / "cycle.py"
    program.write_text(CYCLE)
    for options in (["-X", "dev"], ["-W", "error::ResourceWarning"]):
        def run(*command):
            done = subprocess.run([sys.executable, *options, *command], capture_output=True, text=True, timeout=120,
                                  cwd=tmp_path)
            # (the hint is left out at the interpreter's very end, where tracemalloc can no longer be asked)
            hint = "ResourceWarning: Enable tracemalloc to get the object allocation traceback\n"
            stderr = done.stderr.replace(hint, "")
            return done.stdout, re.sub(r"fd=\d+", "fd=N", stderr), done.returncode

        plain = run(str(program))
        checked = run("-m", "asynccheck", "run", "--output", str(tmp_path / "report.txt"), str(program))
        assert "unclosed <socket.socket" in plain[1]
        assert checked == plain


def test_a_task_s_creation_site_in_debug_mode_is_the_caller_of_create_task():
    async def main():
        return asyncio.current_task()._source_traceback[-1].filename  # asyncio.run's own task: runners.py

    plain = asyncio.run(main(), debug=True)
    with asynccheck.watch():
        checked = asyncio.run(main(), debug=True)
    assert checked == plain
