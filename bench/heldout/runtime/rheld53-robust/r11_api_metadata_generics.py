"""What a documentation generator, a dependency-injection container and a type checker at run time read off
asyncio's API: generic aliases (`asyncio.Queue[int]`, `Future[str]`, `Task[int]`), `typing.get_type_hints` of
a dataclass holding them, and each public method's signature, defaults, docstring's first line, qualified name,
module, argument count and local names, and the source lines `inspect` finds for it."""
import asyncio
import dataclasses
import inspect
import threading
import typing


@dataclasses.dataclass
class Pipeline:
    inbox: asyncio.Queue[int]
    result: asyncio.Future[str]
    runner: typing.Optional[asyncio.Task[None]] = None
    gate: asyncio.Event = dataclasses.field(default_factory=asyncio.Event)


METHODS = [asyncio.Queue.put_nowait, asyncio.Queue.get_nowait, asyncio.Queue.put, asyncio.Queue.__init__,
           asyncio.Event.set, asyncio.Event.clear, asyncio.Event.is_set, asyncio.Event.__init__,
           asyncio.Lock.release, asyncio.Lock.__init__, asyncio.Semaphore.release, asyncio.Condition.notify,
           asyncio.StreamReader.feed_data, asyncio.BaseEventLoop.call_soon, asyncio.BaseEventLoop.create_task,
           asyncio.BaseEventLoop.run_in_executor, asyncio.BaseEventLoop.run_until_complete,
           asyncio.create_task, asyncio.ensure_future, asyncio.run, asyncio.to_thread, asyncio.sleep,
           threading.Thread.__init__, threading.Thread.start, threading.Timer.__init__]


def describe(fn):
    code = getattr(fn, "__code__", None)
    try:
        lines, start = inspect.getsourcelines(fn)
        source = (len(lines), start, lines[0].strip()[:40])
    except (OSError, TypeError) as exc:
        source = type(exc).__name__
    return (fn.__qualname__, fn.__module__, str(inspect.signature(fn)), (fn.__doc__ or "").strip()[:30],
            fn.__defaults__, fn.__kwdefaults__, code and code.co_argcount, code and code.co_varnames[:6],
            code and code.co_filename.rsplit("/", 2)[-2:], source)


async def main():
    hints = typing.get_type_hints(Pipeline)
    print({k: repr(v) for k, v in hints.items()})
    print(asyncio.Queue[int], asyncio.Queue[int].__origin__ is asyncio.Queue, asyncio.Task[int].__args__)
    p = Pipeline(asyncio.Queue(), asyncio.get_running_loop().create_future())
    print(type(p.gate).__name__, dataclasses.fields(p)[3].default_factory is asyncio.Event)
    for fn in METHODS:
        print(describe(fn))


asyncio.run(main())
