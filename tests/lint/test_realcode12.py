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


def test_a_pool_that_recycles_the_instance_it_is_handed_fills_a_bin_bounded_by_what_it_took():
    # A pool's recycle bin holds instances the pool itself made and handed out: each put gives back one that was
    # taken, however often `acquire` runs. A per-request method that queues a fresh item is open-ended.
    check_marked(
        """
        import asyncio


        class Lease:
            def __init__(self, take, give):
                self.take, self.give = take, give


        class Pool:
            def __init__(self, size: int):
                self._free = asyncio.Queue(size)
                self._bin = asyncio.Queue()
                self._slots = asyncio.Semaphore(size)

            async def _make(self):
                await self._slots.acquire()
                instance = await self._create()
                await self._free.put(instance)

            async def _create(self):
                return object()

            def _recycle_instance(self, instance):
                self._slots.release()
                self._bin.put_nowait(instance)

            async def _take(self):
                if not self._slots.locked():
                    await self._make()
                instance = await self._free.get()
                if not await self._healthy(instance):
                    self._recycle_instance(instance)
                    return await self._take()
                return instance

            async def _healthy(self, instance) -> bool:
                return instance is not None

            async def _release(self, instance):
                self._free.put_nowait(instance)

            def lease(self) -> Lease:
                return Lease(self._take, self._release)


        class Relay:
            def __init__(self):
                self._outbox = asyncio.Queue()  # ACK501

            def _forward(self, message):
                self._outbox.put_nowait(message)

            async def _on_message(self, message):
                self._forward(message)

            def handlers(self):
                return {"message": self._on_message}


        class Recycler:
            def __init__(self):
                self._bin = asyncio.Queue()  # ACK501

            def _recycle_instance(self, instance):
                self._bin.put_nowait(object())

            async def _on_message(self, message):
                self._recycle_instance(message)

            def handlers(self):
                return {"message": self._on_message}
        """,
        ["ACK501"],
    )
