"""A home-made profiler, as a service's `/debug/profile` endpoint runs one: `sys.setprofile` counting the C
calls the program's own code makes by name (sleep, open, getpid, dumps, socket calls), `threading.setprofile` for its
threads, and `sys.settrace` with opcode events counting what the program's own functions execute."""
import asyncio
import collections
import json
import os
import socket
import sys
import tempfile
import threading
import time

WATCH = {"sleep", "open", "getpid", "dumps", "socketpair", "send", "recv", "close", "put_nowait", "set",
         "set_result", "call_soon", "cancel", "create_task", "run_in_executor", "submit", "start", "join"}
C_CALLS = collections.Counter()
OPCODES = collections.Counter()
PY_CALLS = collections.Counter()


def profiler(frame, event, arg):
    if event == "c_call" and frame.f_code.co_filename == __file__ and getattr(arg, "__name__", None) in WATCH:
        C_CALLS[f"{threading.current_thread().name}:{arg.__name__}"] += 1
    elif event == "call" and frame.f_code.co_filename == __file__:
        PY_CALLS[frame.f_code.co_name] += 1


def tracer(frame, event, arg):
    if frame.f_code.co_filename != __file__:
        return None
    frame.f_trace_opcodes = True
    if event == "opcode":
        OPCODES[frame.f_code.co_name] += 1
    return tracer


def blocking_work(path):
    time.sleep(0)
    with open(path, "w") as fh:
        fh.write(json.dumps({"pid": os.getpid() > 0}))
    a, b = socket.socketpair()
    a.send(b"x")
    b.recv(1)
    a.close()
    b.close()


def settle(fut, loop):
    fut.set_result(1)
    loop.call_soon(len, "")


async def main(path):
    loop = asyncio.get_running_loop()
    q, ev = asyncio.Queue(), asyncio.Event()
    q.put_nowait(1)
    ev.set()
    fut = loop.create_future()
    settle(fut, loop)
    await fut
    task = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    blocking_work(path)
    await loop.run_in_executor(None, blocking_work, path)
    worker = threading.Thread(target=blocking_work, args=(path,), name="worker")
    worker.start()
    worker.join()


with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "out.json")
    threading.setprofile(profiler)
    sys.setprofile(profiler)
    asyncio.run(main(path))
    sys.setprofile(None)
    threading.setprofile(None)
    print("c calls:", sorted(C_CALLS.items()))
    print("py calls:", sorted(PY_CALLS.items()))
    sys.settrace(tracer)
    asyncio.run(main(path))
    sys.settrace(None)
    print("opcodes:", sorted(OPCODES.items()))
