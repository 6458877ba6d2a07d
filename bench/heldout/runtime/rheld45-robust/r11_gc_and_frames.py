"""Counts of gc-tracked objects of its own classes and the current frame chain from inside a task."""
import asyncio
import gc
import sys


class Widget:
    pass


keep = [Widget() for _ in range(5)]


async def main():
    n = sum(isinstance(o, Widget) for o in gc.get_objects())
    f = sys._getframe()
    names = []
    while f is not None:
        if f.f_code.co_filename == __file__:
            names.append(f.f_code.co_name)
        f = f.f_back
    print(n, names, asyncio.current_task().get_name().startswith("Task-"))


asyncio.run(main())
print(gc.isenabled(), gc.get_threshold())
