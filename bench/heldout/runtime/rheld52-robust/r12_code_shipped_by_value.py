"""Functions shipped by value to a plain python worker, as cloudpickle, dask and Ray do for `__main__`'s functions:
their code objects are marshalled, rebuilt in a fresh interpreter and called there. Also what the code objects say
of themselves (names used, constants), and whether a helper module imported from a folder got its `.pyc`."""
import asyncio
import importlib
import importlib.util
import marshal
import os
import subprocess
import sys
import tempfile

WORKER = r"""
import marshal, sys, types
class Fut:
    def __init__(self): self.value = None
    def set_result(self, v): self.value = v
    def cancel(self): self.value = "cancelled"
    def call_soon(self, f, *a): self.value = f(*a)
for name, blob in marshal.loads(sys.stdin.buffer.read()):
    fn = types.FunctionType(marshal.loads(blob), {"__builtins__": __builtins__})
    target = Fut()
    try:
        fn(target, 21)
        print(name, "->", target.value)
    except Exception as e:
        print(name, "failed:", type(e).__name__, e)
"""


def resolve(fut, n):
    fut.set_result(n * 2)


def abort(fut, n):
    if n:
        fut.cancel()


def schedule(loop, n):
    loop.call_soon(abs, -n)


def plain(fut, n):
    fut.value = n + 1


HELPER = "def finish(fut):\n    fut.set_result('done')\n\n\ndef plain():\n    return 1\n"


def ship(functions):
    payload = marshal.dumps([(f.__name__, marshal.dumps(f.__code__)) for f in functions])
    return subprocess.run([sys.executable, "-c", WORKER], input=payload, capture_output=True).stdout.decode()


async def main(folder):
    fut = asyncio.get_running_loop().create_future()
    resolve(fut, 4)
    print("locally:", await fut)
    print(await asyncio.to_thread(ship, [resolve, abort, schedule, plain]), end="")
    for f in (resolve, abort, schedule, plain):
        print(f.__name__, f.__code__.co_names, f.__code__.co_consts, f.__code__.co_stacksize)
    for name, body in (("helper_a", HELPER), ("helper_b", "def plain():\n    return 2\n")):
        with open(os.path.join(folder, f"{name}.py"), "w") as fh:
            fh.write(body)
    importlib.invalidate_caches()
    for name in ("helper_a", "helper_b"):
        module = importlib.import_module(name)
        print(name, module.__cached__ is not None, os.path.exists(importlib.util.cache_from_source(module.__file__)),
              type(module.__loader__).__name__, module.__spec__.cached == module.__cached__)


sys.dont_write_bytecode = False
with tempfile.TemporaryDirectory() as folder:
    sys.path.insert(0, folder)
    asyncio.run(main(folder))
