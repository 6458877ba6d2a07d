"""Which server a `socketserver` (or `http.server`) request handler is served by, for `self.server.<attr>`.

A handler reaches what its server holds (a queue, a loop) through `self.server`, an instance of the server class that
was made with the handler. Where a server class of the module hands this handler to the base class's constructor
(`super().__init__(address, ReadingHandler)`) and no other server class of the module names it, `self.server` in
the handler is an instance of that class, and its attributes are what that class's `__init__` stores.
"""
from __future__ import annotations

from typing import Optional

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
    for qualname, cls in handler.module.classes.items():
        init = cls.methods.get("__init__")
        if init is None or cls is handler or not _hands_to_base(init.node, handler.node.name.value):
            continue
        if found is not None:
            return None  # (two servers serve it: which one, the caller decides)
        found = qualname
    return found


def _hands_to_base(init: cst.CSTNode, handler: str) -> bool:
    """Does ``init`` call `super().__init__(address, <handler>, ...)` (or name it as `RequestHandlerClass=`)?"""
    if type(init) is not cst.FunctionDef or type(init.body) is not cst.IndentedBlock:
        return False
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
    return False


def is_server_attr(attr: str) -> bool:
    return attr == _SERVER_ATTR
