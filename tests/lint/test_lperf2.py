"""What lperf2 made cheaper, with the behaviour it must keep: the order one process checks a project's modules in
(lint/order.py: each after what it imports, and in an import cycle after what it imports at run time; a module
checked before one it asks about is checked twice), the `except` clause around a call, which the scope
builder now records as it walks instead of each question building a map of parents, and the attribute names a
module reads (ACK301's coroutine stored on an attribute), read from strings without compiling each one."""
from __future__ import annotations

import textwrap
from textwrap import dedent

import libcst as cst

from asynccheck.lint import lint_source
from asynccheck.lint.builder import ScopeBuilder
from asynccheck.lint.order import dependency_order

from .helpers import ALL, check_marked

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


def _handlers(source: str) -> dict:
    """Called name -> the text of the type of the `except` clause whose body holds the call in its own scope."""
    builder = ScopeBuilder("example")
    builder.build(cst.parse_module(dedent(source)))
    out = {}
    for site in builder.calls:
        handler = site.handler
        out[cst.Module([]).code_for_node(site.node.func)] = (
            cst.Module([]).code_for_node(handler.type) if handler is not None and handler.type is not None
            else handler and "bare")
    return out


def test_the_innermost_except_clause_of_the_calls_own_scope():
    found = _handlers('''
        try:
            first()
        except KeyError:
            fallback()
            try:
                again()
            except (pick()):
                inner()
            def helper(x=default()):
                later()
            handle(lambda: deferred())

            class Cache(base()):
                attribute = made()
            [item() for _ in source()]
        else:
            no_error()
        finally:
            always()
        try:
            grouped()
        except* OSError:
            some_failed()
        except* ValueError:
            pass
    ''')
    assert found == {
        "first": None, "fallback": "KeyError", "again": "KeyError", "pick": "KeyError", "inner": "(pick())",
        # what a def, lambda or class holds runs at another time (its defaults and bases too, as before)
        "default": None, "later": None, "handle": "KeyError", "deferred": None, "base": None, "made": None,
        "item": "KeyError", "source": "KeyError", "no_error": None, "always": None,
        "grouped": None, "some_failed": "OSError",
    }


def test_a_helper_that_blocks_only_in_an_except_star_clause_may_block():
    # except* (3.11) runs its body only when the group held a matching error, as except does
    report = lint_source(textwrap.dedent('''
        import requests

        _strings = {}


        def text_for(key):
            try:
                return _strings[key]
            except* KeyError:
                _strings[key] = requests.get(f"https://translate.example/{key}", timeout=5).text


        def fetch_text(key):
            try:
                return requests.get(f"https://translate.example/{key}", timeout=5).text
            except* OSError:
                return ""


        async def on_message(message):
            await message.reply(text_for("greeting"))
            await message.reply(fetch_text("greeting"))
    '''), "example.py", ALL)
    found = sorted((f.line, f.message) for f in report.findings if f.code == "ACK102")
    assert [line for line, _ in found] == [22, 23]
    assert found[0][1].startswith("`text_for(\"greeting\")` may block the event loop: on some of its paths")
    assert found[1][1].startswith("`fetch_text(\"greeting\")` blocks the event loop: it calls")


def test_a_coroutine_stored_on_an_attribute_read_only_through_getattr_strings():
    # `getattr(self, "_spare")` reads the attribute, an escaped name too ("_ba\x63kup" is "_backup"); bytes
    # name no attribute, and a name nothing mentions is never read
    check_marked(r'''
        import asyncio


        async def connect(url):
            await asyncio.sleep(0)
            return url


        class Pool:
            def start(self, url):
                self._conn = connect(url)  # ACK301
                self._spare = connect(url)
                self._backup = connect(url)
                self._raw = connect(url)  # ACK301

            async def ready(self):
                return await getattr(self, "_spare")

            async def backup(self):
                return await getattr(self, "_ba\x63kup")

            def raw_name(self):
                return b"_raw"
    ''', ["ACK301"])
