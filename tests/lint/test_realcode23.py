"""Shapes found wrong on real async libraries and SDKs (realcode23): each flagged shape beside the look-alikes
that must stay quiet."""
from __future__ import annotations

import pytest

from .helpers import check_marked


def test_awaiting_the_task_a_wait_for_timed_out_on_is_the_cancel_idiom():
    # on expiry `wait_for(task, t)` cancels the task and waits for it to end: the `await task` after it finds a
    # finished task, so the CancelledError suppressed there is that task's own, never the caller's
    check_marked('''
        import asyncio
        from contextlib import suppress

        class Reader:
            def __init__(self):
                self.task = None
                self.other = None

            async def start(self):
                self.task = asyncio.create_task(self.run())
                self.other = asyncio.create_task(self.run())

            async def run(self):
                while True:
                    await asyncio.sleep(1)

            def reset(self):
                pass

            async def close(self, timeout):
                try:
                    await asyncio.wait_for(self.task, timeout)
                except asyncio.TimeoutError:
                    with suppress(asyncio.CancelledError):
                        await self.task
                await self.flush()

            async def close_shielded(self, timeout):
                try:
                    await asyncio.wait_for(asyncio.shield(self.task), timeout)
                except asyncio.TimeoutError:
                    with suppress(asyncio.CancelledError):  # ACK601
                        await self.task
                await self.flush()

            async def close_other(self, timeout):
                try:
                    await asyncio.wait_for(self.other, timeout)
                except asyncio.TimeoutError:
                    with suppress(asyncio.CancelledError):  # ACK601
                        await self.task
                await self.flush()

            async def wait_itself(self, timeout):
                try:
                    await asyncio.wait_for(self.task, timeout)
                except asyncio.CancelledError:  # ACK601
                    pass
                await self.flush()

            async def flush(self):
                await asyncio.sleep(0)
    ''', ["ACK601"])


def test_a_helper_that_puts_called_in_a_loop_that_waits_for_the_consumer_is_paced():
    # the loop hands each batch to a helper that queues it, then waits until the consumer says it is handled:
    # at most one batch of this loop is ever in the queue
    check_marked('''
        import asyncio

        class Pump:
            def __init__(self):
                self.events = asyncio.Queue()
                self.other = asyncio.Queue()  # ACK501

            def _push(self, event):
                self.events.put_nowait(event)

            def _push_other(self, event):
                self.other.put_nowait(event)

            async def pump(self, source):
                async for batch in source:
                    handled = asyncio.Event()
                    self._push((batch, handled))
                    await handled.wait()

            async def pump_other(self, source):
                async for batch in source:
                    self._push_other(batch)
                    await asyncio.sleep(0)

            async def consume(self):
                while True:
                    batch, handled = await self.events.get()
                    handled.set()
                    print(await self.other.get())
    ''', ["ACK501"])


TWISTED_WORKER = '''
    from twisted.internet.defer import Deferred, DeferredList

    async def report(results, reporter, log):
        for ok, failure in await DeferredList(results, consumeErrors=True):
            if ok:
                continue
            try:
                await reporter.add_error(failure)
            except BaseException:
                log.failure("reporting the failure failed")
        return True

    def start(results, reporter, log):
        return Deferred.fromCoroutine(report(results, reporter, log))
'''


@pytest.mark.parametrize("imports, flagged", [
    ("", False),
    ("from twisted.internet import defer", False),
    ("import asyncio", True),
    ("from anyio import sleep", True),
])
def test_a_coroutine_of_a_twisted_only_module_is_not_cancelled_by_asyncio(imports, flagged):
    # its coroutines await Deferreds and run under `Deferred.fromCoroutine`: asyncio.CancelledError cannot reach
    # them; once the module also imports asyncio (or anyio) its coroutines may run in tasks, and are judged so
    source = TWISTED_WORKER.replace("\n", f"\n    {imports}\n", 1) if imports else TWISTED_WORKER
    if flagged:
        source = source.replace("except BaseException:", "except BaseException:  # ACK601")
    check_marked(source, ["ACK601", "ACK602"])
