"""Shapes found overclaimed on real applications and servers (realcode29): each beside the real anti-pattern of
its kind, which is still reported."""
from __future__ import annotations

from .helpers import check_marked


def test_coroutine_function_that_hands_back_a_shutdown_step_by_design():
    # one of its returns hands back a call of a coroutine function that does nothing: nobody awaits a no-op for
    # its result, so the function's contract is "returns something to await", and its other returned coroutine is
    # that contract too. Without such a placeholder, a returned coroutine is the forgotten await it looks like,
    # even when a no-op coroutine function sits in the module (only a returned call of one says anything)
    check_marked('''
        import asyncio

        async def finished():
            pass

        async def serve(server, stop: asyncio.Event):
            async def nothing_to_undo():
                """The server stopped by itself."""

            if stop.is_set():
                return nothing_to_undo()
            await stop.wait()
            return server.close_gracefully()

        async def serve_module_level(server, running: asyncio.Task):
            if running.done():
                return finished()
            return server.close_gracefully()

        async def read_config(store):
            await asyncio.sleep(0)
            return {"port": 8080}

        async def config_for(store):
            if store is None:
                await finished()
                return {}
            return read_config(store)  # ACK301

        async def reload(store):
            async def busy():
                await asyncio.sleep(1)

            if store is None:
                return busy()  # ACK301
            return read_config(store)  # ACK301
    ''', ["ACK301"])


def test_task_started_in_place_of_each_finished_one():
    # a `for` over the tasks `asyncio.wait` found finished, starting one task per pass, tops the set up to what it
    # was (a merge of streams, a fixed pool refilled); two spawns per finished task, or a spawn per item of what a
    # finished task returned (a crawl), grow it without limit and are still reported
    check_marked('''
        import asyncio

        async def merge(streams):
            running = {asyncio.create_task(s.__anext__()): s for s in streams}
            while running:
                done, _ = await asyncio.wait(running.keys(), return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    stream = running.pop(task)
                    try:
                        item = task.result()
                    except StopAsyncIteration:
                        continue
                    yield item
                    following = asyncio.create_task(stream.__anext__())
                    running[following] = stream

        async def pipeline(first_jobs, step):
            running = {asyncio.create_task(step(job)) for job in first_jobs}
            while True:
                done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    running.add(asyncio.create_task(step(task.result())))

        async def doubling(seed, step):
            running = {asyncio.create_task(step(seed))}
            while running:
                done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    running.add(asyncio.create_task(step(task.result())))  # ACK502
                    running.add(asyncio.create_task(step(task.result())))  # ACK502

        async def crawl(start, fetch):
            running = {asyncio.create_task(fetch(start))}
            while running:
                done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    for link in task.result():
                        running.add(asyncio.create_task(fetch(link)))  # ACK502
    ''', ["ACK502"])
