"""ACK106's advice names what fits the type waited for (messages.WAIT_ADVICE): `asyncio.wrap_future` only for a
concurrent.futures.Future, grpc's async API or a thread for a grpc future, an asyncio.Queue fed thread-safely for
a thread queue, and the rule's own words for the rest; in a callback of the loop, the offloading form."""
from __future__ import annotations

import textwrap

import pytest

from asynccheck.lint import lint_source
from asynccheck.lint.messages import WAIT_ADVICE, advice

from .helpers import ALL

SOURCE = textwrap.dedent('''
    import asyncio
    import concurrent.futures
    import queue
    import threading

    import grpc

    async def waits(channel: grpc.Channel, pool: concurrent.futures.ThreadPoolExecutor, q: queue.Queue,
                    ev: threading.Event, t: threading.Thread, sel):
        grpc.channel_ready_future(channel).result()
        pool.submit(sum, [1]).result()
        q.get()
        ev.wait()
        t.join()
        pool.shutdown()

    def callback(g: grpc.Future, f: concurrent.futures.Future):
        g.result()

    async def main():
        asyncio.get_running_loop().call_soon(callback, None, None)
''')


def _messages():
    report = lint_source(SOURCE, "example.py", ALL)
    return {f.line: f.message for f in report.findings if f.code == "ACK106"}


def test_each_kind_of_wait_gets_its_own_remedy():
    by_line = _messages()
    grpc_text, future, queue_get, event, join, shutdown = (by_line[n] for n in range(11, 17))
    assert "wrap_future" not in grpc_text and "grpc.aio" in grpc_text and "to_thread" in grpc_text
    assert "asyncio.wrap_future" in future
    assert "asyncio.Queue" in queue_get and "call_soon_threadsafe" in queue_get and "wrap_future" not in queue_get
    assert "`asyncio` primitive of the same name" in event and "wrap_future" not in event
    assert "to_thread" in join and "wrap_future" not in join
    assert "run_in_executor" in shutdown
    in_callback = by_line[22]
    assert "grpc.aio" in in_callback and "wrap_future" not in in_callback and "run_in_executor" in in_callback


@pytest.mark.parametrize("in_async", [True, False])
def test_no_advice_offers_wrap_future_but_for_concurrent_futures(in_async):
    assert "wrap_future" not in advice("ACK106", in_async, "x.wait()", "celery.result.AsyncResult.get")
    assert "wrap_future" not in advice("ACK106", in_async, "x.wait()", "some.lib.Thing.wait")
    for prefixes, in_coroutine, in_callback in WAIT_ADVICE:
        text = in_coroutine if in_async else in_callback
        assert ("wrap_future" in text) == (prefixes == ("concurrent.futures.Future.",)), prefixes
