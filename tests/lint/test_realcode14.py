"""Shapes found by linting real asyncio client libraries (SDK inference clients, RPC stubs, CLI frameworks):
each look-alike must stay quiet, beside the close case that must still be flagged."""
from __future__ import annotations

import textwrap

from asynccheck.config import Config
from tests.lint.helpers import check_marked, reported

BLOCKING = ["ACK101", "ACK103"]


def test_a_helper_in_a_call_cycle_blocks_whichever_member_of_the_cycle_is_asked_about_first():
    # `_retry` calls `_send` back: working out `_send` first used to cut the cycle at `_send` and remember
    # "`_retry` never blocks" for good, though from `_retry` the cycle reaches the sleep in `_backoff`
    check_marked(
        """
        import time


        def _send(request):
            for redirect in request.redirects:
                _retry(redirect)
            _backoff(request)


        def _retry(request):
            _send(request)


        def _backoff(request):
            time.sleep(request.delay)


        async def handler(request):
            _send(request)  # ACK101
            _retry(request)  # ACK101
        """,
        BLOCKING,
    )


def test_a_cycle_of_helpers_none_of_which_blocks_stays_quiet_whatever_the_order():
    check_marked(
        """
        def _send(request):
            for redirect in request.redirects:
                _retry(redirect)
            return request


        def _retry(request):
            return _send(request)


        async def handler(request):
            _send(request)
            _retry(request)
        """,
        BLOCKING,
    )


def test_a_helper_first_met_too_deep_to_follow_is_still_followed_when_called_directly():
    # Chains longer than the limit are not reported; the helper met at the limit was remembered as "does not
    # block" and the direct call of a helper two steps from the sleep went unreported
    check_marked(
        """
        import time


        def step1(x):
            step2(x)


        def step2(x):
            step3(x)


        def step3(x):
            step4(x)


        def step4(x):
            step5(x)


        def step5(x):
            step6(x)


        def step6(x):
            time.sleep(x)


        async def handler(x):
            step1(x)
            step4(x)  # ACK101
        """,
        BLOCKING,
    )


def _default_findings(source: str):
    return reported(textwrap.dedent(source), ["ACK103", "ACK110"], Config())


def test_a_helper_whose_first_file_system_call_is_an_opt_in_rules_still_reports_its_file_read_by_default():
    # `os.path.exists` (ACK110, off by default) comes before the `open()` (ACK103): the chain stopped at the
    # first and the finding was then dropped as belonging to a rule that is off
    source = """
        import json
        import os


        def _read_credentials(path):
            if not os.path.exists(path):
                raise RuntimeError("no credentials")
            with open(path) as fh:
                return json.load(fh)


        async def authorize(path):
            return _read_credentials(path)
        """
    assert _default_findings(source) == {("ACK103", 14)}


def test_a_helper_that_only_checks_for_a_file_stays_quiet_by_default():
    source = """
        import os


        def _has_credentials(path):
            return os.path.exists(path)


        async def authorize(path):
            return _has_credentials(path)
        """
    assert _default_findings(source) == set()


def test_a_sync_http_client_over_an_in_memory_mock_transport_does_not_wait_for_the_network():
    # `httpx.MockTransport` answers from a Python function: the client's requests and its close() never leave
    # the process (SDK test suites hand one to the sync client beside the async one they exercise)
    check_marked(
        """
        import httpx


        def _answer(request):
            return httpx.Response(200, json={"ok": True})


        async def test_fetch():
            client = httpx.Client(transport=httpx.MockTransport(_answer))
            try:
                assert client.get("https://api.example.test/ping").status_code == 200
            finally:
                client.close()


        async def test_fetch_with_block():
            with httpx.Client(base_url="https://api.example.test", transport=httpx.MockTransport(_answer)) as client:
                client.post("/items", json={})
        """,
        ["ACK102"],
    )


def test_a_sync_http_client_over_a_real_transport_still_waits_for_the_network():
    check_marked(
        """
        import httpx


        def _answer(request):
            return httpx.Response(200)


        async def fetch(url, transport):
            client = httpx.Client(transport=httpx.HTTPTransport(retries=3))
            client.get(url)  # ACK102
            other = httpx.Client(transport=transport)
            other.get(url)  # ACK102
            mixed = httpx.Client(transport=httpx.MockTransport(_answer))
            if url.startswith("https"):
                mixed = httpx.Client()
            mixed.get(url)  # ACK102
        """,
        ["ACK102"],
    )


def test_with_every_rule_on_a_helper_is_blamed_for_its_read_rather_than_the_existence_check_before_it():
    source = """
        import json
        import os


        def _read_credentials(path):
            if not os.path.exists(path):
                raise RuntimeError("no credentials")
            with open(path) as fh:
                return json.load(fh)


        def _has_credentials(path):
            return os.path.exists(path)


        async def authorize(path):
            if _has_credentials(path):
                return _read_credentials(path)
        """
    assert reported(textwrap.dedent(source), ["ACK103", "ACK110"]) == {("ACK110", 18), ("ACK103", 19)}


CANCELLATION = ["ACK601", "ACK602"]


def test_an_async_generator_that_swallows_cancellation_and_ends_lets_its_consumer_carry_on():
    # the consumer's task is the one cancelled (it awaits the next item); a generator that ends instead of
    # re-raising hands it a normal end of stream, so the `async for` falls through and the task goes on
    check_marked(
        """
        import asyncio


        class Feed:
            def __init__(self, socket):
                self._socket = socket

            async def events(self):
                try:
                    async for message in self._socket:
                        yield message
                except asyncio.CancelledError:  # ACK601
                    pass
                finally:
                    await self._socket.close()
        """,
        CANCELLATION,
    )


def test_an_async_generator_that_re_raises_or_swaps_the_cancellation_for_an_error_is_not_a_lost_cancel():
    check_marked(
        """
        import asyncio


        class StreamClosed(Exception):
            pass


        async def events(socket):
            try:
                async for message in socket:
                    yield message
            except asyncio.CancelledError:
                await socket.close()
                raise


        async def frames(socket):
            try:
                async for message in socket:
                    yield message
            except asyncio.CancelledError:
                raise StreamClosed()


        async def pump(socket):
            try:
                await socket.drain()
            except asyncio.CancelledError:  # ACK602
                pass
        """,
        CANCELLATION,
    )
