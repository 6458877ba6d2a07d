"""Django's views seen from a coroutine: `request.user`, set by AuthenticationMiddleware, is a lazy object that
loads the session and then the user's row the first time anything is read from it (`request.user.is_authenticated`),
a sync query, which Django refuses in async code (SynchronousOnlyOperation); `await request.auser()` (Django 5.0)
is the async way. Known as a request: a parameter declared one of REQUEST_TYPES, or a view's undeclared `request`.

A sync view runs on a worker thread, never on the loop's: a WSGI server's, or under ASGI the thread Django's
handler hands it to (`sync_to_async`, thread-sensitive). Known as a view: a plain function, or a method named for
an HTTP verb of a class-based view, taking the request first and returning one of Django's responses.
"""
from __future__ import annotations

from typing import Iterator, Optional, Tuple

import libcst as cst

from asynccheck.lint.builder import walk_local
from asynccheck.lint.scope import REF

REQUEST_TYPES = frozenset({"django.http.HttpRequest", "django.http.request.HttpRequest",
                           "django.core.handlers.asgi.ASGIRequest", "django.core.handlers.wsgi.WSGIRequest"})
_REQUEST_NAMES = frozenset({"request", "req"})
_LAZY_USER = "user"


def lazy_user_reads(scope) -> Iterator[Tuple[cst.Attribute, str]]:
    """(the first read, the request's name) of each request's lazy `user` in the coroutine ``scope`` of a Django
    module: `request.user.is_authenticated`, or `user.id` after `user = request.user`. A user the coroutine sets
    itself (`request.user = ...`, a test's stand-in) is not the lazy one."""
    seen = set()
    aliases = {}
    for node in walk_local(scope.node):
        if type(node) is cst.Assign and len(node.targets) == 1:
            target = node.targets[0].target
            if type(target) is cst.Attribute and target.attr.value == _LAZY_USER:
                return  # `request.user = await get_user(...)`: set here
            request = _lazy_user(scope, node.value)
            if type(target) is cst.Name and request is not None and len(scope.bindings.get(target.value, ())) == 1:
                aliases[target.value] = request
        elif type(node) is cst.Attribute:
            request = _lazy_user(scope, node.value)
            if request is None and type(node.value) is cst.Name:
                request = aliases.get(node.value.value)
            if request is not None and request not in seen:
                seen.add(request)
                yield node, request


def _lazy_user(scope, node: cst.BaseExpression) -> Optional[str]:
    """The request's name when ``node`` is `<request>.user`, else None."""
    if type(node) is not cst.Attribute or node.attr.value != _LAZY_USER:
        return None
    if type(node.value) is cst.Attribute:
        return _view_request(scope, node.value)
    if type(node.value) is not cst.Name:
        return None
    name = node.value.value
    home = scope.lookup_scope(name)
    bindings = home.bindings.get(name, ()) if home is not None else ()
    if len(bindings) != 1 or bindings[0][0] != "param" or home.kind != "function":
        return None
    annotation = bindings[0][1]
    if annotation is None:
        return name if name in _REQUEST_NAMES else None
    declared = home.annotation_value(annotation)
    return name if declared is not None and declared[1] in REQUEST_TYPES else None


# where class-based views come from: Django's own (`View.setup()` stores the request on `self.request`), and the
# REST frameworks built on them
_VIEW_PACKAGES = ("django.", "rest_framework.", "adrf.")


def _view_request(scope, node: cst.Attribute) -> Optional[str]:
    """`self.request` in a method of a class-based view (`class Profile(LoginRequiredMixin, View)`, a view base
    of the project named so): the request `View.setup()` stored, whose user is the lazy one. Not a class that sets
    `self.request` itself."""
    if node.attr.value != "request" or type(node.value) is not cst.Name:
        return None
    cls = scope.self_class(node.value.value)
    if cls is None or cls.attrs.get("request"):
        return None
    if not any(base.startswith(_VIEW_PACKAGES) or base.rpartition(".")[2].endswith("View")
               for base in _bases(cls)):
        return None
    return f"{node.value.value}.request"


def _bases(cls, depth: int = 0) -> Iterator[str]:
    """The bases of ``cls``, and theirs for the classes of this module."""
    for base in cls.base_refs():
        yield base
        owner = cls.module.classes.get(base)
        if owner is not None and owner is not cls and depth < 4:
            yield from _bases(owner, depth + 1)


SYNC_VIEW_WHERE = ("the thread a sync Django view runs on (a WSGI worker, or under ASGI the worker thread Django's "
                   "handler hands it to), never the loop's")
_RESPONSES = ("django.http.", "django.shortcuts.", "django.template.response.", "rest_framework.response.")
_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options"})


def sync_view(scope) -> bool:
    """``scope`` is a sync Django view: a module-level function, or a verb's method of a class-based view, whose
    first argument (after `self`) is a request and which returns a response of Django's (`JsonResponse(...)`,
    `render(...)`, `redirect(...)`)."""
    node = scope.node
    if type(node) is not cst.FunctionDef or scope.is_async or scope.parent is None:
        return False
    params = [*node.params.posonly_params, *node.params.params]
    if scope.parent.kind == "class":
        if node.name.value not in _VERBS or not any(base.startswith(_VIEW_PACKAGES) or
                                                    base.rpartition(".")[2].endswith("View")
                                                    for base in _bases(scope.parent)):
            return False
        params = params[1:]
    elif scope.parent.kind != "module":
        return False
    if not params or not _is_request(scope, params[0]):
        return False
    for found in walk_local(node.body):
        if type(found) is cst.Return and type(found.value) is cst.Call:
            made = scope.evaluate(found.value.func)
            if made is not None and made[0] == REF and made[1].startswith(_RESPONSES):
                return True
    return False


def _is_request(scope, param: cst.Param) -> bool:
    if param.annotation is None:
        return param.name.value in _REQUEST_NAMES
    declared = scope.annotation_value(param.annotation.annotation)
    return declared is not None and declared[1] in REQUEST_TYPES

