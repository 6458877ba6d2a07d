"""Which server a `socketserver` (or `http.server`) request handler is served by, for `self.server.<attr>`.

A handler reaches what its server holds (a queue, a loop) through `self.server`, an instance of the server class that
was made with the handler. Where a server class of the module hands this handler to the base class's constructor
(`super().__init__(address, ReadingHandler)`) and no other server class of the module names it, `self.server` in
the handler is an instance of that class, and its attributes are what that class's `__init__` stores.
"""
from __future__ import annotations

from typing import Optional, Union

import libcst as cst

# A handler's `server` attribute, set by the base class's `__init__` to the server serving the request
HANDLER_BASES = frozenset(
    {f"socketserver.{kind}RequestHandler" for kind in ("Base", "Stream", "Datagram")}
    | {f"http.server.{kind}HTTPRequestHandler" for kind in ("Base", "Simple", "CGI")}
)
_SERVER_ATTR = "server"


def server_class(handler) -> Optional[str]:
    """The qualified name of the one server class of the module made with ``handler`` (a class Scope deriving
    from a library request handler), or None."""
    if not any(base in HANDLER_BASES for base in handler.base_refs()):
        return None
    found = None
    name = handler.node.name.value
    for qualname, cls in handler.module.classes.items():
        init = cls.methods.get("__init__")
        if init is None or cls is handler:
            continue
        handed = _hands_to_base(init.node, name)
        if handed is not True and not (isinstance(handed, str) and _made_with(handler.module.node, cls.name,
                                                                               init.node, handed, name)):
            continue
        if found is not None:
            return None  # (two servers serve it: which one, the caller decides)
        found = qualname
    return found


def _made_with(module: cst.CSTNode, server: str, init: cst.FunctionDef, param: str, handler: str) -> bool:
    """`CueServer(address, CueHandler, cues)` somewhere in the module, the server's `__init__` handing its
    parameter ``param`` on to the base as the handler class: this handler is one it serves."""
    positional = [p.name.value for p in (*init.params.posonly_params, *init.params.params)][1:]
    position = positional.index(param) if param in positional else None
    stack: list = [module]
    while stack:
        node = stack.pop()
        if type(node) is cst.Call and type(node.func) is cst.Name and node.func.value == server:
            plain = [a.value for a in node.args if a.keyword is None and not a.star]
            given = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == param),
                         plain[position] if position is not None and position < len(plain) else None)
            if type(given) is cst.Name and given.value == handler:
                return True
        stack.extend(node.children)
    return False


def _hands_to_base(init: cst.CSTNode, handler: str) -> Union[bool, str]:
    """Does ``init`` call `super().__init__(address, <handler>, ...)` (or name it as `RequestHandlerClass=`)?
    The name of its own parameter when it hands that on instead (`super().__init__(address, handler)`): its
    callers say which handler."""
    if type(init) is not cst.FunctionDef or type(init.body) is not cst.IndentedBlock:
        return False
    params = {p.name.value for p in (*init.params.posonly_params, *init.params.params, *init.params.kwonly_params)}
    for statement in init.body.body:
        if type(statement) is not cst.SimpleStatementLine:
            continue
        for small in statement.body:
            call = small.value if type(small) is cst.Expr else None
            if type(call) is not cst.Call or type(call.func) is not cst.Attribute \
                    or call.func.attr.value != "__init__":
                continue
            for position, arg in enumerate(call.args):
                named = arg.keyword.value == "RequestHandlerClass" if arg.keyword is not None else position == 1
                if named and type(arg.value) is cst.Name and arg.value.value == handler:
                    return True
                if named and type(arg.value) is cst.Name and arg.value.value in params:
                    return arg.value.value
    return False


def is_server_attr(attr: str) -> bool:
    return attr == _SERVER_ATTR
