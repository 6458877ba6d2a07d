"""What the program's own functions look like to `dis` and to their code objects: a bytecode-level tool (a JIT's
guard, a `dis`-based linter of the team's handlers, a snapshot test of generated code) reads them. Functions that
resolve futures, cancel tasks and schedule callbacks, beside plain ones."""
import asyncio
import dis
import hashlib
import io


def resolve(fut, value):
    if not fut.done():
        fut.set_result(value)
    return fut


def stop(task, reason):
    task.cancel(reason)
    return task.cancelled()


def later(loop, fn, *args):
    handle = loop.call_soon(fn, *args)
    return handle


def fail(fut, error):
    fut.set_exception(error)


def plain(a, b):
    return [a + b, a * b]


async def main():
    loop = asyncio.get_running_loop()
    fut = resolve(loop.create_future(), 3)
    task = loop.create_task(asyncio.sleep(1))
    stop(task, "shutdown")
    later(loop, print, "callback ran")
    fail(loop.create_future(), ValueError("x"))
    await asyncio.sleep(0)
    for fn in (resolve, stop, later, fail, plain):
        code = fn.__code__
        ops = [ins.opname for ins in dis.get_instructions(fn)]
        text = io.StringIO()
        dis.dis(fn, file=text)
        print(fn.__name__, len(ops), ops[:12])
        print("  names", code.co_names, "consts", code.co_consts)
        print("  stack", code.co_stacksize, "nlocals", code.co_nlocals, "flags", code.co_flags,
              "bytes", len(code.co_code), "lines", list(code.co_lines())[:6])
        print("  dis md5", hashlib.md5(text.getvalue().encode()).hexdigest()[:12])
        if hasattr(code, "co_positions"):
            print("  positions", sorted({p for p in code.co_positions() if p[0] is not None})[:8])
    print(await fut, task.cancelled())


asyncio.run(main())
