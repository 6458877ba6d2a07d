"""False-alarm shapes found by linting real asyncio libraries (process supervisors, thread pools, worker pools,
stream-processing clients): each look-alike must stay quiet, beside the close case that must still be flagged."""
from __future__ import annotations

from tests.lint.helpers import check_marked


def test_a_thread_that_settles_a_future_only_once_the_loop_is_closed_does_not_race_the_loop():
    # Once `loop.is_closed()` holds no thread runs that loop any more, and `call_soon_threadsafe` would raise: the
    # thread settling the future itself is the only way left. Outside that branch the loop is alive.
    check_marked(
        """
        import asyncio
        import threading


        class Job:
            def __init__(self, func, loop: asyncio.AbstractEventLoop, future: asyncio.Future):
                self.func = func
                self.loop = loop
                self.future = future

            def __call__(self):
                if self.loop.is_closed():
                    if not self.future.done():
                        self.future.set_exception(RuntimeError("loop closed"))
                    return
                try:
                    result = self.func()
                except Exception as exc:
                    self.future.set_exception(exc)  # ACK401
                    return
                if not self.loop.is_closed():
                    self.future.set_result(result)  # ACK401


        def submit(func):
            loop = asyncio.get_running_loop()
            future = loop.create_future()
            threading.Thread(target=Job(func, loop, future)).start()
            return future
        """,
        ["ACK401", "ACK402"],
    )


def test_a_closed_loop_branch_of_a_plain_worker_function_is_quiet_but_its_else_branch_is_not():
    check_marked(
        """
        import asyncio
        import threading


        def work(loop, done: asyncio.Event, queue: asyncio.Queue):
            if loop.is_closed():
                done.set()
            else:
                queue.put_nowait(1)  # ACK401


        def start(done, queue):
            loop = asyncio.get_running_loop()
            threading.Thread(target=work, args=(loop, done, queue)).start()
        """,
        ["ACK401", "ACK402"],
    )
