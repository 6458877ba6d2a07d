"""A profiler set with sys.setprofile watches a coroutine that takes a threading lock: is it still in place?"""
import asyncio
import collections
import sys
import threading

EVENTS = collections.Counter()
LOCK = threading.Lock()
SEEN = []


def profiler(frame, event, arg):
    if frame.f_code.co_filename == __file__ and event in ("call", "return"):
        EVENTS[(event, frame.f_code.co_name)] += 1


def bump(store):
    store["n"] = store.get("n", 0) + 1


async def update(store):
    with LOCK:
        SEEN.append(sys.getprofile() is profiler)
        bump(store)
    await asyncio.sleep(0)
    SEEN.append(sys.getprofile() is profiler)


async def main():
    store = {}
    await update(store)
    await update(store)
    return store


sys.setprofile(profiler)
result = asyncio.run(main())
still = sys.getprofile() is profiler
sys.setprofile(None)
print(result, still, SEEN)
for key in sorted(EVENTS):
    print(key, EVENTS[key])
