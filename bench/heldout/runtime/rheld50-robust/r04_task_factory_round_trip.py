"""A tracing library installs its task factory, reads it back, chains to the previous one and removes itself."""
import asyncio
import contextvars

SEEN = []
request = contextvars.ContextVar("request", default="-")


def tracing_factory(loop, coro, **kwargs):
    SEEN.append((coro.__name__, sorted(kwargs)))
    task = asyncio.Task(coro, loop=loop, **kwargs)
    return task


class Chained:
    def __init__(self, previous):
        self.previous = previous

    def __call__(self, loop, coro, **kwargs):
        SEEN.append(("chained", coro.__name__))
        if self.previous is None:
            return asyncio.Task(coro, loop=loop, **kwargs)
        return self.previous(loop, coro, **kwargs)


async def job(n):
    await asyncio.sleep(0)
    return (n, request.get())


async def main():
    loop = asyncio.get_running_loop()
    print("initial", loop.get_task_factory())
    loop.set_task_factory(tracing_factory)
    print("set", loop.get_task_factory() is tracing_factory)
    t = asyncio.create_task(job(1), name="first")
    print(t.get_name(), type(t).__name__, await t)
    chained = Chained(loop.get_task_factory())
    loop.set_task_factory(chained)
    print("chained", loop.get_task_factory() is chained, chained.previous is tracing_factory)
    request.set("req-7")
    ctx = contextvars.copy_context()
    t2 = loop.create_task(job(2), name="second", context=ctx)
    print(t2.get_name(), await t2, await asyncio.gather(job(3)))
    loop.set_task_factory(None)
    print("cleared", loop.get_task_factory())
    t3 = loop.create_task(job(4))
    print(type(t3).__name__, t3.get_name().startswith("Task-"), await t3)
    try:
        loop.set_task_factory("nope")
    except TypeError as exc:
        print("TypeError", exc)
    print(SEEN)


asyncio.run(main())
