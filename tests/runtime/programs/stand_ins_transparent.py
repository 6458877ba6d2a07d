"""What the checker puts in place of asyncio's and threading's own objects must behave as they do: the program's
output is compared with plain python's. No finding is expected: everything here is legitimate."""
import asyncio
import concurrent.futures
import copy
import inspect
import os
import pickle
import select
import socket
import threading
import time


def outcome(thunk):
    try:
        return repr(thunk())
    except Exception as exc:  # the exception's type and text are part of the behaviour
        return f"{type(exc).__name__}: {exc}"


class Settings:
    """A config object holding a lock: copying it must fail with the real lock's TypeError (callers catch that)."""

    def __init__(self):
        self.guard = threading.Lock()
        self.reentrant = threading.RLock()
        self.name = "svc"


def shallow_copy_or_share(obj):
    try:
        return copy.copy(obj)
    except TypeError:
        return obj


print("copy lock:", outcome(lambda: copy.copy(threading.Lock())))
print("copy rlock:", outcome(lambda: copy.copy(threading.RLock())))
print("deepcopy holder:", outcome(lambda: copy.deepcopy(Settings())))
print("pickle lock:", outcome(lambda: pickle.dumps(threading.Lock())))
print("copy of a holder falls back:", shallow_copy_or_share(Settings()).name)
# trio asserts that its RLock is the C one, by the class's module; a program may print a lock's type
for lock in (threading.Lock(), threading.RLock()):
    print("lock type:", type(lock).__module__, type(lock).__name__, lock.__class__.__qualname__)
print("Semaphore.acquire:", threading.Semaphore.acquire.__name__, inspect.signature(threading.Semaphore.acquire))
print("Semaphore.release:", threading.Semaphore.release.__name__, inspect.signature(threading.Semaphore.release))

# asyncio stores maxsize as given and compares it only in full(): a queue that is only read from works
from_config = {"queue_size": None}
inbox = asyncio.Queue(from_config["queue_size"])
print("queue of None:", inbox.maxsize, inbox.empty(), inbox.qsize())
print("queue of str:", outcome(lambda: asyncio.Queue("8").maxsize))
# (parameters by name and kind: 3.9/3.10's `loop` default is a sentinel object whose repr differs at each run)
print("Queue signature:", [(p.name, p.kind.name) for p in inspect.signature(asyncio.Queue).parameters.values()])
print("run:", asyncio.run.__name__, asyncio.run.__qualname__, inspect.signature(asyncio.run))


class Inbox(asyncio.Queue):
    def __init__(self, size):
        super().__init__(maxsize=size)
        self.label = "inbox"


async def main():
    box = Inbox(4)
    await box.put(1)
    return box.label, await box.get()


print("subclass:", asyncio.run(main()))


async def own_task():
    return type(asyncio.current_task())


async def spawn():
    # a task the program makes shows asyncio's task type (a program may log or compare it)
    kind = await asyncio.create_task(own_task())
    return kind, kind.__module__, kind.__name__, kind.__qualname__


print("task type:", asyncio.run(spawn()))

# a function is pickled as its module and name, found there again: what a process pool is handed
for function in (time.sleep, os.system, select.select, socket.getaddrinfo, open, input, threading.Event.wait,
                 concurrent.futures.Future.result):
    print("pickle:", function.__name__, outcome(lambda: pickle.loads(pickle.dumps(function)) is function))


async def in_a_process(pool):
    return await asyncio.get_running_loop().run_in_executor(pool, time.sleep, 0)


with concurrent.futures.ProcessPoolExecutor(1) as workers:
    print("process pool:", asyncio.run(in_a_process(workers)))
