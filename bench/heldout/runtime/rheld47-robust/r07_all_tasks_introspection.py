"""A task dashboard: names, coroutines, stacks and kinds of the tasks and futures a service has running."""
import asyncio
import io
import re


async def worker(n, ev):
    await ev.wait()
    return n


def clean(text):
    return re.sub(r"0x[0-9a-f]+", "0x", re.sub(r" at [^ >]+:\d+", " at FILE", text))


async def main():
    ev = asyncio.Event()
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(worker(n, ev)) for n in range(2)]
    named = asyncio.create_task(worker(9, ev), name="named")
    await asyncio.sleep(0)
    me = asyncio.current_task()
    print("me", me.get_name(), me.get_coro().__qualname__, type(me).__name__, type(me).__module__)
    for t in sorted(asyncio.all_tasks(), key=lambda t: t.get_name()):
        stack = t.get_stack()
        print(t.get_name(), t.get_coro().cr_code.co_name, len(stack), [f.f_code.co_name for f in stack],
              t.done(), isinstance(t, asyncio.Task), asyncio.isfuture(t))
    buf = io.StringIO()
    tasks[0].print_stack(file=buf)
    print("print_stack", clean(buf.getvalue()).splitlines()[0])
    print("repr", clean(repr(named)))
    fut = loop.create_future()
    print("future", type(fut).__name__, fut.__class__ is asyncio.Future, clean(repr(fut)))
    print("loop", type(loop).__name__ in ("_UnixSelectorEventLoop", "Loop"))
    ev.set()
    print(await asyncio.gather(*tasks, named))
    print("left", len(asyncio.all_tasks()))


asyncio.run(main())
