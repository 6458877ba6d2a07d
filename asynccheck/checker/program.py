"""Running a user's program the way `python app.py` / `python -m pkg` would, inside this process."""
from __future__ import annotations

import builtins
import os
import runpy
import sys
import threading
import traceback
from types import TracebackType
from typing import Any, List, Optional

from asynccheck.runtime import plain_stack

_OURS = (os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep,)
# the launcher's runpy frames, below the program's first one (a program may use runpy itself: its frames stay)
_LAUNCHER = _OURS + (os.path.dirname(runpy.__file__) + os.sep + "runpy", "<frozen runpy>")
# python runs __main__ in the globals of the interpreter's own __main__ module, whose `__builtins__` is the module
# `builtins`; runpy runs it in a fresh dict, where exec() puts that module's dict instead (other modules' have the
# dict): a program that reads `__builtins__.__dict__` or `type(__builtins__)` in its script saw the difference
_MAIN_GLOBALS = {"__builtins__": builtins}


class Program:
    """Runs the program; ``namespace`` keeps its __main__ globals alive until the report is written, as they
    would be at interpreter exit (objects such as a module-level queue are inspected then)."""

    def __init__(self, target: str, args: List[str], as_module: bool):
        self.target, self.args, self.as_module = target, args, as_module
        self.namespace: dict = {}
        self.interrupted = False  # ended by an uncaught KeyboardInterrupt: Python then dies of SIGINT
        self.uncaught: Optional[BaseException] = None  # the exception that ended it (python keeps it to the end)

    def module_exists(self) -> bool:
        """For ``-m``: whether the module can be found, as ``python -m`` checks before it runs anything; when it
        cannot, Python's own message is printed (its parent packages are imported to look, as Python does)."""
        import importlib.util

        saved = sys.path[0]
        sys.path[0] = os.getcwd()
        try:
            spec = importlib.util.find_spec(self.target)
            problem = None if spec is not None else f"No module named {self.target}"
        except (ImportError, ValueError) as exc:
            problem = str(exc) or f"No module named {self.target}"
        finally:
            sys.path[0] = saved
        if problem is not None:
            print(f"{sys.executable}: {problem}", file=sys.stderr)
        return problem is None

    def run(self) -> int:
        """The exit status Python would have given the program; its own traceback is printed as Python prints
        it (without asynccheck's frames)."""
        saved_argv, saved_path = sys.argv[:], sys.path[:]
        main = sys.modules["__main__"]
        try:
            sys.argv = [self.target, *self.args]
            if self.as_module:
                sys.path[0] = os.getcwd()  # what `python -m` puts first (instead of the launcher's folder)
                self.namespace = _run_as_main(self.target)
            else:
                # python's __file__ joins the folder it started in and the name as typed, without tidying it
                # (`./bin/../app.py` stays); sys.path[0] is the script's real folder, through symlinks
                path = os.path.join(os.getcwd(), self.target)
                sys.path[0] = os.path.dirname(os.path.realpath(path))
                # Python compiles a script under its absolute path (tracebacks, __file__, cr_origin show it)
                code = _source_code(path)
                if code is not None:  # (called from here: the frames below the program's are runpy's)
                    # as runpy._run_module_code, but sys.argv[0] stays as typed (runpy puts the file name there)
                    with runpy._TempModule("__main__") as temp:  # type: ignore[attr-defined]
                        runpy._run_code(  # type: ignore[attr-defined]
                            code, temp.module.__dict__, _MAIN_GLOBALS, "__main__", None, "", path)
                        self.namespace = temp.module.__dict__.copy()
                else:
                    self.namespace = runpy.run_path(path, _MAIN_GLOBALS, run_name="__main__")
            status = 0
        except SystemExit as exc:
            _as_python_leaves_it(exc)
            status = _exit_status(exc.code)
        except KeyboardInterrupt:
            self.uncaught = _print_exception(*sys.exc_info())
            self.interrupted = True
            status = 130
        except BaseException:
            self.uncaught = _print_exception(*sys.exc_info())
            status = 1
        finally:
            sys.argv, sys.path[:] = saved_argv, saved_path
            sys.modules["__main__"] = main
        _wait_for_threads()
        return status


plain_stack.FLOORS.add(Program.run.__code__)  # the launcher's frames, from it outwards, are not the program's


def _source_code(path: str) -> Any:
    """The code of a script that is a plain source file, compiled as ``runpy.run_path`` compiles it (through
    site_calls.py's checks when they are on); None for anything else (a directory, a zip archive, a ``.pyc``, a
    file that does not compile), which run_path then runs, or fails on, as before. run_path imports ``pkgutil``
    only to tell those apart (~4M instructions of every start-up, 3.11)."""
    import importlib.util
    import io

    try:
        with io.open_code(path) as f:
            source = f.read()
    except OSError:
        return None
    if source[:4] == importlib.util.MAGIC_NUMBER or b"PK\x05\x06" in source[-65558:]:
        return None  # (a .pyc file; a zip archive ends with that record, within its last 64 KiB)
    checked = getattr(runpy._get_code_from_file, "asynccheck_compile", None)  # type: ignore[attr-defined]
    try:
        code = checked(source, path) if checked is not None else None
        return code if code is not None else compile(source, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return None


def _run_as_main(name: str) -> dict:
    """``python -m NAME``: through runpy's own entry for it, as python does (the frames the module sees below it,
    a warning's place at stacklevel=2, an uncaught traceback are python's), in a new ``__main__`` module made as
    the interpreter makes its own (``runner`` puts the launcher's back afterwards)."""
    import builtins
    import types

    module = types.ModuleType("__main__")
    module.__dict__.update(__annotations__={}, __builtins__=builtins)
    sys.modules["__main__"] = module
    return runpy._run_module_as_main(name, alter_argv=True)  # type: ignore[attr-defined]


def die_of_sigint() -> None:
    """End the process as Python does after an uncaught KeyboardInterrupt: exit handlers, then killed by SIGINT,
    so a parent shell sees the interrupt and not a plain exit status."""
    import atexit
    import signal

    if not hasattr(signal, "SIGINT") or os.name != "posix":
        return
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)


def _exit_status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    if sys.stderr is not None:  # (print would send it to stdout; python writes it nowhere then)
        try:
            print(code, file=sys.stderr)  # sys.exit("message") prints it and exits 1
        except (OSError, ValueError):
            pass
    return 1


def _as_python_leaves_it(exc: SystemExit) -> None:
    """The ``__traceback__`` python leaves on a SystemExit that ends the program (one a task stored is logged at
    exit as never retrieved; an ``atexit`` hook may read one the program kept), where our ``except`` set it from
    the launcher's frame inwards. From 3.12 each frame the exception leaves adds itself: the chain from the
    program's first frame. Up to 3.11 it is set only where a handler (``except``, ``finally``, ``with``) takes it,
    and python sets none for the one nobody caught: the chain from the outermost frame of the program's that had a
    handler there (``asyncio.run``'s ``with`` for ``sys.exit()`` in a task), or None. Without our frames either
    way (a copy of the entries, runtime/plain_stack.py: the program's own are left as they are)."""
    tb = exc.__traceback__
    if sys.version_info < (3, 12):
        program = plain_stack.plain_traceback(tb)
        while program is not None and not _handled_at(program.tb_frame.f_code, program.tb_lasti):
            program = program.tb_next
        while tb is not None and (program is None or tb.tb_frame is not program.tb_frame):
            tb = tb.tb_next
    try:
        exc.__traceback__ = plain_stack.plain_traceback(tb)
    except (AttributeError, TypeError):
        pass


def _handled_at(code: Any, offset: int) -> bool:
    """Whether an instruction of ``code`` at ``offset`` has a handler around it: an entry of the exception table
    (3.11), or (3.9, 3.10) a ``SETUP_FINALLY``/``SETUP_WITH``/``SETUP_ASYNC_WITH`` before it whose handler comes
    after it (the protected body lies between the two)."""
    import dis

    parse = getattr(dis, "_parse_exception_table", None)
    try:
        if parse is not None:
            return any(entry.start <= offset < entry.end for entry in parse(code))
        return any(ins.opname in ("SETUP_FINALLY", "SETUP_WITH", "SETUP_ASYNC_WITH") and ins.offset < offset < ins.argval
                   for ins in dis.get_instructions(code))
    except Exception:  # (a code object dis cannot read: as though handled, the chain is left as it is)
        return True


def _print_exception(kind: type, value: BaseException, tb: Optional[TracebackType]) -> BaseException:
    """Print an uncaught exception as Python would have: without asynccheck's frames (the launcher's below the
    program, the wrappers' inside it), for it and the exceptions chained to it; returns it."""
    seen = set()
    pending: List[Optional[BaseException]] = [value]
    while pending:
        exc = pending.pop()
        if exc is None or id(exc) in seen:
            continue
        seen.add(id(exc))
        try:
            exc.__traceback__ = _program_frames(exc.__traceback__)
        except (AttributeError, TypeError):
            pass
        pending.extend((exc.__cause__, exc.__context__))
    tb = _program_frames(tb)
    # what python's PyErr_Print leaves for an uncaught exception (a post-mortem debugger or an atexit hook reads
    # it); it also keeps the exception's frames alive to the end, as under python: a coroutine they hold is
    # reported "never awaited" at exit, where the interpreter no longer imports tracemalloc to suggest it
    sys.last_type, sys.last_value, sys.last_traceback = kind, value, tb
    if sys.version_info >= (3, 12):
        sys.last_exc = value
    try:
        if sys.excepthook is not sys.__excepthook__:
            sys.excepthook(kind, value, tb)
        elif sys.stderr is not None:  # (python's hook writes nowhere then; print_exception would write to stdout)
            traceback.print_exception(kind, value, tb)
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return value


def _program_frames(tb: Optional[TracebackType]) -> Optional[TracebackType]:
    kept: List[TracebackType] = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if not code.co_filename.startswith(_OURS if kept else _LAUNCHER) or code.co_name == plain_stack.AS_MAIN:
            kept.append(tb)  # (`python -m`'s traceback starts with runpy's two frames)
        tb = tb.tb_next
    for outer, inner in zip(kept, kept[1:]):
        outer.tb_next = inner
    if kept:
        kept[-1].tb_next = None
    return kept[0] if kept else None


def _wait_for_threads() -> None:
    """Join non-daemon threads as the interpreter does at exit, so their findings make the report. First, as
    ``threading._shutdown`` does, the callbacks registered with ``threading._register_atexit``: a
    ``ThreadPoolExecutor``'s tells its idle workers to exit (joined without it, they wait for work forever)."""
    callbacks = getattr(threading, "_threading_atexits", None)
    if callbacks:
        threading._SHUTTING_DOWN = True  # type: ignore[attr-defined]  # (registering one now fails, as at exit)
        pending = list(reversed(callbacks))
        callbacks.clear()  # (run once: the interpreter's own _shutdown finds none left)
        for call in pending:
            try:
                call()
            except Exception:
                print("Exception ignored in a threading exit callback:", file=sys.stderr)
                traceback.print_exc()
    current = threading.current_thread()
    for thread in threading.enumerate():
        if thread is not current and not thread.daemon and thread is not threading.main_thread():
            thread.join()
