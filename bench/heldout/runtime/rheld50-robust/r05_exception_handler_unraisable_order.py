"""A service collects what goes wrong in the background: the loop's exception handler and sys.unraisablehook,
in the order things arrive, with gc runs between."""
import asyncio
import gc
import sys

EVENTS = []


def on_loop_error(loop, context):
    exc = context.get("exception")
    EVENTS.append(("loop", context["message"].split(":")[0].split(" <")[0], type(exc).__name__ if exc else None,
                   sorted(k for k in context if k not in ("exception",))))


def on_unraisable(args):
    EVENTS.append(("unraisable", type(args.exc_value).__name__, str(args.err_msg)[:40]))


class Noisy:
    def __del__(self):
        raise ValueError("noisy __del__")


async def fails():
    raise KeyError("lost")


async def gen():
    try:
        yield 1
        yield 2
    finally:
        EVENTS.append(("agen", "finalized"))


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(on_loop_error)
    sys.unraisablehook = on_unraisable
    t = asyncio.create_task(fails())
    await asyncio.sleep(0.01)
    del t
    gc.collect()
    EVENTS.append(("mark", 1))
    n = Noisy()
    del n
    EVENTS.append(("mark", 2))
    fut = loop.create_future()
    fut.set_exception(OSError("never read"))
    del fut
    gc.collect()
    EVENTS.append(("mark", 3))
    g = gen()
    await g.__anext__()
    del g
    gc.collect()
    await asyncio.sleep(0.01)
    loop.call_soon(lambda: 1 / 0)
    await asyncio.sleep(0.01)
    EVENTS.append(("mark", 4))
    print(loop.get_exception_handler() is on_loop_error)


asyncio.run(main())
sys.unraisablehook = sys.__unraisablehook__
for event in EVENTS:
    print(event)
