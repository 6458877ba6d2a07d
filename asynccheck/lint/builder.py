"""One walk over a libcst module that builds its scopes and records what the rules look at.

libcst's visitor machinery rebuilds nodes as it goes and costs about as much as parsing; this walker only
reads fields (a per-type list of the fields that can hold code), which is several times cheaper.
"""
from __future__ import annotations

import collections.abc
import dataclasses
import typing
from typing import Callable, Dict, FrozenSet, Iterator, List, Optional, Set, Tuple, Union

import libcst as cst

from asynccheck.lint import deadcode, knowledge, types
from asynccheck.lint.facts import SHADOW
from asynccheck.lint.scope import REF, Scope
from asynccheck.lint.trampolines import drives_without_loop

_SKIP_FIELDS = frozenset(
    "lpar rpar comma semicolon colon lbracket rbracket lbrace rbrace dot equal star header footer indent "
    "leading_lines lines_after_decorators trailing_whitespace newline asynchronous operator whitespace "
    "encoding default_indent default_newline has_trailing_newline relative".split()
)
_FIELDS: Dict[type, Tuple[str, ...]] = {}


def child_fields(node_type: type) -> Tuple[str, ...]:
    fields = _FIELDS.get(node_type)
    if fields is None:
        fields = tuple(
            f.name
            for f in dataclasses.fields(node_type)
            if f.name not in _SKIP_FIELDS and not f.name.startswith("whitespace")
        )
        _FIELDS[node_type] = fields
    return fields


# What a field's value is, by its type: 1 a node, 2 a list or tuple, 0 neither. isinstance against libcst's
# classes goes through ABCMeta.__instancecheck__, a Python call per test; this is the walkers' hottest loop.
_KINDS: Dict[type, int] = {}


def _kind(value_type: type) -> int:
    kind = 1 if issubclass(value_type, cst.CSTNode) else 2 if issubclass(value_type, (list, tuple)) else 0
    _KINDS[value_type] = kind
    return kind


def children(node: cst.CSTNode) -> list:
    """``node``'s children in source order, as a list: built in one call, where a generator would resume once per
    child (the walkers call this for every node they pass)."""
    lister = LISTERS.get(type(node))
    if lister is None:
        lister = lister_for(type(node))
    return lister(node)


# A function per node type that lists its children with what the type declares for each field (a node; an
# optional node; a sequence of nodes; text): `children` is the walkers' hottest call, and a loop over the field
# names that tests each value's type took a third of a walk's time. A field of any other declared type (a node
# or a sequence, a node or a sentinel) has its value tested.
LISTERS: Dict[type, Callable[[cst.CSTNode], list]] = {}


def _node_types(hint) -> Optional[bool]:
    """True for a CSTNode class or a union of them; False for a type that holds no node (text, a flag); None
    for anything else."""
    if isinstance(hint, type):
        return True if issubclass(hint, cst.CSTNode) else False if hint in (str, bool, int) else None
    if typing.get_origin(hint) is Union:
        return True if all(isinstance(a, type) and issubclass(a, cst.CSTNode) for a in typing.get_args(hint)) \
            else None
    return None


def lister_for(node_type: type) -> Callable[[cst.CSTNode], list]:
    try:
        hints = typing.get_type_hints(node_type)
    except Exception:  # (a node class whose annotations do not resolve: test each value)
        hints = {}
    lines = ["def lister(node):", "    out = []"]
    for i, name in enumerate(child_fields(node_type)):
        hint = hints.get(name)
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        origin = typing.get_origin(hint)
        if _node_types(hint) is False:
            continue
        if _node_types(hint):
            lines.append(f"    out.append(node.{name})")
        elif origin is Union and len(args) < len(typing.get_args(hint)) and _node_types(Union[tuple(args)]):
            lines += [f"    v{i} = node.{name}", f"    if v{i} is not None:", f"        out.append(v{i})"]
        elif origin in (list, tuple, collections.abc.Sequence) and len(typing.get_args(hint)) == 1 \
                and _node_types(typing.get_args(hint)[0]):
            lines.append(f"    out.extend(node.{name})")
        else:
            lines.append(f"    out.extend(_one_field(node.{name}))")
    lines.append("    return out")
    space = {"_one_field": _one_field}
    exec("\n".join(lines), space)  # noqa: S102 - code made above from the node class's field names
    lister = LISTERS[node_type] = space["lister"]
    return lister


def _one_field(value) -> list:
    """The nodes a field's value holds: itself if a node, the nodes of a list or tuple, else none."""
    kind = _KINDS.get(type(value))
    if kind is None:
        kind = _kind(type(value))
    if kind == 1:
        return [value]
    if kind == 2:
        return [item for item in value if isinstance(item, cst.CSTNode)]
    return []


def iter_children(node: cst.CSTNode):
    return iter(children(node))


NESTED = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
_NESTED_TYPES = frozenset(NESTED)  # concrete classes libcst does not subclass: a set lookup, not an ABC check
# Builtins that iterate their argument at once; those that pass an iterator through (and are consumed with it).
_CONSUMERS = frozenset("list tuple set frozenset dict sorted sum min max any all next len".split())
_PASS_THROUGH = frozenset("enumerate zip map filter reversed iter".split())
_PROPERTIES = frozenset({"property", "cached_property", "cached"})


# The rule families walk the same bodies over and over (on the bench corpus six in ten of the nodes walked are of
# a node walked before), so a walk is kept as a list under the node it starts from. The entry holds that node, so
# its id cannot be reused by another while the entry lives; ``forget_walks`` empties the store between files.
_WALKS: Dict[int, Tuple[cst.CSTNode, list]] = {}


def walk_local(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """``node`` and what is under it, in source order, without entering nested functions, lambdas and classes
    (their bodies run at another time, maybe on another thread)."""
    kept = _WALKS.get(id(node))
    if kept is None or kept[0] is not node:
        kept = _WALKS[id(node)] = (node, _walk(node))
    return iter(kept[1])


def walk_all(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """``node`` and everything under it, nested functions, lambdas and classes included (in no set order)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(children(current))


def forget_walks() -> None:
    _WALKS.clear()


def _walk(node: cst.CSTNode) -> list:
    out = []
    stack = [node]
    pop, push, keep, listers = stack.pop, stack.extend, out.append, LISTERS
    while stack:
        current = pop()
        keep(current)
        kind = type(current)
        if kind in _NESTED_TYPES and current is not node:
            continue
        lister = listers.get(kind)  # (children(current), without a call of its own per node)
        below = lister(current) if lister is not None else lister_for(kind)(current)
        below.reverse()
        push(below)
    return out


def _type_comment(line: cst.SimpleStatementLine) -> Optional[cst.BaseExpression]:
    """The type a PEP 484 type comment declares for the line's assignment (`x = None  # type: socket.socket`), as
    an annotation would; None for no comment, `# type: ignore`, or one that does not parse."""
    comment = line.trailing_whitespace.comment
    if comment is None or not comment.value.startswith("# type:"):
        return None
    text = comment.value[len("# type:"):].split("#", 1)[0].strip()
    if not text or text.startswith("ignore"):
        return None
    try:
        return cst.parse_expression(text)
    except cst.ParserSyntaxError:
        return None


def always_run(block: cst.BaseSuite) -> Iterator[cst.SimpleStatementLine]:
    """The simple statements of ``block`` that run whenever it runs (inside `with` and `try` bodies too, not
    under an `if` or in a loop)."""
    for statement in getattr(block, "body", ()):
        if type(statement) in (cst.Try, cst.With):
            yield from always_run(statement.body)
        elif type(statement) is cst.SimpleStatementLine:
            yield statement


def dotted(node: Optional[cst.BaseExpression]) -> str:
    """``a.b.c`` for a Name/Attribute chain, "" for anything else."""
    parts: List[str] = []
    while type(node) is cst.Attribute:
        parts.append(node.attr.value)
        node = node.value
    if type(node) is cst.Name:
        parts.append(node.value)
        return ".".join(reversed(parts))
    return ""


def last_name(node: Optional[cst.BaseExpression]) -> str:
    """``c`` of ``a.b.c`` or of ``c``: the name a call's function or a receiver ends in; "" for anything else."""
    return node.attr.value if type(node) is cst.Attribute else node.value if type(node) is cst.Name else ""


def stored_as(method: Scope, name: str) -> Optional[str]:
    """The attribute `self.<attr> = name` stores the local ``name`` in, in this method."""
    for node in walk_local(method.node):
        if type(node) is cst.Assign and type(node.value) is cst.Name and node.value.value == name \
                and len(node.targets) == 1 and type(node.targets[0].target) is cst.Attribute \
                and dotted(node.targets[0].target.value) == method.self_name:
            return node.targets[0].target.attr.value
    return None


def names_no_variable(node: cst.Name, parent: Optional[cst.CSTNode]) -> bool:
    """The attribute part of `x.name`, or a keyword's name: no read of a variable called so."""
    return (type(parent) is cst.Attribute and parent.attr is node) or (type(parent) is cst.Arg and parent.keyword is node)


def _leaves(block: cst.BaseSuite, jumps: tuple = (cst.Return, cst.Raise)) -> bool:
    """Does the block end in `return` or `raise` (so what follows its `if` runs only when the test failed)?"""
    body = block.body
    last = body[-1] if body else None
    if type(last) is cst.SimpleStatementLine:
        last = last.body[-1] if last.body else None
    return isinstance(last, jumps)


_JUMPS = (cst.Return, cst.Raise, cst.Continue, cst.Break)


def _leaving_arms(stmt: cst.If) -> List[cst.If]:
    """The arms of an `if` / `elif` chain with no `else` whose every arm ends in `return` or `raise` (what follows
    runs only when every test failed: `if a: return x` / `elif b: return y`), or none."""
    arms = []
    node: Optional[cst.BaseSuite] = stmt
    while type(node) is cst.If:
        if not _leaves(node.body):
            return []
        arms.append(node)
        node = node.orelse
    return arms if node is None else []


def _returned_call(block: cst.BaseSuite) -> Optional[cst.Call]:
    """The call a block ends returning (`return run()`), or None."""
    body = block.body
    last = body[-1] if body else None
    if type(last) is cst.SimpleStatementLine:
        last = last.body[-1] if last.body else None
    return last.value if type(last) is cst.Return and type(last.value) is cst.Call else None


def _breaks(node: cst.CSTNode) -> bool:
    """Does a `break` of this loop occur in ``node`` (a loop's body; nested loops' breaks are their own)?"""
    if type(node) is cst.Break:
        return True
    if type(node) in (cst.For, cst.While, cst.FunctionDef, cst.ClassDef, cst.Lambda):
        return bool(getattr(node, "orelse", None)) and _breaks(node.orelse)
    return any(_breaks(child) for child in children(node))  # (libcst's `.children` visits: 10x the cost)


def _polled_acquire(loop: cst.While) -> Optional[cst.Call]:
    """The `lock.acquire(False)` of `while True: if lock.acquire(blocking=False): break` (a polling acquire),
    when that `break` is the loop's only way out: the lock is held from the loop's end on."""
    if type(loop.test) not in (cst.Name, cst.Integer) or loop.test.value not in ("True", "1") \
            or loop.orelse is not None or type(loop.body) is not cst.IndentedBlock:
        return None
    found = None
    for stmt in loop.body.body:
        test = stmt.test if type(stmt) is cst.If else None
        inner = getattr(stmt, "body", None)
        if type(test) is cst.Call and type(test.func) is cst.Attribute and test.func.attr.value == "acquire" \
                and stmt.orelse is None and type(inner) is cst.IndentedBlock and inner.body \
                and type(inner.body[-1]) is cst.SimpleStatementLine and type(inner.body[-1].body[-1]) is cst.Break:
            if found is not None or _releases(inner):
                return None
            found = test
        elif _breaks(stmt):
            return None
    return found


def _releases(node: cst.CSTNode) -> bool:
    """Does ``node`` call something's `release()`?"""
    return any(type(current) is cst.Call and type(current.func) is cst.Attribute
               and current.func.attr.value == "release" for current in walk_local(node))


def _when_false(test: cst.BaseExpression) -> List[cst.BaseExpression]:
    """Tests that hold where ``test`` failed: `x` of `not x`, each side of `not a or not b`."""
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        return [test.expression]
    if type(test) is cst.BooleanOperation and type(test.operator) is cst.Or:
        return [*_when_false(test.left), *_when_false(test.right)]
    return []


class CallSite:
    """A call, with what its surroundings say about how its result is used."""

    __slots__ = ("node", "scope", "dropped", "assigned", "awaited", "loop", "statement", "index", "consumed",
                 "argument_of", "guards", "handler")

    def __init__(self, node: cst.Call, scope: Scope, dropped: bool, assigned: Optional[str], awaited: bool,
                 loop: Optional[cst.CSTNode], statement: Optional[cst.CSTNode], index: int):
        self.node = node
        self.scope = scope
        self.dropped = dropped  # an expression statement (or `_ = call()`): the result is thrown away
        self.assigned = assigned  # `name = call()`: the name, to check later whether it is ever read
        self.awaited = awaited
        self.loop = loop  # the innermost `for`/`while` of the same function around it, if any
        self.statement = statement  # the simple statement it belongs to
        self.index = index  # its rank among the module's calls, in walk order
        self.consumed = False  # iterated right here (`for x in call()`, `list(call())`): a generator's work runs now
        self.argument_of: Optional["CallSite"] = None  # `f(call())`, `f(call() if c else x)`: the call it is passed to
        self.guards: tuple = ()  # the tests it runs under, in its function: (test, holds?, params not yet rebound)
        # the innermost `except` clause whose body holds it, in its own scope (not across a def, lambda or class)
        self.handler: Optional[cst.CSTNode] = None


def _narrowable(node: cst.CSTNode) -> str:
    """What `isinstance(x, T)` can narrow: a name, or an attribute of a name (`self._lock`), as its text."""
    if type(node) is cst.Name:
        return node.value
    if type(node) is cst.Attribute and type(node.value) is cst.Name:
        return f"{node.value.value}.{node.attr.value}"
    return ""


def _failed_checks(test: cst.BaseExpression) -> List[cst.Call]:
    """The `isinstance(x, T)` calls known to be false where ``test`` is: the test itself, or each side of
    `isinstance(x, A) or isinstance(x, B)` (a failed `isinstance(x, T) and y` says nothing about `x`)."""
    if type(test) is cst.BooleanOperation and type(test.operator) is cst.Or:
        return [*_failed_checks(test.left), *_failed_checks(test.right)]
    if type(test) is cst.Call and type(test.func) is cst.Name and test.func.value == "isinstance" \
            and len(test.args) == 2 and not test.args[0].star and not test.args[1].star:
        return [test]
    return []


def _reads_before_rebinding(names: Set[str], nodes) -> Dict[str, list]:
    """The reads of each of ``names`` (a name, or `x.attr`) in ``nodes``, up to where the name is bound again:
    what it is after that is not what a test before checked (`self` rebound: all of its attributes)."""
    reads: Dict[str, list] = {}
    for node in nodes:
        for current in walk_local(node):
            if isinstance(current, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For, cst.AsName,
                                    cst.NamedExpr, cst.CompFor)):
                target = getattr(current, "target", None) or getattr(current, "name", None)
                bound = _bound_by(target) if target else set()
                names = {name for name in names if name not in bound and name.partition(".")[0] not in bound}
            elif type(current) in (cst.Name, cst.Attribute):
                name = _narrowable(current)
                if name in names:
                    reads.setdefault(name, []).append(current)
    return reads


def _bound_by(target: cst.CSTNode) -> Set[str]:
    """The names and `x.attr`s an assignment target binds (`a, self.b = ...`)."""
    if type(target) in (cst.Tuple, cst.List):
        return {name for element in target.elements for name in _bound_by(element.value)}
    if type(target) is cst.StarredElement:
        return _bound_by(target.value)
    name = _narrowable(target)
    return {name} if name else set()


class ScopeBuilder:
    def __init__(self, module_name: str, is_package: bool = False, shadowed: FrozenSet[str] = frozenset()):
        self.module_name = module_name
        # the project's top-level modules named like a library (facts.SHADOW): what an absolute import of one gives,
        # but for a lone module's import of its own name (a test file named after what it imports)
        own = module_name[len(SHADOW):] if module_name.startswith(SHADOW) else module_name
        self.shadowed = shadowed - {own} if not is_package else shadowed
        self.package = module_name if is_package else module_name.rpartition(".")[0]
        self.scope: Scope
        self.scopes: List[Scope] = []
        self.calls: List[CallSite] = []
        # attribute reads and subscripts in functions (not calls, not stores): properties and `__getitem__` run
        self.reads: List[cst.BaseExpression] = []
        # each read's `if` tests and `except` clause, as a call's (CallSite.guards, .handler): a getter read in
        # one arm runs on some of its function's paths only
        self.read_paths: List[Tuple[tuple, Optional[cst.CSTNode]]] = []
        self.loop: Optional[cst.CSTNode] = None
        self.statement: Optional[cst.CSTNode] = None
        self.type_comment: Optional[cst.BaseExpression] = None  # the declaration a line's `# type:` comment makes
        self.dropped: set = set()
        self.awaited: set = set()
        self.assigned: Dict[int, str] = {}
        self.consumed: set = set()  # ids of calls whose result is iterated where it is made
        self.argument_of: Dict[int, CallSite] = {}  # id(call) -> the call it is an argument of
        self.guards: tuple = ()  # the `if` tests around the code being walked (see CallSite.guards)
        self.block_returned: tuple = ()  # the `if ...: return` guards of the block walked last
        self.with_returned: tuple = ()  # those of the `with` walked last, which its statement's block keeps
        self.bases: Dict[str, Tuple[Scope, List[cst.BaseExpression]]] = {}  # class -> (defining scope, bases)
        self.scope_of: Dict[int, Scope] = {}  # id(FunctionDef or Lambda) -> its scope
        self.block: Optional[Tuple[tuple, int]] = None  # the statement list being walked, and the position in it
        self.acquires: Dict[int, Tuple[tuple, int]] = {}  # id(`x.acquire()` statement call) -> (block, index)
        self.bare_calls: Dict[int, Tuple[tuple, int]] = {}  # id(call of an expression statement) -> (block, index)
        self.flags: Dict[str, bool] = {}  # module constants that make a branch dead (deadcode.py)
        self.chain_counts: Dict[int, Dict[str, int]] = {}  # id(an `elif`) -> its chain's counts (visit_if)
        self.star_imports: List[str] = []  # the modules a module-level `from m import *` names
        self.handler: Optional[cst.CSTNode] = None  # the innermost `except` clause whose body is being walked
        self.handlers: Dict[type, Callable[[cst.CSTNode], None]] = {
            cst.FunctionDef: self.visit_function,
            cst.Lambda: self.visit_lambda,
            cst.ClassDef: self.visit_class,
            cst.Import: self.visit_import,
            cst.ImportFrom: self.visit_import_from,
            cst.Assign: self.visit_assign,
            cst.AnnAssign: self.visit_ann_assign,
            cst.AugAssign: self.visit_aug_assign,
            cst.For: self.visit_for,
            cst.While: self.visit_while,
            cst.With: self.visit_with,
            cst.Try: self.visit_try,
            cst.ExceptHandler: self.visit_except,
            cst.Expr: self.visit_expr,
            cst.Await: self.visit_await,
            cst.Call: self.visit_call,
            cst.Name: self.visit_name,
            cst.Yield: self.visit_yield,
            cst.Return: self.visit_return,
            cst.CompFor: self.visit_comp_for,
            cst.NamedExpr: self.visit_named_expr,
            cst.SimpleStatementLine: self.visit_simple_line,
            cst.SimpleStatementSuite: self.visit_simple_line,
            cst.Attribute: self.visit_attribute,
            cst.Subscript: self.visit_subscript,
            cst.Del: self.visit_del,
            cst.StarredElement: self.visit_starred,
            cst.If: self.visit_if,
            cst.IfExp: self.visit_if_exp,
            cst.BooleanOperation: self.visit_boolean,
            cst.Comparison: self.visit_comparison,
            cst.IndentedBlock: self.visit_block,
            cst.Global: self.visit_outer_names,
            cst.Nonlocal: self.visit_outer_names,
        }
        if hasattr(cst, "Match"):
            self.handlers[cst.Match] = self.visit_match
        if hasattr(cst, "TryStar"):
            self.handlers[cst.TryStar] = self.visit_try
            self.handlers[cst.ExceptStarHandler] = self.visit_except_star
        for nested in NESTED:  # an `except` around a def, lambda or class holds none of what is written in it
            self.handlers[nested] = self._outside_handlers(self.handlers[nested])

    # -- entry -----------------------------------------------------------------------------------------------
    def build(self, module: cst.Module) -> Scope:
        root = Scope("module", self.module_name, self.module_name, None, module)
        self.scope = root
        self.scopes.append(root)
        self.flags = deadcode.module_flags(module)
        self.visit_block(module)
        root.loopless = drives_without_loop(self.scopes)
        return root

    def node_at(self, index: int) -> cst.CSTNode:
        """The node a candidate's index names: a call (index >= 0) or an attribute read or subscript (-1 - its
        position)."""
        return self.calls[index].node if index >= 0 else self.reads[-1 - index]

    def visit(self, node: cst.CSTNode) -> None:
        handler = self.handlers.get(type(node))
        if handler is not None:
            handler(node)
        else:
            for child in children(node):
                self.visit(child)

    def visit_all(self, nodes) -> None:
        for node in nodes:
            if node is not None:
                self.visit(node)

    def new_scope(self, kind: str, name: str, node: cst.CSTNode) -> Scope:
        parent = self.scope
        qual = f"{parent.qualname}.{name}"
        scope = Scope(kind, name, qual, parent, node)
        parent.children.append(scope)
        self.scopes.append(scope)
        self.scope_of[id(node)] = scope
        return scope

    def in_scope(self, scope: Scope, body: Callable[[], None]) -> None:
        saved = (self.scope, self.loop, self.guards)
        self.scope, self.loop, self.guards = scope, None, ()
        try:
            body()
        finally:
            self.scope, self.loop, self.guards = saved

    def guarded(self, test: cst.BaseExpression, holds: bool, node: Optional[cst.CSTNode],
                counts: Optional[Dict[str, int]] = None) -> None:
        """Walk ``node`` knowing that ``test`` is ``holds`` there; parameters the test reads that the body has
        not rebound yet still hold the caller's argument (in a loop, a later iteration may have rebound them).
        ``counts``: the bindings of the names as the test saw them, where the walk has since passed others."""
        pristine = frozenset() if self.loop is not None else frozenset(
            n.value for n in walk_local(test)
            if type(n) is cst.Name and (counts[n.value] if counts is not None and n.value in counts
                                        else len(self.scope.bindings.get(n.value, ()))) == 1
        )
        saved = self.guards
        self.guards = (*saved, (test, holds, pristine))
        if node is not None:
            self.visit(node)
            self.guards = saved

    def narrow(self, test: cst.BaseExpression, nodes) -> None:
        """`if isinstance(x, T):` (or `assert isinstance(x, T)`): where ``nodes`` read `x`, it is a `T`, unless
        they bind `x` again. Recorded per Name node, so the rest of the function keeps what `x` is."""
        checks = []
        parts = [test]
        while parts:
            part = parts.pop()
            if type(part) is cst.BooleanOperation and type(part.operator) is cst.And:
                parts.extend((part.left, part.right))
            elif (type(part) is cst.Call and type(part.func) is cst.Name and part.func.value == "isinstance"
                  and len(part.args) == 2 and not part.args[0].star):
                checked = _narrowable(part.args[0].value)
                if checked:
                    checks.append((checked, part.args[1].value))
        if not checks:
            return
        reads = _reads_before_rebinding({name for name, _ in checks}, nodes)
        narrowed = self.scope.module.narrowed
        for name, kind in checks:
            for read in reads.get(name, ()):
                narrowed[id(read)] = (kind, self.scope)

    def visit_match(self, node) -> None:
        """`match client:` then `case httpx.Client():` (or `case httpx.Client() as c:`): in that case's body the
        subject is an instance of the class, as under `isinstance(client, httpx.Client)` (see ``narrow``)."""
        subject = _narrowable(node.subject)
        for case in node.cases if subject else ():
            pattern = case.pattern
            if type(pattern) is cst.MatchAs and pattern.pattern is not None:
                pattern = pattern.pattern
            if type(pattern) is cst.MatchClass:
                narrowed = self.scope.module.narrowed
                for read in _reads_before_rebinding({subject}, (case.body,)).get(subject, ()):
                    narrowed[id(read)] = (pattern.cls, self.scope)
        for child in children(node):
            self.visit(child)

    def narrow_out(self, test: cst.BaseExpression, nodes) -> None:
        """Where `isinstance(x, T)` failed (the `else:` and `elif`s of its `if`, the body of `if not
        isinstance(x, T):`, the rest of a block after `if isinstance(x, T): return`), `x` is not a T: of the
        union it is declared as, the other members remain (scope.py). Recorded per read, as `narrow` does."""
        checks = [(_narrowable(c.args[0].value), c.args[1].value) for c in _failed_checks(test)]
        checks = [(name, kind) for name, kind in checks if name]
        if not checks:
            return
        reads = _reads_before_rebinding({name for name, _ in checks}, nodes)
        excluded = self.scope.module.excluded
        for name, kind in checks:
            for read in reads.get(name, ()):
                excluded[id(read)] = (*excluded.get(id(read), ()), (kind, self.scope))

    def visit_outer_names(self, node: Union[cst.Global, cst.Nonlocal]) -> None:
        for name in node.names:  # their flow is not this scope's (flow.py)
            self.scope.add_event("outer_names", name.name.value)

    def visit_if(self, node: cst.If) -> None:
        counts = self.chain_counts.pop(id(node), None)
        self.visit(node.test)
        known = deadcode.decide(node.test, self.flags, self.bound_locally)
        if known is not None:  # the other twin's branch: never runs, so it is not walked
            live = node.body if known else node.orelse
            if type(live) is cst.Else:
                live = live.body
            if live is not None:
                self.visit(live)
            return
        # the bindings the tests of an `if`/`elif` chain read, as they were before its first branch: a branch's
        # rebinding (`if ssl is True: ssl = make_context()`) does not reach the `elif` and `else` after it
        if counts is None and node.orelse is not None:
            counts = self._chain_counts(node)
        arms = (_returned_call(node.body),
                _returned_call(node.orelse.body) if type(node.orelse) is cst.Else else None)
        if arms != (None, None):  # (a sync function with an async colour: `if mode == "async": return run()`)
            self.scope.module.returned_arms[id(node.test)] = arms
        self.narrow(node.test, (node.body,))
        self.guarded(node.test, True, node.body, counts)
        if type(node.test) is cst.UnaryOperation and type(node.test.operator) is cst.Not:
            self.narrow_out(node.test.expression, (node.body,))
        if type(node.orelse) is cst.Else:
            for holds in _when_false(node.test):
                self.narrow(holds, (node.orelse.body,))
        if node.orelse is not None:
            self.narrow_out(node.test, (node.orelse,))
        if type(node.orelse) is cst.If:
            self.chain_counts[id(node.orelse)] = counts
        if node.orelse is not None:
            self.guarded(node.test, False, node.orelse if type(node.orelse) is cst.If else node.orelse.body, counts)

    def _chain_counts(self, node: cst.If) -> Dict[str, int]:
        """How many bindings each name the tests of this `if` and its `elif`s read has, before any is walked."""
        names = set()
        link: Optional[cst.CSTNode] = node
        while type(link) is cst.If:
            names.update(n.value for n in walk_local(link.test) if type(n) is cst.Name)
            link = link.orelse
        return {name: len(self.scope.bindings.get(name, ())) for name in names}

    def bound_locally(self, name: str) -> bool:
        scope = self.scope
        while scope is not None and scope.kind != "module":
            if name in scope.bindings:
                return True
            scope = scope.parent
        return False

    def visit_if_exp(self, node: cst.IfExp) -> None:
        self.visit(node.test)
        self.guarded(node.test, True, node.body)
        self.guarded(node.test, False, node.orelse)

    def visit_boolean(self, node: cst.BooleanOperation) -> None:
        self.visit(node.left)
        self.guarded(node.left, type(node.operator) is cst.And, node.right)  # `a and f()`: f runs if a holds

    # -- definitions -----------------------------------------------------------------------------------------
    def visit_function(self, node: cst.FunctionDef) -> None:
        outer = self.scope
        self.visit_all(d.decorator for d in node.decorators)
        params = node.params
        all_params = [*params.posonly_params, *params.params, *params.kwonly_params]
        for extra in (params.star_arg, params.star_kwarg):
            if type(extra) is cst.Param:
                all_params.append(extra)
        for p in all_params:
            self.visit_all((p.annotation, p.default))
        if node.returns is not None:
            self.visit(node.returns)
        name = node.name.value
        scope = self.new_scope("function", name, node)
        scope.is_async = node.asynchronous is not None
        if self.guards and outer.kind == "function":  # `if colour == "async": async def run(): ...`
            scope.module.def_guards[id(node)] = self.guards
        if outer.kind == "class":
            scope.class_scope = outer
            outer.methods[name] = scope
            decorators = {dotted(d.decorator).rpartition(".")[2] for d in node.decorators}
            ordered = [*params.posonly_params, *params.params]
            if ordered and "staticmethod" not in decorators and "classmethod" not in decorators:
                scope.self_name = ordered[0].name.value
        for p in all_params:
            is_self = outer.qualname if scope.self_name == p.name.value else None
            scope.bind(p.name.value, ("param", p.annotation, p.default, scope, is_self))
        if outer.kind == "class" and "classmethod" in decorators and ordered:
            scope.bindings[ordered[0].name.value] = [("value", (REF, outer.qualname))]  # `cls` is the class
        outer.bind(name, ("value", (REF, scope.qualname)))
        is_property = any(dotted(d.decorator).rpartition(".")[2] in _PROPERTIES for d in node.decorators)
        scope.module.returns[scope.qualname] = (node.returns, outer, scope.is_async, is_property)
        scope.module.functions[scope.qualname] = scope
        self.in_scope(scope, lambda: self.visit(node.body))
        scope.module.defs[scope.qualname] = scope.function_kind

    def visit_lambda(self, node: cst.Lambda) -> None:
        params = node.params
        all_params = [*params.posonly_params, *params.params, *params.kwonly_params]
        for p in all_params:
            self.visit_all((p.default,))
        scope = self.new_scope("lambda", "<lambda>", node)
        for p in all_params:
            scope.bind(p.name.value, ("param", None, None, scope, None))
        for extra in (params.star_arg, params.star_kwarg):
            if type(extra) is cst.Param:
                scope.bind(extra.name.value, ("value", None))
        self.in_scope(scope, lambda: self.visit(node.body))

    def visit_class(self, node: cst.ClassDef) -> None:
        self.visit_all(d.decorator for d in node.decorators)
        self.visit_all(a.value for a in (*node.bases, *node.keywords))
        scope = self.new_scope("class", node.name.value, node)
        self.bases[scope.qualname] = (scope.parent, [a.value for a in node.bases if a.keyword is None])
        scope.base_nodes = self.bases[scope.qualname][1]
        scope.module.classes[scope.qualname] = scope
        self.scope.bind(node.name.value, ("value", (REF, scope.qualname)))
        scope.module.defs[scope.qualname] = "class"
        self.in_scope(scope, lambda: self.visit(node.body))

    def _absolute(self, name: str) -> str:
        return SHADOW + name if self.shadowed and name.split(".", 1)[0] in self.shadowed else name

    def visit_import(self, node: cst.Import) -> None:
        for alias in node.names:
            full = dotted(alias.name)
            if alias.asname is not None and type(alias.asname.name) is cst.Name:
                self.scope.bind(alias.asname.name.value, ("value", (REF, knowledge.canonical(self._absolute(full)))))
            else:
                head = full.split(".")[0]
                self.scope.bind(head, ("value", (REF, knowledge.canonical(self._absolute(head)))))

    def visit_import_from(self, node: cst.ImportFrom) -> None:
        base = dotted(node.module) if node.module is not None else ""
        if node.relative:
            package = self.package
            for _ in range(len(node.relative) - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}" if base else package
        else:
            base = self._absolute(base)
        if type(node.names) is cst.ImportStar:
            if self.scope.kind == "module" and base:
                self.star_imports.append(knowledge.canonical(base))
            return
        for alias in node.names:
            name = dotted(alias.name)
            bound = alias.asname.name.value if alias.asname is not None and type(alias.asname.name) is cst.Name else name
            target = f"{base}.{name}" if base else name
            self.scope.bind(bound, ("value", (REF, knowledge.canonical(target))))

    # -- bindings --------------------------------------------------------------------------------------------
    def bind_target(self, target: cst.BaseExpression, binding: tuple, value: Optional[cst.BaseExpression] = None) -> None:
        if type(target) is cst.Attribute and target.attr.value.startswith(("on_", "when_")) and binding[0] == "expr":
            # `client.on_message = handler`, `button.when_pressed = handler`
            self.scope.add_event("callback_attrs", (target, binding[1]))
        if type(target) is cst.Attribute and target.attr.value in knowledge.THREAD_HOOK_NAMES \
                and binding[0] == "expr":
            self.scope.add_event("hook_attrs", (target, binding[1]))  # `threading.excepthook = hook`
        if type(target) is cst.Name:
            self.scope.bind(target.value, binding)
        elif type(target) in (cst.Tuple, cst.List):
            elements = [e.value for e in target.elements]
            values = None
            if type(value) in (cst.Tuple, cst.List) and len(value.elements) == len(elements):
                values = [e.value for e in value.elements]
            for i, element in enumerate(elements):
                if type(element) is cst.StarredElement:
                    element = element.value
                if values is not None and binding[0] == "expr":
                    self.bind_target(element, ("expr", values[i], self.scope), values[i])
                elif binding[0] == "expr" and value is not None:
                    self.bind_target(element, ("unpack", value, i, self.scope))
                elif binding[0] == "iter" and type(element) is cst.Name:  # `for k, v in d.items()`
                    self.bind_target(element, ("part", binding[1], i, self.scope))
                elif binding[0] == "iter" and type(element) in (cst.Tuple, cst.List):
                    # `for (key, fut), out in zip(pending, results)`: a part of a part
                    for j, inner in enumerate(e.value for e in element.elements):
                        self.bind_target(inner, ("subpart", binding[1], i, j, self.scope)
                                         if type(inner) is cst.Name else ("value", None))
                else:
                    self.bind_target(element, ("value", None))
        elif type(target) is cst.Attribute and type(target.value) is cst.Name:
            owner = self.scope.self_class(target.value.value)
            if owner is not None:
                owner.attrs.setdefault(target.attr.value, []).append(binding)
            else:  # `store.client = Mock()`: this function replaced what the object's class put there
                self.scope.add_event("attr_stores", (target.value.value, target.attr.value, binding))
            self.visit(target.value)
        elif type(target) is cst.Attribute and dotted(target.value):
            # `app.state.client = httpx.AsyncClient()`: a slot of a nested object, read back by this function
            self.scope.add_event("attr_stores", (dotted(target.value), target.attr.value, binding))
            self.visit(target.value)
        elif type(target) is cst.StarredElement:
            self.bind_target(target.value, ("value", None))
        else:
            if type(target) is cst.Subscript and binding[0] == "expr":
                types.note_store(self.scope, target.value, types.MAP, binding[1])  # `self.files[name] = open(...)`
                key = target.slice[0].slice if len(target.slice) == 1 else None
                if type(key) is cst.Index and type(key.value) is cst.SimpleString:
                    # `app["db"] = await connect()`: read back under that key by other functions (keyed_value)
                    self.scope.module.add_event("keyed_stores", (target.value, key.value.evaluated_value, binding))
            for child in children(target) if type(target) is cst.Subscript else (target,):
                self.visit(child)  # (a store runs `__setitem__`, not the `__getitem__` a read runs)

    def visit_assign(self, node: cst.Assign) -> None:
        value = node.value
        if type(value) is cst.Call and len(node.targets) == 1:
            target = node.targets[0].target
            if type(target) is cst.Name:
                if target.value == "_":
                    self.dropped.add(id(value))
                else:
                    self.assigned[id(value)] = target.value
        elif type(value) in (cst.Tuple, cst.List) and len(node.targets) == 1:
            # `user, perms = load_user(uid), load_perms(uid)`: each call is bound to its own name, as when written
            # on two lines (bind_target pairs them the same way)
            target = node.targets[0].target
            if type(target) in (cst.Tuple, cst.List) and len(target.elements) == len(value.elements) \
                    and not any(type(e) is cst.StarredElement for e in (*target.elements, *value.elements)):
                for name, element in zip(target.elements, value.elements):
                    if type(element.value) is cst.Call and type(name.value) is cst.Name:
                        if name.value.value == "_":
                            self.dropped.add(id(element.value))
                        else:
                            self.assigned[id(element.value)] = name.value.value
        self.visit(value)
        declared, self.type_comment = self.type_comment, None
        for t in node.targets:
            self.bind_target(t.target, ("expr", value, self.scope, declared) if declared is not None
                             and len(node.targets) == 1 and type(t.target) in (cst.Name, cst.Attribute)
                             else ("expr", value, self.scope), value)

    def visit_ann_assign(self, node: cst.AnnAssign) -> None:
        self.visit(node.annotation)
        if node.value is not None:
            if type(node.value) is cst.Call and type(node.target) is cst.Name:
                self.assigned[id(node.value)] = node.target.value
            self.visit(node.value)
            self.bind_target(node.target, ("expr", node.value, self.scope, node.annotation), node.value)
        else:
            self.bind_target(node.target, ("annot", node.annotation, self.scope))

    def visit_aug_assign(self, node: cst.AugAssign) -> None:
        self.visit(node.value)
        self.visit(node.target)
        if type(node.target) is cst.Name:
            self.scope.bind(node.target.value, ("value", None))

    def visit_named_expr(self, node: cst.NamedExpr) -> None:
        self.visit(node.value)
        self.bind_target(node.target, ("expr", node.value, self.scope), node.value)

    # -- control flow ----------------------------------------------------------------------------------------
    def visit_for(self, node: cst.For) -> None:
        self.mark_consumed(node.iter)
        if node.asynchronous is None:
            self.scope.add_event("sync_iters", node)  # `for line in f`: a file's reads happen here
        self.visit(node.iter)
        self.bind_target(node.target, ("iter", node.iter, self.scope))
        self._loop_body(node)

    def visit_while(self, node: cst.While) -> None:
        self.visit(node.test)
        self._loop_body(node)

    def _loop_body(self, node: Union[cst.For, cst.While]) -> None:
        saved = self.loop
        self.loop = node
        self.visit(node.body)
        self.loop = saved
        if node.orelse is not None:
            self.visit(node.orelse)

    def visit_with(self, node: cst.With) -> None:
        self.scope.add_event("withs", (node, self.loop))
        for item in node.items:
            self.visit(item.item)
            if item.asname is not None:
                self.bind_target(item.asname.name, ("enter", item.item, self.scope))
        self.block_returned = ()
        self.visit(node.body)
        # `with lock: if fast: return x` then the slow path after the block: a return leaves the function
        # whatever the manager does (only an exception can be swallowed by its exit), so what follows the `with`
        # runs only where the test failed
        self.with_returned = self.block_returned if type(node.body) is cst.IndentedBlock else ()
        self.guards = (*self.guards, *self.with_returned)

    def visit_try(self, node: cst.CSTNode) -> None:
        self.scope.add_event("trys", node)
        for child in iter_children(node):
            self.visit(child)

    def visit_except(self, node: cst.ExceptHandler) -> None:
        if node.type is not None:
            self.visit(node.type)
        if node.name is not None:
            self.bind_target(node.name.name, ("value", None))
        saved, self.handler = self.handler, node
        self.visit(node.body)
        self.handler = saved

    def visit_except_star(self, node: cst.CSTNode) -> None:
        for child in children(node):
            saved = self.handler
            if child is node.body:
                self.handler = node
            self.visit(child)
            self.handler = saved

    def _outside_handlers(self, visit: Callable[[cst.CSTNode], None]) -> Callable[[cst.CSTNode], None]:
        def visit_nested(node: cst.CSTNode) -> None:
            saved, self.handler = self.handler, None
            try:
                visit(node)
            finally:
                self.handler = saved
        return visit_nested

    def visit_comp_for(self, node: cst.CompFor) -> None:
        self.mark_consumed(node.iter)
        if node.asynchronous is None:
            self.scope.add_event("sync_iters", node)
        self.visit(node.iter)
        self.bind_target(node.target, ("iter", node.iter, self.scope))
        self.visit_all(i.test for i in node.ifs)
        if node.inner_for_in is not None:
            self.visit(node.inner_for_in)

    def visit_block(self, node: cst.CSTNode) -> None:
        body = node.body
        saved, guards = self.block, self.guards
        returned: List[tuple] = []  # the guards of its `if ...: return`s, which hold after it too (visit_with)
        for i, stmt in enumerate(body):
            self.block = (body, i)
            kind = type(stmt)  # (not isinstance: libcst's classes make it a Python-level ABC check)
            if kind is cst.SimpleStatementLine and type(stmt.body[0]) is cst.Assert:
                self.narrow(stmt.body[0].test, body[i + 1:])  # `assert isinstance(x, T)`: the rest of the block
            if kind is cst.If or kind is cst.While:
                self.acquire_test(stmt, body, i)
            self.visit(stmt)
            if kind is cst.If:
                self.branch_acquires(stmt, body, i)
            if kind is cst.If and stmt.orelse is None and _leaves(stmt.body, _JUMPS):
                for holds in _when_false(stmt.test):  # `if not isinstance(x, T): continue`: the rest sees a T
                    self.narrow(holds, body[i + 1:])
                self.narrow_out(stmt.test, body[i + 1:])  # `if isinstance(x, T): return`: the rest sees no T
            for arm in _leaving_arms(stmt) if kind is cst.If else ():
                self.guarded(arm.test, False, None)  # `if not host: return` guards the rest of the block
                if _leaves(arm.body, (cst.Raise,)):
                    self.scope.module.raise_tests.add(id(arm.test))
                if _leaves(arm.body, (cst.Return,)):
                    returned.append(self.guards[-1])
            if kind is cst.With:
                returned.extend(self.with_returned)
        self.block, self.guards = saved, guards
        self.block_returned = tuple(returned)

    def acquire_test(self, stmt: Union[cst.If, cst.While], body: tuple, index: int) -> None:
        """`if lock.acquire(timeout=1):` holds the lock in its body; `if not lock.acquire(...): raise` holds it
        in the rest of the block, and so does `while not lock.acquire(blocking=False): await sleep(...)` (a
        polling acquire) when nothing breaks out of the loop."""
        if type(stmt) is cst.While:
            polled = _polled_acquire(stmt)
            if polled is not None:
                self.acquires[id(polled)] = (body, index)
                return
        test, negated = stmt.test, False
        if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
            test, negated = test.expression, True
        if not (type(test) is cst.Call and type(test.func) is cst.Attribute and test.func.attr.value == "acquire"):
            return
        if type(stmt) is cst.While:
            if negated and stmt.orelse is None and not _breaks(stmt.body):
                self.acquires[id(test)] = (body, index)
            return
        if not negated:
            self.acquires.setdefault(id(test), (stmt.body.body, -1))  # (unless its loop holds it: _polled_acquire)
        elif stmt.orelse is None and _leaves(stmt.body):
            self.acquires[id(test)] = (body, index)

    def branch_acquires(self, stmt: cst.If, body: tuple, index: int) -> None:
        """`if urgent: lock.acquire()` then `try: await ... finally: if urgent: lock.release()`: an arm of an
        `if` that ends by acquiring a lock (and does not leave) holds it, when taken, in the rest of the block
        that holds the `if`."""
        arm: Optional[cst.CSTNode] = stmt
        while arm is not None:
            suite = arm.body
            last = suite.body[-1] if type(suite) is cst.IndentedBlock and suite.body else None
            call = last.body[-1].value if type(last) is cst.SimpleStatementLine \
                and type(last.body[-1]) is cst.Expr else None
            if type(call) is cst.Call and type(call.func) is cst.Attribute and call.func.attr.value == "acquire" \
                    and id(call) in self.acquires:
                self.acquires[id(call)] = (body, index)
            arm = arm.orelse if type(arm) is cst.If else None

    def visit_simple_line(self, node: cst.CSTNode) -> None:
        if len(node.body) == 1 and type(node.body[0]) is cst.Assign:
            self.type_comment = _type_comment(node)  # `self.conn = None  # type: sqlite3.Connection`
        for stmt in node.body:
            # `lock.acquire()`, or `got = lock.acquire(timeout=1)`: held from here on whenever it was got
            value = stmt.value if type(stmt) in (cst.Expr, cst.Assign) else None
            if (
                type(value) is cst.Call
                and type(value.func) is cst.Attribute
                and value.func.attr.value == "acquire"
                and self.block is not None
            ):
                self.acquires[id(stmt.value)] = self.block
            elif type(stmt) is cst.Expr and type(value) is cst.Call and self.block is not None:
                self.bare_calls[id(value)] = self.block  # (a helper that takes a lock: `self._enter()`)
            elif type(stmt) is cst.Expr and type(value) is cst.Await and type(value.expression) is cst.Call \
                    and self.block is not None:
                self.bare_calls[id(value.expression)] = self.block  # (`await self._claim()`, a coroutine's)
            saved = self.statement
            self.statement = stmt
            self.visit(stmt)
            self.statement = saved

    # -- expressions -----------------------------------------------------------------------------------------
    def visit_expr(self, node: cst.Expr) -> None:
        value = node.value
        if type(value) is cst.Call:
            self.dropped.add(id(value))
        self.visit(value)

    def visit_await(self, node: cst.Await) -> None:
        if type(node.expression) is cst.Call:
            self.awaited.add(id(node.expression))
        self.visit(node.expression)

    def visit_call(self, node: cst.Call) -> None:
        key = id(node)
        site = CallSite(
            node, self.scope, key in self.dropped, self.assigned.get(key), key in self.awaited, self.loop,
            self.statement, len(self.calls),
        )
        site.consumed = key in self.consumed
        site.argument_of = self.argument_of.get(key)
        site.guards = self.guards
        site.handler = self.handler
        consumer = type(node.func) is cst.Name and node.func.value in _CONSUMERS or (
            type(node.func) is cst.Attribute and node.func.attr.value in ("join", "extend", "update")
        )
        for arg in node.args:
            if arg.star == "*" or (consumer and arg.keyword is None):
                self.mark_consumed(arg.value)
            self.mark_argument(arg.value, site)
        self.calls.append(site)
        self.scope.add_event("calls", site)
        func = node.func
        if type(func) is cst.Attribute and func.attr.value in types.STORING_METHODS:
            types.note_stored_by_call(self.scope, node)  # `self.files.append(open(...))`
        self.visit(func.value if type(func) is cst.Attribute else func)  # `obj.method(...)` reads no property
        for arg in node.args:
            self.visit(arg.value)

    def visit_name(self, node: cst.Name) -> None:
        loads = self.scope.name_loads
        loads[node.value] = loads.get(node.value, 0) + 1
        if self.scope.kind == "class" and node.value not in self.scope.bindings:
            self.scope.early_reads.add(id(node))

    def visit_attribute(self, node: cst.Attribute) -> None:
        if self.scope.kind == "function":
            self.scope.add_event("reads", len(self.reads))
            self.reads.append(node)
            self.read_paths.append((self.guards, self.handler))
        self.visit(node.value)  # the attribute's own Name is not a read of a variable

    def visit_subscript(self, node: cst.Subscript) -> None:
        if self.scope.kind == "function":  # `self[key]` runs the class's `__getitem__` (properties.item_target)
            self.scope.add_event("subscripts", len(self.reads))
            self.reads.append(node)
            self.read_paths.append((self.guards, self.handler))
        for child in children(node):
            self.visit(child)

    def visit_del(self, node: cst.Del) -> None:
        targets = [node.target]
        while targets:  # `del self[key]` runs `__delitem__`, not the `__getitem__` a read runs
            target = targets.pop()
            if type(target) in (cst.Tuple, cst.List):
                targets.extend(element.value for element in target.elements)
            elif type(target) is cst.Subscript:
                for child in children(target):
                    self.visit(child)
            else:
                self.visit(target)

    def visit_starred(self, node: cst.StarredElement) -> None:
        self.mark_consumed(node.value)  # `[*call()]`
        self.visit(node.value)

    def visit_comparison(self, node: cst.Comparison) -> None:
        for target in node.comparisons:
            if type(target.operator) in (cst.In, cst.NotIn):
                self.mark_consumed(target.comparator)  # `x in call()`
        for child in iter_children(node):
            self.visit(child)

    def mark_argument(self, node: cst.BaseExpression, site: CallSite) -> None:
        kind = type(node)
        if kind is cst.Call:
            self.argument_of[id(node)] = site
        elif kind is cst.IfExp:
            self.mark_argument(node.body, site)
            self.mark_argument(node.orelse, site)
        elif kind is cst.BooleanOperation:
            self.mark_argument(node.left, site)
            self.mark_argument(node.right, site)

    def mark_consumed(self, node: cst.BaseExpression) -> None:
        """Where a generator made by ``node`` is iterated at once (through `enumerate()`, `a if c else b`...)."""
        if type(node) is cst.Call:
            self.consumed.add(id(node))
            if type(node.func) is cst.Name and node.func.value in _PASS_THROUGH:
                for arg in node.args:
                    self.mark_consumed(arg.value)
        elif type(node) is cst.IfExp:
            self.mark_consumed(node.body)
            self.mark_consumed(node.orelse)
        elif type(node) is cst.BooleanOperation:
            self.mark_consumed(node.left)
            self.mark_consumed(node.right)
        elif type(node) is cst.Name:
            self.scope.add_event("iterated", node.value)  # `for x in gen`: what `gen = call()` made runs here

    def visit_return(self, node: cst.Return) -> None:
        self.scope.add_event("returned", node.value)  # what an unannotated function returns (None: a bare return)
        if node.value is not None:
            self.visit(node.value)

    def visit_yield(self, node: cst.Yield) -> None:
        scope = self.scope
        if scope.kind == "function":
            scope.is_generator = True
        if type(node.value) is cst.From:
            self.mark_consumed(node.value.item)  # `yield from call()`
        elif node.value is not None and scope.kind == "function":
            scope.add_event("yielded", node.value)  # what a generator dependency hands its handler
        if node.value is not None:
            self.visit(node.value)
        if scope.kind == "function" and "yield_at" not in scope.events:
            # the calls met from here on run after the first `yield`: in a `@contextmanager`, when the `with` (or
            # the ExitStack) that entered it exits
            scope.events["yield_at"] = [len(self.calls)]
