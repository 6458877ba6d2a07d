"""What asyncio's objects say they are, as a serializer's type registry, a `functools.singledispatch` handler
table, structural `match` and an admin page's object census read them: `type(x).__module__`, `__qualname__`,
the names along the MRO, `isinstance`/`issubclass` against asyncio's public classes."""
import asyncio
import contextlib
import functools


@functools.singledispatch
def kind(obj):
    return "other"


@kind.register
def _(obj: asyncio.Task):
    return "task"


@kind.register
def _(obj: asyncio.Future):
    return "future"


@kind.register
def _(obj: asyncio.Handle):
    return "handle"


@kind.register
def _(obj: asyncio.AbstractEventLoop):
    return "loop"


def matched(obj):
    match obj:
        case asyncio.Task():
            return "Task()"
        case asyncio.Future():
            return "Future()"
        case asyncio.TimerHandle():
            return "TimerHandle()"
        case asyncio.Handle():
            return "Handle()"
        case _:
            return "-"


def census(label, obj):
    cls = type(obj)
    print(f"{label:12} {cls.__module__}.{cls.__qualname__} name={cls.__name__} kind={kind(obj)} "
          f"match={matched(obj)} mro={[c.__name__ for c in cls.__mro__][:5]}")
    public = [n for n in ("Task", "Future", "Handle", "TimerHandle", "AbstractEventLoop", "BaseEventLoop",
                          "Lock", "Event", "Queue", "Semaphore", "Condition", "StreamReader", "StreamWriter",
                          "Server", "Runner", "Timeout", "TaskGroup", "BaseTransport")
              if isinstance(obj, getattr(asyncio, n, ()))]
    print(f"{'':12} isinstance of {public}")


async def child():
    await asyncio.sleep(0)
    return 1


async def main():
    loop = asyncio.get_running_loop()
    census("main task", asyncio.current_task())
    kept = [loop.create_task(child()), asyncio.ensure_future(child())]
    census("task", kept[0])
    census("ensured", kept[1])
    async with asyncio.TaskGroup() as group:
        census("group task", group.create_task(child()))
        census("group", group)
    census("future", loop.create_future())
    kept.append(asyncio.gather(child()))
    census("gathered", kept[-1])
    census("handle", loop.call_soon(int))
    census("timer", loop.call_later(0, int))
    await asyncio.gather(*kept)
    census("loop", loop)
    census("lock", asyncio.Lock())
    census("event", asyncio.Event())
    census("queue", asyncio.PriorityQueue())
    async with asyncio.timeout(1) as cm:
        census("timeout", cm)
    server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
    census("server", server)
    reader, writer = await asyncio.open_connection(*server.sockets[0].getsockname())
    census("reader", reader)
    census("writer", writer)
    census("transport", writer.transport)
    writer.close()
    with contextlib.suppress(ConnectionError):
        await writer.wait_closed()
    server.close()
    await server.wait_closed()
    print("subclass checks:", issubclass(type(asyncio.current_task()), asyncio.Future),
          type(asyncio.current_task()) is asyncio.Task, asyncio.Task in type(asyncio.current_task()).__mro__)
    await asyncio.sleep(0.01)


asyncio.run(main())
with asyncio.Runner() as runner:
    census("runner", runner)
    census("runner loop", runner.get_loop())
