"""False-alarm shapes found by linting real asyncio libraries (database drivers with lock emulations, a TaskGroup
backport, a client that drives its coroutines without a loop, ...): each look-alike must stay quiet, beside the
close case that must still be flagged."""
from __future__ import annotations

from tests.lint.helpers import check_marked


def test_a_handler_that_cancels_its_own_task_again_does_not_swallow_the_cancellation():
    # Emulating a non-blocking step: one loop cycle must pass whatever happens, so the handler asks for the
    # cancellation again and the next await raises it.
    check_marked(
        """
        import asyncio


        async def try_acquire(lock):
            attempt = asyncio.ensure_future(lock.acquire())
            try:
                await asyncio.sleep(0)
            except asyncio.CancelledError:
                asyncio.current_task().cancel()
            if attempt.done():
                return True
            attempt.cancel()
            return False


        async def try_io(op, timeout):
            pending = asyncio.ensure_future(op())
            try:
                await asyncio.sleep(0)
            except asyncio.CancelledError:
                me = asyncio.current_task()
                if me is not None:
                    me.cancel()
            return await asyncio.wait_for(pending, timeout)
        """,
        ["ACK601", "ACK602"],
    )


def test_a_handler_that_cancels_another_task_still_swallows_its_own_cancellation():
    check_marked(
        """
        import asyncio


        async def try_acquire(lock):
            attempt = asyncio.ensure_future(lock.acquire())
            try:
                await asyncio.sleep(0)
            except asyncio.CancelledError:  # ACK601
                attempt.cancel()
            await asyncio.sleep(1)
            return attempt.done()


        async def try_io(op, timeout, tasks):
            pending = asyncio.ensure_future(op())
            try:
                await asyncio.sleep(0)
            except asyncio.CancelledError:  # ACK601
                other = tasks.pop()
                other.cancel()
            return await asyncio.wait_for(pending, timeout)
        """,
        ["ACK601", "ACK602"],
    )


def test_a_cancellation_flag_set_under_an_if_and_raised_after_the_loop_is_not_swallowed():
    # A task-group's exit: the parent's cancellation is noted while the children wind down, then raised.
    check_marked(
        """
        import asyncio


        class Group:
            async def wait_all(self):
                propagate = False
                while self._pending:
                    self._done = asyncio.get_running_loop().create_future()
                    try:
                        await self._done
                    except asyncio.CancelledError:
                        if not self._aborting:
                            propagate = True
                            self._abort()
                if propagate:
                    raise asyncio.CancelledError()
        """,
        ["ACK601", "ACK602"],
    )


def test_a_flag_set_under_an_if_that_nothing_raises_from_still_swallows_the_cancellation():
    check_marked(
        """
        import asyncio


        class Group:
            async def wait_all(self):
                noted = False
                while self._pending:
                    self._done = asyncio.get_running_loop().create_future()
                    try:
                        await self._done
                    except asyncio.CancelledError:  # ACK601
                        if not self._aborting:
                            noted = True
                            self._abort()
                if noted:
                    self.log("was cancelled")
        """,
        ["ACK601", "ACK602"],
    )
