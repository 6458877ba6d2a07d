"""Shapes found missing on a tenth held-out set of realistic cases: each flagged shape beside the look-alikes that
must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_code_submitted_to_an_executor_typed_as_the_abstract_base_runs_off_the_loop():
    check_marked('''
        import asyncio
        import concurrent.futures

        class Bridge:
            def __init__(self, executor: concurrent.futures.Executor) -> None:
                self.executor = executor
                self.loop = asyncio.get_event_loop()

            def _blocking(self, job) -> None:
                job.run()
                self.loop.call_soon(job.notify)  # ACK402

            def _blocking_safe(self, job) -> None:
                job.run()
                self.loop.call_soon_threadsafe(job.notify)

            async def submit(self, job) -> None:
                await asyncio.wrap_future(self.executor.submit(self._blocking, job))
                await asyncio.wrap_future(self.executor.submit(self._blocking_safe, job))

        async def fan_out(pool: concurrent.futures.Executor, done: asyncio.Event, items: list) -> None:
            def work(item):
                done.set()  # ACK401
            list(pool.map(work, items))

        async def fan_out_safe(pool: concurrent.futures.Executor, done: asyncio.Event, items: list) -> None:
            loop = asyncio.get_running_loop()
            def work(item):
                loop.call_soon_threadsafe(done.set)
            await asyncio.wrap_future(pool.submit(work, items[0]))
    ''', ["ACK401", "ACK402"])


def test_a_generator_handed_to_an_abstract_or_process_executor_is_iterated_off_the_loop():
    check_marked('''
        import asyncio
        from concurrent.futures import Executor, ProcessPoolExecutor

        def rows(path: str):
            with open(path) as fh:
                for line in fh:
                    yield line.split(",")

        async def load(executor: Executor, procs: ProcessPoolExecutor, path: str) -> list:
            a = await asyncio.wrap_future(executor.submit(list, rows(path)))
            b = await asyncio.wrap_future(procs.submit(sorted, rows(path)))
            return a + b + list(rows(path))  # ACK103
    ''', BLOCKING)


def test_tasks_made_by_the_iterable_of_a_for_loop_and_dropped_each_round():
    check_marked('''
        import asyncio

        async def warm(key: str) -> None:
            await asyncio.sleep(0)

        async def refresh_each(keys: list[str]) -> None:
            for task in (asyncio.create_task(warm(k)) for k in keys):  # ACK302
                task.set_name("warm")

        async def refresh_unread(keys: list[str]) -> None:
            for task in [asyncio.create_task(warm(k)) for k in keys]:  # ACK302
                print("scheduled")

        async def refresh_awaited(keys: list[str]) -> None:
            for task in [asyncio.create_task(warm(k)) for k in keys]:
                task.set_name("warm")
                await task

        async def refresh_kept(keys: list[str], keep: set) -> None:
            for task in (asyncio.create_task(warm(k)) for k in keys):
                keep.add(task)
                task.add_done_callback(keep.discard)

        async def refresh_last_awaited(keys: list[str]) -> None:
            for task in [asyncio.create_task(warm(k)) for k in keys]:
                task.set_name("warm")
            await task

        async def refresh_numbered(keys: list[str]) -> list:
            done = []
            for i, task in enumerate([asyncio.create_task(warm(k)) for k in keys]):
                done.append((i, task))
            return done

        async def over_existing(tasks: list[asyncio.Task]) -> None:
            for task in tasks:
                task.set_name("x")
    ''', ["ACK302"])
