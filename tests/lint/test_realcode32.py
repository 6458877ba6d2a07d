"""Shapes found wrong or overclaimed on real async libraries (realcode32): each beside the real anti-pattern of
its kind, which is still reported as before."""
from __future__ import annotations

import textwrap
from typing import Dict, Set

from asynccheck.lint import lint_source

from .helpers import ALL, check_marked


def _messages(source: str, code: str) -> Dict[int, str]:
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    assert not report.errors, report.errors
    return {f.line: f.message for f in report.findings if f.code == code}


def _tagged(source: str, word: str) -> Set[int]:
    """The lines of the (dedented) snippet whose marker comment goes on with ``word``."""
    return {number for number, line in enumerate(textwrap.dedent(source).splitlines(), 1)
            if line.rstrip().endswith(f"# ACK302 {word}")}


_UNSEEN = "no code of yours retrieves its exception"
_CAUGHT = "catches its own errors"


def test_a_dropped_task_whose_coroutine_catches_every_error_is_reported_for_the_lost_reference_only():
    # A push updater fires `ensure_future(self.refresh())` and drops the task; `refresh()` wraps its work in one
    # `try` whose `except Exception:` logs, so the task never ends with an exception: the finding stands (the
    # loop holds tasks weakly) but must not say an exception goes unretrieved. The same through an instance of
    # the class, a wrapper made in `__init__` and kept in an attribute, and a local routine. A coroutine that
    # catches only some errors, re-raises, runs code outside its `try`, or catches a project class that merely
    # is named `Exception` can still fail unseen: the full text
    source = '''
        import asyncio
        import logging

        log = logging.getLogger(__name__)


        class Updater:
            def start(self):
                asyncio.ensure_future(self.refresh())  # ACK302 caught

            def start_narrow(self):
                asyncio.ensure_future(self.refresh_narrow())  # ACK302 unseen

            def start_reraising(self):
                asyncio.ensure_future(self.refresh_reraising())  # ACK302 unseen

            def start_then_posts(self):
                asyncio.ensure_future(self.refresh_then_post())  # ACK302 unseen

            async def refresh(self):
                """Fetch and post."""
                try:
                    self.post(await self.fetch())
                except asyncio.CancelledError:
                    pass
                except Exception as exc:
                    log.debug("refresh failed: %s", exc)

            async def refresh_narrow(self):
                try:
                    self.post(await self.fetch())
                except (ValueError, OSError) as exc:
                    log.debug("refresh failed: %s", exc)

            async def refresh_reraising(self):
                try:
                    self.post(await self.fetch())
                except Exception:
                    log.exception("refresh failed")
                    raise

            async def refresh_then_post(self):
                try:
                    data = await self.fetch()
                except BaseException:
                    data = None
                self.post(data)


        def trigger(updater: Updater):
            asyncio.ensure_future(updater.refresh())  # ACK302 caught


        class Handler:
            def __init__(self, func):
                async def wrapper(item):
                    try:
                        await func(item)
                    except Exception as e:
                        item.exception(e)
                self._func = wrapper

            def run(self, item):
                asyncio.ensure_future(self._func(item))  # ACK302 caught


        def fire(handlers, data):
            for handler in handlers:
                async def routine(callback):
                    try:
                        await callback(data)
                    except:
                        log.exception("handler failed")
                asyncio.ensure_future(routine(handler))  # ACK302 caught
    '''
    check_marked(source, ["ACK302"])
    messages = _messages(source, "ACK302")
    caught = {line for line, text in messages.items() if _CAUGHT in text}
    unseen = {line for line, text in messages.items() if _UNSEEN in text}
    assert caught == _tagged(source, "caught") and unseen == _tagged(source, "unseen"), messages
    assert all("garbage-collected" in text for text in messages.values())


def test_a_project_class_named_exception_is_no_catch_all():
    source = '''
        import asyncio


        class Exception(Warning):
            pass


        async def refresh(source):
            try:
                await source.fetch()
            except Exception:
                pass


        def start(source):
            asyncio.ensure_future(refresh(source))  # ACK302 unseen
    '''
    check_marked(source, ["ACK302"])
    messages = _messages(source, "ACK302")
    assert {line for line, text in messages.items() if _UNSEEN in text} == _tagged(source, "unseen"), messages
