"""A framework decides how to call a handler by inspecting it: coroutine function, awaitable, bound method,
signature; it is handed asyncio's own loop methods and functions too."""
import asyncio
import functools
import inspect


def kind(fn):
    return (inspect.iscoroutinefunction(fn), asyncio.iscoroutinefunction(fn), inspect.ismethod(fn),
            inspect.isfunction(fn), inspect.isbuiltin(fn), inspect.isroutine(fn), callable(fn))


def sig(fn):
    try:
        return str(inspect.signature(fn))
    except (TypeError, ValueError) as exc:
        return type(exc).__name__


async def handler(x):
    return x


async def main():
    loop = asyncio.get_running_loop()
    for name in ("create_task", "call_soon", "call_later", "run_in_executor", "sock_recv", "shutdown_asyncgens",
                 "create_future", "getaddrinfo", "run_until_complete", "create_connection"):
        fn = getattr(loop, name)
        print(name, kind(fn), sig(fn), fn.__name__, fn.__qualname__.split(".")[-1],
              inspect.getattr_static(type(loop), name).__class__.__name__)
    for fn in (asyncio.sleep, asyncio.wait_for, asyncio.gather, asyncio.create_task, asyncio.run, asyncio.to_thread,
               functools.partial(handler, 1), handler):
        print(getattr(fn, "__name__", "partial"), kind(fn), sig(fn))
    pending = loop.run_in_executor(None, sum, [1, 2])
    task = loop.create_task(handler(3))
    print(inspect.isawaitable(pending), inspect.isawaitable(task), asyncio.isfuture(task), asyncio.iscoroutine(task))
    print(await pending, await task)
    print(inspect.ismethod(loop.create_task) and loop.create_task.__self__ is loop,
          loop.create_task == loop.create_task, loop.create_task.__func__ is type(loop).create_task)


asyncio.run(main())
