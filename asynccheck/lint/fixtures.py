"""What a pytest fixture hands the tests that ask for it by name.

A test (or another fixture) names the fixtures it wants as parameters, without annotations: `async def
test_health(client)` gets whatever the fixture `client` yields, or returns, and pytest-asyncio awaits an async
fixture first. The fixture is found as pytest finds it: in the test's own module, else in the `conftest.py` of
its package or of a package above (another module: a fact, facts.FIXTURE). A parameter with a default is no
fixture; an annotation says more than this and is read first (scope.Scope._binding_value).
"""
from __future__ import annotations

from typing import Dict, Optional

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.facts import FIXTURE, Value

_REF = "ref"


def fixture_name(function) -> Optional[str]:
    """The name a module-level function is a fixture under (its own, or the decorator's `name=`), else None."""
    where = function.parent
    if where is None or where.kind != "module":
        return None
    for decorator in getattr(function.node, "decorators", ()):
        expr = decorator.decorator
        call = expr if type(expr) is cst.Call else None
        made = where.evaluate(call.func if call is not None else expr)
        if made is None or made[0] != _REF or made[1] not in knowledge.FIXTURE_DECORATORS:
            continue
        for arg in call.args if call is not None else ():
            if arg.keyword is not None and arg.keyword.value == "name" and type(arg.value) is cst.SimpleString:
                named = arg.value.evaluated_value
                return named if isinstance(named, str) else None
        return function.name
    return None


def fixture_value(function) -> Value:
    """What the fixture function hands its users: what it yields (a generator fixture, sync or async), or what
    it returns, awaited for a coroutine function."""
    if function.is_generator:
        return function.yielded_value()
    return function.module.call_value(function.qualname, awaited=function.is_async)


def own_fixtures(root) -> Dict[str, object]:
    """fixture name -> the function scope, for this module's fixtures (worked out once per module)."""
    key = ("fixtures",)
    found = root.memo.get(key)
    if found is None:
        found = {}
        for function in root.functions.values():
            name = fixture_name(function)
            if name is not None:
                found[name] = function
        root.memo[key] = found
    return found


def _asks_fixtures(scope) -> bool:
    """Does pytest call this function with fixtures: a test (`test_*`, at module level or in a test class), or a
    fixture of the module?"""
    if scope.kind != "function" or scope.parent is None:
        return False
    if scope.parent.kind == "class":
        return scope.name.startswith("test") and scope.parent.name.startswith("Test")
    return scope.parent.kind == "module" and (scope.name.startswith("test") or fixture_name(scope) is not None)


def fixture_argument(scope, binding: tuple) -> Value:
    """What pytest hands the parameter bound by ``binding`` of ``scope`` (a test or a fixture), when a fixture of
    the project has its name: this module's, else the nearest `conftest.py`'s."""
    if not _asks_fixtures(scope):
        return None
    name = next((n for n, bound in scope.bindings.items() if any(b is binding for b in bound)), None)
    if name is None:
        return None
    root = scope.module
    own = own_fixtures(root).get(name)
    if own is not None:
        return fixture_value(own) if own is not scope else None
    foreign = root.foreign
    if foreign is None:
        return None
    package = root.qualname.rpartition(".")[0] if root.qualname.rpartition(".")[2] != "conftest" \
        else root.qualname.rpartition(".")[0].rpartition(".")[0]
    while True:
        conftest = f"{package}.conftest" if package else "conftest"
        if conftest != root.qualname and foreign.owns(f"{conftest}.{name}"):
            value = foreign.fact(f"{conftest}.{name}{FIXTURE}", None)
            if value is not None:
                return value
        if not package:
            return None
        package = package.rpartition(".")[0]
