"""Where am I called from? inspect.stack() from a task, a loop callback, a done callback and a worker thread."""
import asyncio
import inspect
import os


def where(tag):
    names = [(os.path.basename(f.filename), f.function) for f in inspect.stack()[1:]]
    print(tag, names)
    return len(names)


def on_soon():
    where("call_soon")


def on_done(fut):
    where("done_callback")


async def child():
    await asyncio.sleep(0)
    return where("task")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(on_soon)
    task = asyncio.create_task(child())
    task.add_done_callback(on_done)
    await task
    await asyncio.to_thread(where, "thread")
    outer = inspect.getouterframes(inspect.currentframe())
    print("outer", [(os.path.basename(f.filename), f.function) for f in outer])
    print("module frame last", inspect.stack()[-1].function)


asyncio.run(main())
