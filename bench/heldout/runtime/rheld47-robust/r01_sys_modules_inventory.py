"""A plugin host lists which optional modules are loaded before and after it runs, and finds its own modules."""
import asyncio
import os
import sys

CANDIDATES = ["queue", "sqlite3", "ssl", "selectors", "multiprocessing", "json", "concurrent.futures.thread",
              "click", "libcst", "tomllib", "faulthandler", "tracemalloc", "contextvars", "socket", "decimal"]


def loaded():
    return [m for m in CANDIDATES if m in sys.modules]


def own_modules():
    here = os.path.dirname(os.path.abspath(__file__))
    return sorted(name for name, mod in list(sys.modules.items())
                  if (getattr(mod, "__file__", None) or "").startswith(here))


async def plugin(name):
    await asyncio.sleep(0)
    return name, sys.modules[__name__] is sys.modules["__main__"], sys.modules["__main__"].__dict__ is globals()


before = loaded()
print(asyncio.run(plugin("audit")))
after = loaded()
print("before", before)
print("after", after)
print("own", own_modules())
print("main spec", sys.modules["__main__"].__spec__, type(sys.modules["__main__"].__loader__).__name__)
