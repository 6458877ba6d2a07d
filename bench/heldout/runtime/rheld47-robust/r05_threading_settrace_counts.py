"""A call counter installed with threading.settrace and sys.settrace: which of its functions ran, how often."""
import asyncio
import collections
import sys
import threading

CALLS = collections.Counter()


def tracer(frame, event, arg):
    if event == "call" and frame.f_code.co_filename == __file__:
        CALLS[(threading.current_thread().name == "MainThread", frame.f_code.co_name)] += 1
    return None


def crunch(n):
    return sum(square(i) for i in range(n))


def square(i):
    return i * i


async def step(n):
    await asyncio.sleep(0)
    return await asyncio.to_thread(crunch, n)


async def main():
    results = await asyncio.gather(step(3), step(4))
    return results


threading.settrace(tracer)
sys.settrace(tracer)
print(asyncio.run(main()))
sys.settrace(None)
print(threading.gettrace() is tracer, sys.gettrace())
threading.settrace(None)
for key in sorted(CALLS):
    print(key, CALLS[key])
