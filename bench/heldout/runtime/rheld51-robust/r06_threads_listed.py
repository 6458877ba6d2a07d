"""Threads the program can see: threading.enumerate(), active_count(), the OS's own list of the process's
threads (/proc/self/task), and threading.get_native_id()s, before, during and after a loop."""
import asyncio
import os
import threading


def os_threads():
    return len(os.listdir("/proc/self/task"))


def snapshot(tag):
    names = sorted(t.name.split(" ")[0].split("_")[0] for t in threading.enumerate())
    natives = {t.native_id for t in threading.enumerate()}
    print(tag, threading.active_count(), names, "os", os_threads(), "unlisted", os_threads() - len(natives))


async def main():
    snapshot("in loop")
    await asyncio.to_thread(lambda: None)
    snapshot("after to_thread")
    ev = threading.Event()
    t = threading.Thread(target=ev.wait, name="waiter")
    t.start()
    snapshot("with waiter")
    ev.set()
    await asyncio.to_thread(t.join)


snapshot("start")
asyncio.run(main())
# (a joined thread's OS thread may take a moment more to go: wait until the OS's count settles)
seen = None
while seen != os_threads():
    seen = os_threads()
    threading.Event().wait(0.05)
snapshot("end")
