"""Up to 3.11 the program's modules are compiled with their `.set_result(`/`.cancel(`/`.call_soon(` call sites
checked (runtime/site_calls.py). What a program can do with such code besides running it: ship a function by value
to an interpreter the checker did not start (cloudpickle carries a function's code and the globals it names), read
its module's docstring, and use `from __future__` imports."""
from __future__ import annotations

import builtins
import copy
import pickle
import sys
import types

import pytest

from asynccheck.runtime import site_calls
from asynccheck.runtime.frames import FrameFilter
from asynccheck.runtime.recorder import Recorder

MODULE = b'''"""Resolves futures."""
from __future__ import annotations


def resolve(fut, value: int):
    fut.set_result(value * 2)


def schedule(loop, value):
    loop.call_soon(abs, -value)
'''


class Target:
    """Stands for a future or a loop in the other interpreter: only the method names are the same."""

    def __init__(self) -> None:
        self.value = None

    def set_result(self, value: object) -> None:
        self.value = value

    def call_soon(self, fn, *args: object) -> None:
        self.value = fn(*args)


def checked_module(monkeypatch: pytest.MonkeyPatch, tmp_path) -> dict:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = str(tmp_path / "resolver.py")
    code = site_calls.SiteCalls(Recorder(frozenset({"ACK401"}), FrameFilter())).compiled(MODULE, path)
    assert code is not None
    namespace = {"__name__": "resolver", "__file__": path}
    exec(code, namespace)
    return namespace


def shipped(function: types.FunctionType) -> types.FunctionType:
    """``function`` as a by-value pickler rebuilds it elsewhere: its code, and each global it names pickled and
    loaded again, in a namespace holding nothing else."""
    names = {name: function.__globals__[name] for name in function.__code__.co_names if name in function.__globals__}
    carried = pickle.loads(pickle.dumps(names))
    return types.FunctionType(function.__code__, {"__builtins__": builtins, **carried})


def test_a_function_shipped_by_value_runs_its_calls_unchecked(monkeypatch, tmp_path):
    namespace = checked_module(monkeypatch, tmp_path)
    # the check is a global of the module, named in the function's code, and no builtin
    assert site_calls.CHECK_NAME in namespace["resolve"].__code__.co_names
    assert not any("asynccheck" in name for name in dir(builtins))
    for name, expected in (("resolve", 42), ("schedule", 21)):
        target = Target()
        shipped(namespace[name])(target, 21)
        assert target.value == expected
    # what it pickles as needs nothing of asynccheck: a dict's get, which hands back the method it is given
    carried = pickle.loads(pickle.dumps(namespace[site_calls.CHECK_NAME]))
    assert type(carried) is types.BuiltinMethodType and carried.__self__ == {}
    assert not pickle.dumps(namespace[site_calls.CHECK_NAME]).count(b"asynccheck")


def test_the_check_is_copied_as_itself(monkeypatch, tmp_path):
    namespace = checked_module(monkeypatch, tmp_path)
    check = namespace[site_calls.CHECK_NAME]
    assert copy.copy(check) is check and copy.deepcopy(namespace)[site_calls.CHECK_NAME] is check


def test_docstring_and_future_imports_stay_first(monkeypatch, tmp_path):
    namespace = checked_module(monkeypatch, tmp_path)
    assert namespace["__doc__"] == "Resolves futures."
    assert namespace["resolve"].__annotations__ == {"value": "int"}  # (the __future__ import still counts)
    target = Target()
    namespace["resolve"](target, 4)
    assert target.value == 8


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="from 3.12 sys.monitoring sees these calls: nothing is compiled")
def test_the_check_reports_a_foreign_thread_and_passes_plain_calls_through():
    import asyncio
    import threading

    seen = []

    class Sites:
        def checked(self, target, name, caller):
            seen.append((name, caller.f_code.co_name))

    def resolve(fut):
        site_calls.check("set_result", fut.set_result)(1)

    async def main():
        fut = asyncio.get_running_loop().create_future()
        site_calls._active[0] = Sites()
        try:
            thread = threading.Thread(target=resolve, args=(fut,))
            thread.start()
            thread.join()
            plain = Target()
            site_calls.check("set_result", plain.set_result)(2)  # (not a loop object: passed through)
            return await fut, plain.value
        finally:
            site_calls._active[0] = None

    assert asyncio.run(main()) == (1, 2)
    assert seen == [("set_result", "resolve")]
