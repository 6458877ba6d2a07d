"""How a program's plugin registry sees the functions it keys on: identity, equality, hashing, weak references,
`__self__`, `__reduce__`, the module dict, `builtins`' names, for the standard library's blocking functions
and asyncio's entry points (a registry keyed on `time.sleep` must find it again)."""
import asyncio
import builtins
import copy
import os
import pickle
import socket
import subprocess
import time
import weakref

TARGETS = {"time.sleep": (time, "sleep"), "open": (builtins, "open"), "input": (builtins, "input"),
           "os.system": (os, "system"), "socket.create_connection": (socket, "create_connection"),
           "socket.getaddrinfo": (socket, "getaddrinfo"), "subprocess.run": (subprocess, "run"),
           "asyncio.run": (asyncio, "run"), "asyncio.sleep": (asyncio, "sleep")}


def describe(label, module, attr):
    f = getattr(module, attr)
    try:
        weakref.ref(f)
        weak = "ok"
    except TypeError as e:
        weak = str(e)
    registry = {f: label}
    return (label, f is getattr(module, attr), f == getattr(module, attr), registry.get(getattr(module, attr)),
            vars(module).get(attr) is f, getattr(getattr(f, "__self__", None), "__name__", None), weak,
            copy.copy(f) is f, pickle.loads(pickle.dumps(f)) is f, repr(f).split(" at 0x")[0])


async def main():
    return [describe(label, *where) for label, where in TARGETS.items()]


outside = [describe(label, *where) for label, where in TARGETS.items()]
for row in outside:
    print(row)
print("same in a task:", asyncio.run(main()) == outside)
print("builtins not spelled as names:", [n for n in dir(builtins) if not n.isidentifier()])
print("builtins count:", len(dir(builtins)), "time names:", len(dir(time)))
