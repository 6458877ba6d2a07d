"""The program reading its own source as a test framework's assertion helper and a logging formatter do: the
source `inspect` finds for its functions, lambdas, methods and class, the stack's lines with their column spans
(`traceback.extract_stack`, 3.11+'s `colno`), and `getframeinfo` with context, taken while arguments of calls
that resolve futures, cancel tasks and schedule callbacks are being evaluated."""
import asyncio
import inspect
import sys
import traceback


def here(value):
    frame = traceback.extract_stack(limit=2)[0]
    spans = (getattr(frame, "colno", None), getattr(frame, "end_colno", None))
    info = inspect.getframeinfo(sys._getframe(1), context=3)
    print(f"  at {frame.name}:{frame.lineno} {frame.line!r} span={spans} context_index={info.index} positions={tuple(getattr(info, 'positions', ()) or ())} "
          f"first={info.code_context[0].strip()!r}")
    return value


class Dispatcher:
    """Routes finished jobs to their futures."""

    def __init__(self, loop):
        self.loop = loop
        self.waiting = {}

    def finish(self, key, value):
        fut = self.waiting.pop(key)
        fut.set_result(here(value))
        return fut

    def abort(self, task):
        task.cancel(here("aborted"))

    def later(self, fn):
        return self.loop.call_soon(fn, here("later"))


on_done = lambda fut: fut.set_result(here("lambda"))  # noqa: E731


async def main():
    loop = asyncio.get_running_loop()
    d = Dispatcher(loop)
    d.waiting["a"] = loop.create_future()
    print(await d.finish("a", 42))
    task = asyncio.ensure_future(asyncio.sleep(1))
    d.abort(task)
    await asyncio.gather(task, return_exceptions=True)
    d.later(len)
    fut = loop.create_future()
    on_done(fut)
    print(await fut)
    for obj in (here, Dispatcher, Dispatcher.finish, Dispatcher.abort, Dispatcher.later, on_done, main):
        lines, start = inspect.getsourcelines(obj)
        print(getattr(obj, "__qualname__", obj), start, len(lines), lines[-1].strip()[:40],
              inspect.getcomments(obj), inspect.getdoc(obj))
    print(inspect.getsourcefile(main) == __file__, inspect.getmodule(main).__name__)


asyncio.run(main())
