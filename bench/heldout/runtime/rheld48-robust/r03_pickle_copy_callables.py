"""A job queue serialises its job specs (function plus arguments) with pickle and copies them per attempt."""
import asyncio
import copy
import functools
import os
import pickle
import socket
import subprocess
import time


def specs():
    return [time.sleep, open, os.read, subprocess.run, socket.create_connection, socket.socket.recv,
            socket.socket.sendall, asyncio.run, asyncio.sleep, functools.partial(time.sleep, 0.001),
            functools.partial(subprocess.run, ["true"])]


def show(tag):
    for fn in specs():
        data = pickle.dumps(fn, protocol=4)
        back = pickle.loads(data)
        same = back is fn or back == fn or (isinstance(fn, functools.partial) and back.func is fn.func)
        print(tag, data.hex()[:200], same, copy.copy(fn) is fn or isinstance(fn, functools.partial),
              copy.deepcopy(fn) is fn or isinstance(fn, functools.partial))
    print(tag, pickle.loads(pickle.dumps([time.sleep, (open, {"f": os.read})]))[1][1]["f"] is os.read)
    print(tag, copy.deepcopy({"job": time.sleep, "args": (0,)})["job"] is time.sleep)


async def main():
    show("in-loop")
    job = pickle.loads(pickle.dumps((time.sleep, (0.002,))))
    fn, args = job
    print(await asyncio.to_thread(fn, *args), fn.__name__)


show("before")
asyncio.run(main())
show("after")
