"""Streams whose descriptor the code switches to non-blocking mode.

    proc = subprocess.Popen(["bash"], stdin=PIPE)      class Shell:
    os.set_blocking(proc.stdin.fileno(), False)            @classmethod
    proc.stdin.write(setup)                                async def start(cls):
                                                               proc = subprocess.Popen(["bash"], stdin=PIPE)
                                                               os.set_blocking(proc.stdin.fileno(), False)
                                                               return cls(proc)
                                                           async def send(self, data):
                                                               while data := data[self._proc.stdin.write(data) or 0:]:
                                                                   await asyncio.sleep(0.001)

A read or write on such a stream takes what the pipe has (or has room for) and returns: a short count, `None`, or
`BlockingIOError`, never a wait for the other side. The switch is `os.set_blocking(fd, False)` or
`fcntl.fcntl(fd, F_SETFL, flags | os.O_NONBLOCK)`, on `stream.fileno()` or a name bound to it. It counts in the
function that makes it, and, in a class, for the member it names (`self._out`) in every method; for a child's
pipe also for the same end (`stdin`) of the process the class keeps, which a factory method often switches on a
local before handing the process to the constructor. The switch of one end leaves the others blocking.
"""
from __future__ import annotations

from typing import FrozenSet, Optional, Tuple

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.builder import CallSite
from asynccheck.lint.context import FileContext
from asynccheck.lint.scope import INST, REF, Scope

# what moves data through the stream; `close()`, `fileno()` and friends are not blocking calls anyway
_MOVES = frozenset("read read1 readinto readline readlines write writelines".split())
_STREAMS = frozenset(knowledge.STREAM_TYPES)


def moves_data(target: str) -> bool:
    """``target`` reads or writes a sync stream (a file, a child's pipe)."""
    kind, _, method = target.rpartition(".")
    return method in _MOVES and kind in _STREAMS


def switched_non_blocking(ctx: FileContext, site: CallSite) -> bool:
    """The stream ``site`` reads or writes (`pipe.write(data)`) was switched to non-blocking mode by this
    function, or by a method of its class (see the module docstring)."""
    func = site.node.func
    if type(func) is not cst.Attribute:
        return False
    switched = _switched(ctx)
    if not switched:
        return False
    receiver = func.value
    if (id(site.scope), _text(receiver)) in switched:
        return True
    owner = _class_of(site.scope)
    if owner is None:
        return False
    return any(key in switched for key in _member_keys(site.scope, owner, receiver))


def _switched(ctx: FileContext) -> FrozenSet[Tuple[int, str]]:
    memo = ctx.root.memo
    key = "streams switched to non-blocking"
    if key not in memo:
        found = set()
        for site in ctx.calls:
            stream = _switched_stream(site)
            if stream is None:
                continue
            found.add((id(site.scope), _text(stream)))
            owner = _class_of(site.scope)
            if owner is not None:
                found.update(_member_keys(site.scope, owner, stream))
        memo[key] = frozenset(found)
    return memo[key]


def _member_keys(scope: Scope, owner: Scope, stream: cst.BaseExpression):
    """The keys under which a switch in one method counts in the others: `self.X...` by its text with `self`
    spelled alike, and a child's pipe by its end."""
    text = _text(stream)
    head, dot, rest = text.partition(".")
    if dot and scope.self_class(head) is owner:
        yield id(owner), "self." + rest
    if type(stream) is cst.Attribute and scope.evaluate(stream) == (INST, knowledge.CHILD_PIPE):
        yield id(owner), "child pipe ." + stream.attr.value


def _switched_stream(site: CallSite) -> Optional[cst.BaseExpression]:
    """The stream whose descriptor this call switches to non-blocking mode, if it does."""
    node = site.node
    if len(node.args) < 2 or any(arg.keyword is not None or arg.star for arg in node.args):
        return None
    func = site.scope.evaluate(node.func)
    if func is None or func[0] != REF:
        return None
    if func[1] == "os.set_blocking":
        flag = node.args[1].value
        if not (type(flag) is cst.Name and flag.value == "False" or type(flag) is cst.Integer and flag.value == "0"):
            return None
    elif func[1] == "fcntl.fcntl":
        if len(node.args) != 3 or not _text(node.args[1].value).endswith("F_SETFL"):
            return None
        flags = _text(node.args[2].value)
        if "O_NONBLOCK" not in flags or "~" in flags:
            return None  # `flags & ~os.O_NONBLOCK` switches it back
    else:
        return None
    return _stream_of(site.scope, node.args[0].value)


def _stream_of(scope: Scope, fd: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """`proc.stdin` of `proc.stdin.fileno()`, or of `fd` bound once in this function to it; a stream itself
    (`fcntl` takes anything with a `fileno()`)."""
    if type(fd) is cst.Name and scope.lookup_scope(fd.value) is scope:
        bindings = scope.bindings[fd.value]
        if len(bindings) == 1 and bindings[0][0] == "expr" and type(bindings[0][1]) is cst.Call:
            fd = bindings[0][1]
    if type(fd) is cst.Call:
        func = fd.func
        if type(func) is cst.Attribute and func.attr.value == "fileno" and not fd.args:
            return func.value
        return None
    value = scope.evaluate(fd)
    return fd if value is not None and value[0] == INST and value[1] in _STREAMS else None


def _class_of(scope: Scope) -> Optional[Scope]:
    while scope is not None and scope.kind in ("function", "lambda"):
        if scope.class_scope is not None:
            return scope.class_scope
        scope = scope.parent
    return None


def _text(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)
