"""Code objects as values: a function's `__code__` compared with its twin's and with the code compiled again from
its own source (a hot-reload tool's "did it change?"), hashed, marshalled and loaded back, rebuilt into a new
function with `types.FunctionType` and `code.replace`, and the audit events an import of a helper module raises
(`compile`, `marshal.loads`, `open`), as an import tracer would record them."""
import asyncio
import hashlib
import importlib
import inspect
import marshal
import os
import sys
import tempfile
import textwrap
import types


def settle(fut, value):
    fut.set_result(value)
    return "settled"


def settle_twin(fut, value):
    fut.set_result(value)
    return "settled"


def drop(task):
    task.cancel()
    return "dropped"


def count(n):
    return sum(range(n))


def recompiled(fn):
    scope = {}
    lines, start = inspect.getsourcelines(fn)
    source = "\n" * (start - 1) + textwrap.dedent("".join(lines))
    exec(compile(source, __file__, "exec"), dict(fn.__globals__), scope)
    return scope[fn.__name__]


EVENTS = []


def audit(event, args):
    if event in ("compile", "marshal.loads", "marshal.dumps", "exec", "import"):
        name = args[1] if event == "compile" else (args[0] if event == "import" else "")
        EVENTS.append((event, os.path.basename(str(name))))


async def main(folder):
    loop = asyncio.get_running_loop()
    for fn in (settle, drop, count):
        twin = recompiled(fn)
        code = fn.__code__
        print(fn.__name__, "same as recompiled:", code == twin.__code__,
              "hash equal:", hash(code) == hash(twin.__code__),
              "marshal md5:", hashlib.md5(marshal.dumps(code)).hexdigest()[:10],
              "round trip equal:", marshal.loads(marshal.dumps(code)) == code)
    print("twins equal (names differ):", settle.__code__.replace(co_name="settle_twin",
          co_qualname="settle_twin", co_firstlineno=settle_twin.__code__.co_firstlineno,
          co_linetable=settle_twin.__code__.co_linetable) == settle_twin.__code__)
    rebuilt = types.FunctionType(settle.__code__, {"__builtins__": __builtins__}, "rebuilt")
    fut = loop.create_future()
    print("rebuilt:", rebuilt(fut, 5), await fut)
    renamed = types.FunctionType(drop.__code__.replace(co_name="renamed"), globals())
    task = loop.create_task(asyncio.sleep(1))
    print("renamed:", renamed(task), renamed.__code__.co_name)
    await asyncio.sleep(0)
    print("cancelled:", task.cancelled())
    with open(os.path.join(folder, "helper_mod.py"), "w") as fh:
        fh.write("def finish(fut):\n    fut.set_result('ok')\n    return fut\n")
    with open(os.path.join(folder, "plain_mod.py"), "w") as fh:
        fh.write("def finish(box):\n    box.append('ok')\n    return box\n")
    importlib.invalidate_caches()
    sys.addaudithook(audit)
    for name in ("helper_mod", "plain_mod"):
        importlib.import_module(name)
    print("audit:", EVENTS)
    print(sys.modules["helper_mod"].finish(loop.create_future()).result())


with tempfile.TemporaryDirectory() as folder:
    sys.path.insert(0, folder)
    sys.dont_write_bytecode = True
    asyncio.run(main(folder))
