"""Call-site introspection as `executing`, `varname` and icecream do it: a helper reads the instruction its caller
is at (`f_lasti`) and the source span of that instruction (`co_positions`) to print the expression it was called
from; and the tracebacks (with 3.11's carets) of errors raised at calls that resolve futures and cancel tasks."""
import ast
import asyncio
import dis
import inspect
import sys
import traceback


def where(depth=2):
    caller = sys._getframe(depth)
    code = caller.f_code
    ins = [i for i in dis.get_instructions(code) if i.offset <= caller.f_lasti][-1]
    info = inspect.getframeinfo(caller)
    text = None
    pos = getattr(info, "positions", None)
    if pos is not None and pos.lineno is not None and pos.lineno == pos.end_lineno:
        text = info.code_context[0][pos.col_offset:pos.end_col_offset] if info.code_context else None
    return f"{code.co_name}:{caller.f_lineno} {ins.opname} {ins.argrepr!r} {text!r}"


class Probe:
    def set_result(self, value):
        return where()

    def cancel(self, msg=None):
        return where()

    def call_soon(self, fn, *args):
        return where()


def use(probe):
    print(probe.set_result(1))
    print(probe.cancel("why"))
    print(probe.call_soon(print, 2))
    print([probe.set_result(n) for n in range(1)][0])


def short_tb():
    lines = traceback.format_exc().splitlines()
    return [line for line in lines if not line.startswith("Traceback")]


async def faults():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result(1)
    try:
        fut.set_result(2)
    except asyncio.InvalidStateError:
        print(short_tb())
    holder = None
    try:
        holder.cancel()
    except AttributeError:
        print(short_tb())
    try:
        loop.call_soon(1 / len(""), None)
    except ZeroDivisionError as exc:
        print(short_tb(), exc.__traceback__.tb_lasti >= 0)
    try:
        fut.set_exception(StopIteration())
    except (TypeError, asyncio.InvalidStateError) as exc:
        print(type(exc).__name__, exc)
    source = inspect.getsource(faults)
    tree = ast.parse(source)
    print(sum(isinstance(n, ast.Call) for n in ast.walk(tree)), faults.__code__.co_firstlineno)


use(Probe())
asyncio.run(faults())
