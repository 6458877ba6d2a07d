"""A plugin registry describes every callable it is handed: its kind, names, signature and documentation."""
import asyncio
import inspect
import os
import re
import socket
import subprocess
import time
import types


def describe(fn):
    kind = type(fn)
    try:
        sig = re.sub(r"0x[0-9a-f]+", "0x", str(inspect.signature(fn)))
    except (ValueError, TypeError) as e:
        sig = f"<{type(e).__name__}>"
    doc = (fn.__doc__ or "").strip().splitlines()[:1]
    return (kind.__name__, kind.__module__, fn.__name__, getattr(fn, "__qualname__", None), getattr(fn, "__module__", None),
            inspect.isbuiltin(fn), inspect.isfunction(fn), inspect.ismethod(fn), inspect.isroutine(fn),
            inspect.ismethoddescriptor(fn), sig, doc, hasattr(fn, "__wrapped__"), kind is types.BuiltinFunctionType,
            kind is types.FunctionType, isinstance(fn, types.BuiltinFunctionType))


TARGETS = [time.sleep, open, os.read, subprocess.run, subprocess.check_output, socket.create_connection,
           socket.getaddrinfo, socket.socket.recv, socket.socket.sendall, socket.socket.connect, socket.socket.accept,
           asyncio.run, asyncio.sleep, asyncio.get_event_loop, input, print]


def report(tag):
    for fn in TARGETS:
        print(tag, describe(fn))


async def main():
    report("in-loop")
    a, b = socket.socketpair()
    with a, b:
        for bound in (a.recv, a.send, a.sendall, a.setblocking, a.fileno):
            print("bound", type(bound).__name__, bound.__name__, bound.__self__ is a, inspect.ismethod(bound),
                  inspect.isbuiltin(bound), bound == getattr(a, bound.__name__), bound.__qualname__)
        print(type(a).__name__, type(a).__mro__[1].__name__, sorted(n for n in ("recv", "send", "sendall", "connect")
                                                                    if n in vars(socket.socket)))
    print(time.sleep is time.sleep, time.sleep == time.sleep, hash(time.sleep) == hash(time.sleep))
    print({time.sleep: 1}.get(time.sleep), callable(time.sleep), repr(time.sleep), str(open))


report("before")
asyncio.run(main())
report("after")
