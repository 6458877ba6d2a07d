"""A help tool prints what kind of object each synchronisation primitive is, and the source of a few methods."""
import asyncio
import inspect
import re
import threading
import time

LOCK_TYPE = type(threading.Lock())
RLOCK_TYPE = type(threading.RLock())


def clean(text):
    return re.sub(r"0x[0-9a-f]+", "0x", text)


async def main():
    lock = threading.Lock()
    rlock = threading.RLock()
    print(LOCK_TYPE.__name__, RLOCK_TYPE.__name__, isinstance(lock, LOCK_TYPE), isinstance(rlock, RLOCK_TYPE))
    print(clean(repr(lock)), clean(repr(rlock)).split(" owner=")[0])
    with lock:
        print(lock.locked(), clean(repr(lock)))
    print(type(threading.Condition()).__name__, type(threading.Semaphore(2)).__name__)
    print(inspect.isbuiltin(time.sleep), callable(time.sleep), time.sleep.__name__, time.sleep.__module__)
    print(inspect.signature(asyncio.Queue.put_nowait), inspect.signature(asyncio.Event.set))
    print(inspect.getsource(asyncio.Event.set).splitlines()[0].strip())
    print(len(inspect.getsource(asyncio.Queue.put_nowait).splitlines()))
    print(asyncio.Lock.release.__qualname__, asyncio.Lock.release.__module__)
    print(type(asyncio.Lock()).__mro__[0].__name__, [c.__name__ for c in type(asyncio.Queue()).__mro__])


asyncio.run(main())
