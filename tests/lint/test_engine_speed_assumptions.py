"""What the lint engine's fast paths rest on: if one of these stops holding, a shortcut changes findings."""
from __future__ import annotations

import gc
import re
from pathlib import Path

import libcst as cst

from asynccheck.lint import lint_source
from asynccheck.lint import builder
from asynccheck.lint.builder import NESTED, child_fields, children, walk_local
from asynccheck.lint.context import parents_of
from asynccheck.lint.positions import spans_of
from asynccheck.lint.run import Run
from asynccheck.config import Config

LINT = Path(__file__).resolve().parents[2] / "asynccheck" / "lint"
# `type(x) is cst.Name`, `type(x) in (cst.Call, cst.Await)`: the rules compare node classes by identity, which
# is isinstance only for classes nothing subclasses (isinstance against libcst's ABCs is a Python-level call)
_BY_IDENTITY = re.compile(r"type\([^\n]*?\) (?:is(?: not)?|(?:not )?in) \(?((?:cst\.\w+(?:, )?)+)\)?")


def _all_node_classes():
    found, todo = set(), [cst.CSTNode]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def test_classes_compared_by_identity_have_no_subclasses():
    names = {name for path in LINT.glob("*.py") for match in _BY_IDENTITY.finditer(path.read_text())
             for name in re.findall(r"cst\.(\w+)", match.group(1))}
    assert "Call" in names and "Name" in names  # the pattern still reads the rules' comparisons
    names.update(cls.__name__ for cls in NESTED)  # `type(node) in NESTED`
    classes = _all_node_classes()
    for name in sorted(names):
        cls = getattr(cst, name)
        assert cls in classes, name
        assert [sub.__name__ for sub in classes if sub is not cls and issubclass(sub, cls)] == [], name


def test_walk_order_and_parents():
    tree = cst.parse_module("async def f(a):\n    x = g(a, [b for b in a])\n    def inner():\n        y = 1\n    return x\n")
    function = tree.body[0]
    walked = list(walk_local(function))
    assert walked[0] is function
    names = [n.value for n in walked if type(n) is cst.Name]
    assert names == ["f", "a", "x", "g", "a", "b", "b", "a", "x"]  # source order; `inner` is not entered
    parents = parents_of(function)
    for node in walked[1:]:
        assert node in children(parents[id(node)])
    inner = function.body.body[1]
    assert all(id(n) not in parents for n in walk_local(inner.body))


def _children_field_by_field(node):
    """What `children` lists, worked out from each field's value (no declared types): the nodes, in field order."""
    out = []
    for name in child_fields(type(node)):
        value = getattr(node, name)
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, cst.CSTNode):
                out.append(item)
    return out


_MANY_SHAPES = """
from . import *
from .a import (b as c, d)
import e.f as g
@deco(1, *xs, k=2, **kw)
async def f(a, /, b: int = 1, *args, c, d=2, **kwargs) -> "T":
    global q
    x: list[int] = [i async for i in aiter() if i if not i]
    y = {k: v for k, v in z.items()}, {1, 2}, (3,), lambda p=1, *, r: p
    z = a[1:2:3, ::], a[:], f"{x!r:>{width}} {y=}", b"x" b"y", -x ** 2 @ m
    async with lock as (u, v), other:
        await g(yield_ := 1)
    try:
        raise E from None
    except* (A, B) as err:
        del x[0], y.z
    else:
        pass
    finally:
        assert x, "m"
    match point:
        case Point(x=0, y=[1, *rest]) | {"k": _, **more} if rest:
            return x if y else None
        case _:
            nonlocal_ = ...
    while not x: break
    else: continue
    for i, *j in k: yield from j
class C(B, metaclass=M):
    def m(self): return super().m()
"""


def test_children_as_the_fields_hold_them():
    # `children` lists a node's children with a function made from its class's declared field types: it must
    # list what the fields actually hold (a field declared optional is None, a node or sequence is as declared)
    tree = cst.parse_module(_MANY_SHAPES)
    seen, stack = set(), [tree]
    while stack:
        node = stack.pop()
        seen.add(type(node))
        expected = _children_field_by_field(node)
        listed = children(node)
        assert len(listed) == len(expected) and all(a is b for a, b in zip(listed, expected)), type(node)
        stack.extend(expected)
    assert {cst.ImportStar, cst.FormattedStringExpression, cst.ParamStar, cst.MatchOr, cst.Slice} <= seen
    # and a node made by code, with its optional fields left as None or the sentinel
    made = cst.Param(cst.Name("p"))
    assert children(made) == _children_field_by_field(made) == [made.name]


def test_a_walk_is_kept_for_its_node_only():
    first = cst.parse_module("def f():\n    return g(1)\n").body[0]
    again = cst.parse_module("def f():\n    return g(1)\n").body[0]  # equal, but another node
    walked = list(walk_local(first))
    assert list(walk_local(first)) == walked and all(a is b for a, b in zip(walk_local(first), walked))
    other = list(walk_local(again))
    assert len(other) == len(walked) and not any(a is b for a, b in zip(other, walked))
    consumed = walk_local(first)
    next(consumed)  # a walk left half-way (`any(...)`) does not shorten the next
    assert len(list(walk_local(first))) == len(walked)


def test_a_file_check_leaves_no_walks_behind():
    lint_source("import time\n\nasync def f():\n    time.sleep(1)\n", "m.py")
    assert builder._WALKS == {}


def test_positions_of_targets_only():
    source = "import time\n\nasync def f():\n    if True:\n        time.sleep(1)\n"
    tree = cst.parse_module(source)
    call = tree.body[1].body.body[0].body.body[0].body[0].value
    assert spans_of(tree, [call]) == {id(call): (5, 8, 5, 21)}
    assert [f.line for f in lint_source(source, "m.py").findings] == [5]


def test_positions_stop_after_the_last_target_and_agree_with_libcst():
    source = ("import time\n\nasync def f():\n    await g(time.sleep(1),\n            2)\n\n"
              "class C:\n    def m(self):\n        return [x for x in range(3)]\n" + "y = 1\n" * 50)
    tree = cst.parse_module(source)
    outer = tree.body[1].body.body[0].body[0].value  # the Await, holding the call inside it
    inner = outer.expression.args[0].value
    comp = tree.body[2].body.body[0].body.body[0].body[0].value
    wrapper = cst.MetadataWrapper(tree, unsafe_skip_copy=True)
    where = wrapper.resolve(cst.metadata.PositionProvider)
    expected = {id(n): (where[n].start.line, where[n].start.column, where[n].end.line, where[n].end.column)
                for n in (outer, inner, comp)}
    assert spans_of(tree, [inner, outer]) == {k: v for k, v in expected.items() if k != id(comp)}
    assert spans_of(tree, [comp, inner]) == {k: v for k, v in expected.items() if k != id(outer)}
    assert spans_of(tree, [cst.Name("elsewhere")]) == {}  # a node not in the tree: the whole pass, nothing found


def test_a_run_leaves_the_collector_as_it_found_it(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.py").write_text("import time\n\nasync def f():\n    time.sleep(1)\n")
    before = gc.get_freeze_count()
    report = Run(Config(root=tmp_path), jobs=1, use_cache=False).check_paths([tmp_path])
    assert sorted(f.path.rpartition("/")[2] for f in report.findings) == ["a.py", "b.py", "c.py"]
    assert gc.get_freeze_count() == before and gc.isenabled()


def test_a_warm_run_does_not_import_libcst(tmp_path):
    # A run whose files the cache all knows reads answers, not trees: importing libcst alone is a fifth of it.
    import subprocess
    import sys

    (tmp_path / "app.py").write_text("import time\n\nasync def handler():\n    time.sleep(1)\n")
    probe = ("import sys\n"
             "from asynccheck.cli import main\n"
             "try:\n"
             "    main([*sys.argv[1:]])\n"
             "except SystemExit:\n"
             "    pass\n"
             "print('libcst' in sys.modules)\n")
    command = [sys.executable, "-c", probe, "lint", "--cache-dir", str(tmp_path / "cache"), str(tmp_path / "app.py")]
    cold = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    warm = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert "ACK101" in cold.stdout and "ACK101" in warm.stdout
    assert cold.stdout.splitlines()[-1] == "True"
    assert warm.stdout.splitlines()[-1] == "False"


def test_a_parsed_tree_holds_no_cycles():
    # lint.run freezes a tree as soon as it is parsed, out of the collector's walks: that loses nothing only if
    # the tree, and whatever the parser left behind, is freed by reference counting alone
    collecting = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        tree = cst.parse_module(_MANY_SHAPES)
        assert gc.collect() == 0  # the parse made no cyclic garbage
        del tree
        assert gc.collect() == 0  # and the tree, let go, was freed without the collector
    finally:
        if collecting:
            gc.enable()
