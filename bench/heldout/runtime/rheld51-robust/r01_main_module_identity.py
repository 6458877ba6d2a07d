"""What a script knows of itself as __main__: its spec, file, argv[0], the module object in sys.modules, and
what `import __main__` gives from inside a task and from a worker thread."""
import asyncio
import os
import sys
import threading

me = sys.modules[__name__]


def from_thread(out):
    import __main__
    out.append(__main__ is me)


async def main():
    import __main__
    out = []
    t = threading.Thread(target=from_thread, args=(out,))
    t.start()
    await asyncio.to_thread(t.join)
    print("name", __name__, "spec", __spec__, "package", __package__)
    print("file", os.path.basename(__file__), os.path.isabs(__file__), "argv0", os.path.basename(sys.argv[0]))
    print("same", __main__ is me, out, globals() is me.__dict__, type(__builtins__).__name__)
    print("loader", type(__loader__).__name__, __loader__.name, getattr(me, "__cached__", "unset"))
    print("main keys", [k for k in vars(me) if k.startswith("__")])


asyncio.run(main())
