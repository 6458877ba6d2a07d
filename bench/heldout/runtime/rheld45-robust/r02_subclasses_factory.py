"""Subclasses of asyncio.Queue, Lock, Future and Task, and a custom task factory."""
import asyncio

made = []


class CountingQueue(asyncio.Queue):
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.puts = 0

    def put_nowait(self, item):
        self.puts += 1
        super().put_nowait(item)


class NamedLock(asyncio.Lock):
    def __init__(self, name):
        super().__init__()
        self.name = name

    def __repr__(self):
        return f"<NamedLock {self.name}>"


class TracedFuture(asyncio.Future):
    pass


class TracedTask(asyncio.Task):
    pass


def factory(loop, coro, **kw):
    task = TracedTask(coro, loop=loop, **kw)
    made.append(type(task).__name__)
    return task


async def work(q, lock):
    async with lock:
        q.put_nowait(1)
        fut = TracedFuture()
        asyncio.get_running_loop().call_soon(fut.set_result, "f")
        return await fut


async def main():
    asyncio.get_running_loop().set_task_factory(factory)
    q = CountingQueue()
    lock = NamedLock("db")
    res = await asyncio.gather(work(q, lock), work(q, lock))
    print(res, q.puts, repr(lock), type(asyncio.current_task()).__name__)
    print(issubclass(TracedTask, asyncio.Task), isinstance(q, asyncio.Queue))


asyncio.run(main())
print(made)
