"""Pickling and copying locks and loop objects: the errors a program sees and prints."""
import asyncio
import copy
import pickle
import threading

for make in (threading.Lock, threading.RLock, threading.Condition, threading.Semaphore):
    try:
        pickle.dumps(make())
        print(make.__name__, "pickled")
    except Exception as e:
        print(make.__name__, type(e).__name__, str(e).split(" object")[0])


async def main():
    lock = asyncio.Lock()
    q = asyncio.Queue()
    for obj in (lock, q, asyncio.Event()):
        try:
            clone = copy.deepcopy(obj)
            print(type(obj).__name__, "copied", type(clone).__name__)
        except Exception as e:
            print(type(obj).__name__, type(e).__name__)
    try:
        pickle.dumps(asyncio.get_running_loop())
    except Exception as e:
        print("loop", type(e).__name__)


asyncio.run(main())
