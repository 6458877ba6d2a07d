"""A tiny coverage tool: it traces the program's functions with sys.settrace and threading.settrace."""
import asyncio
import os
import sys
import sysconfig
import threading
import time

STDLIB = (sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"])
SEEN = {}
CALLS = []


def tracer(frame, event, arg):
    path = frame.f_code.co_filename
    if event == "call":
        if path.startswith(STDLIB) or path.startswith("<"):
            return None
        CALLS.append(frame.f_code.co_name if path == __file__ else "OTHER:" + os.path.basename(path))
    if event == "line" and path == __file__:
        SEEN.setdefault(frame.f_code.co_name, set()).add(frame.f_lineno)
    return tracer


def square_sum(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def work(n):
    time.sleep(0.001)
    return square_sum(n)


async def step(n):
    await asyncio.sleep(0.001)
    return square_sum(n)


async def main():
    results = await asyncio.gather(*(step(i) for i in range(3)))
    results.append(await asyncio.to_thread(work, 5))
    return results


threading.settrace(tracer)
sys.settrace(tracer)
print(asyncio.run(main()), sys.gettrace() is tracer)
sys.settrace(None)
threading.settrace(None)
print(sorted(set(CALLS)), CALLS.count("square_sum"), CALLS.count("step"), CALLS.count("main"))
print({name: len(lines) for name, lines in sorted(SEEN.items())})
