"""The order one process checks a project's modules in (lint/order.py): each after what it imports, and in an
import cycle, after what it imports at run time. A module checked before one it asks about is checked twice."""
from __future__ import annotations

from textwrap import dedent

from asynccheck.lint.order import dependency_order

TYPES = """
    from typing import TYPE_CHECKING, Callable

    if TYPE_CHECKING:
        from app.requests import Request

    Handler = Callable[["Request"], None]
"""
REQUESTS = """
    from app.types import Handler

    class Request:
        pass
"""


def _order(*modules):
    """Module names in the order they are checked; ``modules`` are (name, source) pairs."""
    listed = [(name, False, dedent(source).encode()) for name, source in modules]
    return [listed[i][0] for i in dependency_order(listed)]


def test_a_module_that_imports_another_only_for_annotations_is_checked_first_in_their_cycle():
    assert _order(("app.types", TYPES), ("app.requests", REQUESTS)) == ["app.types", "app.requests"]
    assert _order(("app.requests", REQUESTS), ("app.types", TYPES)) == ["app.types", "app.requests"]


def test_typing_dot_type_checking_and_a_comment_after_the_colon():
    types = TYPES.replace("if TYPE_CHECKING:", "if typing.TYPE_CHECKING:  # annotations only")
    assert _order(("app.types", types), ("app.requests", REQUESTS)) == ["app.types", "app.requests"]


def test_the_else_branch_and_code_after_the_block_import_at_run_time():
    # the run-time import of app.requests (after the block) makes app.types depend on it: requests, which
    # imports types only under TYPE_CHECKING, goes first
    types = TYPES + "\nfrom app.requests import Request as R\n"
    requests = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.types import Handler\nclass Request: pass\n"
    assert _order(("app.types", types), ("app.requests", requests)) == ["app.requests", "app.types"]
    in_else = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    pass\nelse:\n    from app.requests import Request\n")
    assert _order(("app.types", in_else), ("app.requests", requests)) == ["app.requests", "app.types"]


def test_an_import_for_annotations_outside_a_cycle_still_orders_the_modules():
    # no cycle: the module that reads another's names for its annotations is checked after it
    user = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.models import User\n"
    assert _order(("app.api", user), ("app.models", "class User: pass\n")) == ["app.models", "app.api"]


def test_modules_without_cycles_keep_the_depth_first_order():
    modules = [("app.c", "from app.b import x\n"), ("app.b", "from app.a import y\nx = 1\n"), ("app.a", "y = 2\n"),
               ("app.d", "import os\n")]
    assert _order(*modules) == ["app.a", "app.b", "app.c", "app.d"]


def test_every_module_is_ordered_once_in_a_cycle_of_run_time_imports():
    modules = [("app.a", "from app.b import x\n"), ("app.b", "from app.c import x\n"), ("app.c", "from app.a import x\n"),
               ("app.d", "from app.a import x\n")]
    order = _order(*modules)
    assert sorted(order) == ["app.a", "app.b", "app.c", "app.d"] and order[-1] == "app.d"
