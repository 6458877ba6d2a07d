"""Prints what a program can see of its own start, one `key: value` line each, so that a run under python and one
under `asynccheck run` can be compared line by line (tests/runtime/test_start_fidelity.py). Run as a script, with
-m, inside a package, a folder and a zip archive. START_PROBE_ENV holds the environment's names before the run;
START_PROBE_SPAWN=1 also starts a multiprocessing "spawn" child that unpickles a __main__ class and sends back
what it sees of its own start (the `child ...` lines)."""
import atexit
import faulthandler
import gc
import inspect
import json
import os
import signal
import sys
import threading
import warnings

_BEFORE = set(json.loads(os.environ.get("START_PROBE_ENV", "[]"))) | {"START_PROBE_ENV", "START_PROBE_SPAWN"}


def _kind(obj):
    return "None" if obj is None else f"{type(obj).__module__}.{type(obj).__qualname__}"


def _handler(handler):
    return _kind(handler) if callable(handler) else str(handler)


def _source_of_this():
    return "source"


class Kept:
    pass


def _spawned(queue, kept):
    # what the child sees of its own start, as text (compared under python and the checker too)
    queue.put((type(kept).__name__, {key: str(value) for key, value in observations(spawn=False).items()}))


def _pattern(test):
    return getattr(test, "pattern", test)


def _paths(entries):
    # the standard library's and installed packages' folders are filled by whatever is imported (the checker
    # imports asyncio): only the program's own places are compared
    return sorted(e for e in entries if "site-packages" not in e and os.sep + "lib" + os.sep + "python" not in e)


def observations(spawn=True):
    main = sys.modules["__main__"]
    spec = main.__spec__
    seen = {
        "__main__ globals": list(vars(main))[:9],
        "__name__": main.__name__,
        "__file__": getattr(main, "__file__", "<none>"),
        "__cached__": getattr(main, "__cached__", "<none>"),
        "__package__": repr(main.__package__),
        "__loader__": _kind(main.__loader__),
        "__spec__": "None" if spec is None else (spec.name, _kind(spec.loader), spec.origin, spec.parent),
        "__builtins__": type(vars(main)["__builtins__"]).__name__,
        "argv": sys.argv,
        "path": sys.path,
        "path_importer_cache": _paths(sys.path_importer_cache),
        "warnings.filters": [(a, _pattern(m), c.__name__, _pattern(mod), n) for a, m, c, mod, n in warnings.filters],
        "warnoptions": sys.warnoptions,
        "flags": sys.flags,
        "signals": {s.name: _handler(signal.getsignal(s)) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE,
                                                                    signal.SIGCHLD, signal.SIGHUP, signal.SIGUSR1)},
        "wakeup fd": signal.set_wakeup_fd(-1),
        "threads": [t.name for t in threading.enumerate()],
        "excepthook": sys.excepthook is sys.__excepthook__,
        "unraisablehook": _kind(sys.unraisablehook),
        "displayhook": _kind(sys.displayhook),
        "meta_path": [getattr(f, "__qualname__", _kind(f)) for f in sys.meta_path],
        "path_hooks": len(sys.path_hooks),
        "gc": (gc.get_threshold(), gc.isenabled(), [getattr(c, "__module__", None) for c in gc.callbacks]),
        "environment added": sorted(set(os.environ) - _BEFORE),
        "faulthandler": faulthandler.is_enabled(),
        "getsource": inspect.getsource(_source_of_this).splitlines()[0],
        "recursion limit": sys.getrecursionlimit(),
        "switch interval": sys.getswitchinterval(),
        "trace, profile": (sys.gettrace(), sys.getprofile()),
        "asyncgen hooks": tuple(sys.get_asyncgen_hooks()),
        "streams": [type(s).__name__ for s in (sys.stdin, sys.stdout, sys.stderr)],
        "cwd": os.getcwd(),
        "orig_argv": "present" if getattr(sys, "orig_argv", None) else "absent",
    }
    if spawn and os.environ.get("START_PROBE_SPAWN"):
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        queue = context.Queue()
        child = context.Process(target=_spawned, args=(queue, Kept()))
        child.start()
        seen["spawned child unpickled"], child_seen = queue.get(timeout=60)
        child.join()
        seen.update((f"child {key}", value) for key, value in child_seen.items())
    return seen


def _at_exit():
    main = sys.modules["__main__"]
    print(f"at exit: {main.__name__} {hasattr(main, '_at_exit')} {hasattr(main, '__file__')} {sys.argv} "
          f"{sys.path[0]}")


def main():
    atexit.register(_at_exit)
    for key, value in observations().items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
