"""Shapes found by linting real asyncio client libraries (SDK inference clients, RPC stubs, CLI frameworks):
each look-alike must stay quiet, beside the close case that must still be flagged."""
from __future__ import annotations

from tests.lint.helpers import check_marked

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
