"""Weak spots the linter had left open (lweak2): each shape that must be reported beside the look-alike that must
be left alone."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.lint import lint_source

from .helpers import ALL, check_marked, project_findings

# A queue a transport's callback fills with no bound: the real ACK501 every case below starts from
_CALLBACK_FED = '''
class Subscription:
    def __init__(self, transport):
        self.messages = asyncio.Queue()
        transport.on_message = self.messages.put_nowait

    async def __aiter__(self):
        while True:
            yield await self.messages.get()
'''


def _queue_lines(source: str, path: str = "example.py") -> list:
    report = lint_source(textwrap.dedent(source), path, ALL)
    assert not report.errors, report.errors
    return [f.line for f in report.findings if f.code == "ACK501"]


def test_a_service_module_that_imports_a_mock_as_a_fallback_keeps_its_unbounded_queue():
    # `unittest.mock` imported where a dependency is missing, or `pytest` imported for a self-test entry point,
    # does not make the module's queues a test's: the transport still outruns the consumer
    check_marked('''
        import asyncio

        try:
            import uvloop
        except ImportError:
            from unittest.mock import MagicMock as uvloop

        class Subscription:
            def __init__(self, transport):
                self.messages = asyncio.Queue()  # ACK501
                transport.on_message = self.messages.put_nowait

            async def __aiter__(self):
                while True:
                    yield await self.messages.get()

        if __name__ == "__main__":
            uvloop.install()
    ''', ["ACK501"])
    check_marked('''
        import asyncio
        import sys

        class Subscription:
            def __init__(self, transport):
                self.messages = asyncio.Queue()  # ACK501
                transport.on_message = self.messages.put_nowait

            async def __aiter__(self):
                while True:
                    yield await self.messages.get()

        if __name__ == "__main__":
            import pytest
            sys.exit(pytest.main([__file__]))
    ''', ["ACK501"])


def test_a_fake_beside_real_code_is_left_alone_and_the_real_queue_reported():
    # One module, two classes: the fake (it uses `AsyncMock`) is filled by the test that drives it; the real
    # subscription next to it is not
    check_marked('''
        import asyncio
        from unittest import mock

        class FakeTransport:
            def __init__(self):
                self.sent = asyncio.Queue()
                self.send = mock.AsyncMock(side_effect=self.sent.put)
                self.on_message = None

        class Subscription:
            def __init__(self, transport):
                self.messages = asyncio.Queue()  # ACK501
                transport.on_message = self.messages.put_nowait

            async def __aiter__(self):
                while True:
                    yield await self.messages.get()
    ''', ["ACK501"])


def test_a_fixture_or_a_test_case_fills_its_queue_itself():
    check_marked('''
        import asyncio
        import unittest

        import pytest

        @pytest.fixture
        def inbox(transport):
            queue = asyncio.Queue()
            transport.on_message = queue.put_nowait
            return queue

        class SubscriptionTest(unittest.IsolatedAsyncioTestCase):
            async def asyncSetUp(self):
                self.messages = asyncio.Queue()
                self.transport = object()
                self.transport.on_message = self.messages.put_nowait
    ''', ["ACK501"])


def test_test_modules_by_name_are_left_alone_and_the_same_code_elsewhere_is_reported(tmp_path: Path):
    source = "import asyncio\n" + _CALLBACK_FED
    assert _queue_lines(source) == [5]
    for path in ("test_subscription.py", "subscription_test.py", "conftest.py", "testutils.py"):
        assert _queue_lines(source, path) == [], path
    # `tests/` or `testing/` as a package: the helpers the tests import
    assert project_findings(tmp_path, {
        "client/__init__.py": "",
        "client/subscription.py": source,
        "client/testing/__init__.py": "",
        "client/testing/fakes.py": source,
        "tests/__init__.py": "",
        "tests/helpers.py": source,
    }, ["ACK501"]) == {("client/subscription.py", 5, "ACK501")}


def test_a_module_named_like_a_test_word_is_not_test_code():
    source = "import asyncio\n" + _CALLBACK_FED
    for path in ("testimonials.py", "contest.py", "latest.py"):
        assert _queue_lines(source, path) == [5], path


def test_an_attribute_or_keyword_named_like_a_mock_is_not_a_mock():
    # `patch` is imported for a test entry point elsewhere in the module; `client.patch(...)` and `mock=` in the
    # service class are its own words
    check_marked('''
        import asyncio
        from unittest.mock import patch

        class Subscription:
            def __init__(self, transport, client):
                self.messages = asyncio.Queue()  # ACK501
                transport.on_message = self.messages.put_nowait
                client.patch("/subscriptions", mock=False)

            async def __aiter__(self):
                while True:
                    yield await self.messages.get()

        def offline():
            with patch("socket.socket"):
                asyncio.run(main())
    ''', ["ACK501"])
