"""ACK401, ACK501, ACK502: loop-bound methods handed straight to a thread, spawns of anyio task groups, queues
that leave the function that fills them."""
from __future__ import annotations

from .helpers import check_marked


def test_the_current_tasks_cancel_handed_to_a_timer_thread():
    # `asyncio.current_task()` is the loop's Task: its `cancel` run by the timer's thread races the loop
    check_marked('''
        import asyncio
        import threading

        async def hard_deadline(coro, seconds: float):
            task = asyncio.current_task()
            timer = threading.Timer(seconds, task.cancel)  # ACK401
            timer.start()
            try:
                return await coro
            finally:
                timer.cancel()

        async def inline(seconds: float):
            threading.Timer(seconds, asyncio.current_task().cancel).start()  # ACK401

        async def in_a_pool(pool):
            await asyncio.get_running_loop().run_in_executor(pool, asyncio.current_task().cancel)  # ACK401
    ''', ["ACK401"])


def test_the_current_task_cancelled_from_the_loops_thread_or_through_threadsafe_stays_clean():
    check_marked('''
        import asyncio
        import threading

        async def on_the_loop(seconds: float):
            task = asyncio.current_task()
            asyncio.get_running_loop().call_later(seconds, task.cancel)

        async def handed_over_safely(seconds: float):
            loop = asyncio.get_running_loop()
            task = asyncio.current_task()
            threading.Timer(seconds, loop.call_soon_threadsafe, args=(task.cancel,)).start()

        async def a_threading_event(seconds: float):
            stop = threading.Event()
            threading.Timer(seconds, stop.set).start()

        class Flag:
            def set(self) -> None:
                self.up = True

        async def a_project_method_named_set():
            threading.Thread(target=Flag().set).start()
    ''', ["ACK401"])
