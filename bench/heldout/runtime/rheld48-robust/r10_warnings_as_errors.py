"""A strict service turns every warning into an error at start, as its CI does with -W error."""
import asyncio
import socket
import subprocess
import sys
import threading
import time
import warnings

warnings.simplefilter("error")


async def fetch(i):
    await asyncio.sleep(0.001)
    return i * 2


def blocking_in_thread():
    time.sleep(0.001)
    a, b = socket.socketpair()
    with a, b:
        a.sendall(b"ok")
        got = b.recv(2)
    out = subprocess.run([sys.executable, "-c", "print('child')"], capture_output=True, text=True).stdout.strip()
    with open(__file__) as f:
        first = f.readline().strip()[:10]
    return got, out, first


async def main():
    print(await asyncio.gather(*(fetch(i) for i in range(5))))
    print(await asyncio.to_thread(blocking_in_thread))
    loop = asyncio.get_running_loop()
    ev = threading.Event()
    loop.call_soon_threadsafe(ev.set)
    await asyncio.sleep(0)
    print(ev.is_set())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.warn("custom", UserWarning)
        s = socket.socket()
        del s
    print([(w.category.__name__, str(w.message)[:40], w.lineno) for w in caught])
    q = asyncio.Queue(maxsize=3)
    await q.put(1)
    lock = asyncio.Lock()
    async with lock:
        print(await q.get(), lock.locked())
    async with asyncio.TaskGroup() as tg:
        t = tg.create_task(fetch(21))
    print(t.result())
    try:
        warnings.warn("late", DeprecationWarning)
    except DeprecationWarning as e:
        print("raised", e)


asyncio.run(main())
print(len([f for f in warnings.filters if f[0] == "error"]) >= 1, sys.warnoptions)
