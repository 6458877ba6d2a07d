"""Shapes found wrong on real async libraries and SDKs (realcode23): each flagged shape beside the look-alikes
that must stay quiet."""
from __future__ import annotations

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
