"""Shapes from the eleventh round on real projects (bench/real/real53-labels.tsv): each overclaimed shape beside the
true case next to it, which must still be found."""
from __future__ import annotations

from .helpers import check_marked


def test_cancellation_thrown_into_a_driven_generator_and_caught_back_is_not_this_tasks():
    # ray serve's streaming wrapper: closing early, it throws a CancelledError into the user's async generator so
    # that its cleanup runs, and catches the same CancelledError coming back out. An await of anything else in
    # the same try, or a generator thrown another error, still swallows the task's own cancellation.
    check_marked('''
        import asyncio
        import contextlib
        import inspect


        async def stream(call):
            gen = call()
            try:
                async for item in gen:
                    yield item
            finally:
                if inspect.isasyncgen(gen):
                    try:
                        await gen.athrow(asyncio.CancelledError())
                    except (StopAsyncIteration, asyncio.CancelledError):
                        pass


        async def stream_thrown_class(gen):
            try:
                async for item in gen:
                    yield item
            finally:
                with contextlib.suppress(StopAsyncIteration, asyncio.CancelledError):
                    await gen.athrow(asyncio.CancelledError)


        async def drain(gen, other):
            try:
                await gen.athrow(asyncio.CancelledError())
                await other.wait()
            except asyncio.CancelledError:  # ACK601
                pass
            return None


        async def thrown_other_error(gen):
            try:
                await gen.athrow(ValueError())
            except asyncio.CancelledError:  # ACK601
                pass
            return None
    ''', ["ACK601", "ACK602"])


def test_ensure_future_of_a_task_just_made_is_not_a_second_schedule_from_the_thread():
    # py-cord's voice socket reader thread: `asyncio.ensure_future(loop.create_task(cb(data)), loop=loop)`. Handed a
    # task, ensure_future hands the same task back; the unsafe call is the create_task inside, reported once. An
    # ensure_future handed a coroutine from the thread still schedules it, and the task touched there still counts.
    check_marked('''
        import asyncio
        import threading


        class Reader(threading.Thread):
            def __init__(self, loop, callbacks):
                super().__init__()
                self.loop = loop
                self.callbacks = callbacks
                self.tasks = set()

            def run(self):
                for cb in self.callbacks:
                    task = asyncio.ensure_future(
                        self.loop.create_task(cb()),  # ACK402
                        loop=self.loop,
                    )
                    self.tasks.add(task)
                    task.add_done_callback(self.tasks.discard)  # ACK401
                    asyncio.ensure_future(cb(), loop=self.loop)  # ACK402
    ''', ["ACK401", "ACK402"])
