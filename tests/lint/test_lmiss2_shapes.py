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


def test_a_callback_handed_to_library_code_run_in_the_thread_runs_there_too():
    # the library calls `on_step` back on the thread that called it: the executor's, not the loop's
    check_marked('''
        import asyncio

        async def generate_with_progress(model, prompt: str, progress: asyncio.Queue) -> str:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(
                None, lambda: model.generate(prompt, on_step=lambda s: progress.put_nowait(s))  # ACK401
            )

        async def nested_def(model, prompt: str) -> str:
            done = asyncio.Event()

            def work():
                def on_finish(result):
                    done.set()  # ACK401
                return model.generate(prompt, on_finish=on_finish)

            return await asyncio.to_thread(work)
    ''', ["ACK401"])


def test_callbacks_handed_back_to_the_loop_stored_or_only_returned_stay_clean():
    check_marked('''
        import asyncio

        async def through_the_loop(model, prompt: str, progress: asyncio.Queue) -> str:
            loop = asyncio.get_running_loop()

            def work():
                loop.call_soon_threadsafe(lambda: progress.put_nowait(None))
                return model.generate(prompt, on_step=lambda s: loop.call_soon_threadsafe(progress.put_nowait, s))

            return await asyncio.to_thread(work)

        async def only_returned(progress: asyncio.Queue):
            make = await asyncio.to_thread(lambda: (lambda s: progress.put_nowait(s)))
            make(1)

        async def stored_for_the_loop(handlers: list, progress: asyncio.Queue):
            await asyncio.to_thread(lambda: handlers.append(lambda s: progress.put_nowait(s)))
            for handler in handlers:
                handler(1)
    ''', ["ACK401"])


def test_anyio_and_trio_group_starts_per_item_of_an_open_stream():
    # `start_soon` starts a task per call as `create_task` does; the group owns it but bounds nothing
    check_marked('''
        import anyio
        import trio

        async def handle_ws_frames(ws, on_frame) -> None:
            async with anyio.create_task_group() as tg:
                async for frame in ws:
                    tg.start_soon(on_frame, frame)  # ACK502

        async def serve(listener, handler) -> None:
            async with trio.open_nursery() as nursery:
                while True:
                    conn = await listener.accept()
                    nursery.start_soon(handler, conn)  # ACK502

        async def limiter_let_go(ws, on_frame) -> None:
            limiter = anyio.CapacityLimiter(16)
            async with anyio.create_task_group() as tg:
                async for frame in ws:
                    async with limiter:
                        tg.start_soon(on_frame, frame)  # ACK502
    ''', ["ACK502", "ACK302"])


def test_group_starts_over_a_finite_list_or_under_a_limiter_stay_clean():
    # nor is a group's start a dropped task handle (ACK302): the group owns and awaits its tasks
    check_marked('''
        import anyio
        import trio

        async def finite(items: list, handle) -> None:
            async with anyio.create_task_group() as tg:
                for item in items:
                    tg.start_soon(handle, item)

        async def nursery_finite(urls: list, fetch) -> None:
            async with trio.open_nursery() as nursery:
                for url in urls:
                    nursery.start_soon(fetch, url)

        async def slot_taken_first(ws, handle) -> None:
            gate = anyio.CapacityLimiter(16)

            async def one(frame):
                try:
                    await handle(frame)
                finally:
                    gate.release_on_behalf_of(frame)

            async with anyio.create_task_group() as tg:
                async for frame in ws:
                    await gate.acquire_on_behalf_of(frame)
                    tg.start_soon(one, frame)

        async def gate_inside_the_task(ws, handle) -> None:
            gate = anyio.Semaphore(16)

            async def one(frame):
                async with gate:
                    await handle(frame)

            async with anyio.create_task_group() as tg:
                async for frame in ws:
                    tg.start_soon(one, frame)

        class Pool:
            def start_soon(self, fn, *args) -> None:
                self.pending = (fn, args)

        async def a_project_method_of_that_name(ws, handle) -> None:
            pool = Pool()
            async for frame in ws:
                pool.start_soon(handle, frame)
    ''', ["ACK502", "ACK302"])


def test_a_queue_seeded_with_work_then_returned_or_stored_is_not_a_finished_work_list():
    # the few puts seen here do not bound it: whoever gets the queue may go on adding work
    check_marked('''
        import asyncio

        async def polite_schedule(hosts: list) -> asyncio.PriorityQueue:
            sched: asyncio.PriorityQueue = asyncio.PriorityQueue()  # ACK501
            for h in hosts:
                sched.put_nowait((0.0, h))
            return sched

        class Crawler:
            async def seed(self, urls: list) -> None:
                frontier = asyncio.Queue()  # ACK501
                for url in urls:
                    frontier.put_nowait(url)
                self.frontier = frontier
    ''', ["ACK501"])


def test_work_lists_drained_here_and_returned_stop_channels_stay_clean():
    check_marked('''
        import asyncio

        async def fetch_all(urls: list, fetch) -> None:
            todo = asyncio.Queue()
            for url in urls:
                todo.put_nowait(url)

            async def worker():
                while not todo.empty():
                    await fetch(todo.get_nowait())

            await asyncio.gather(*(worker() for _ in range(4)))

        async def drained_in_place(urls: list, fetch) -> int:
            todo = asyncio.Queue()
            for url in urls:
                todo.put_nowait(url)
            while not todo.empty():
                await fetch(await todo.get())
            return todo.qsize()

        async def stop_channel(workers: int) -> asyncio.Queue:
            stop: asyncio.Queue = asyncio.Queue()
            for _ in range(workers):
                stop.put_nowait(None)
            return stop
    ''', ["ACK501"])
