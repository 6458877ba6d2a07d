"""What the process is called: `/proc/self/comm` (what `ps`, `top` and psutil's `name()` show), the comm of a
thread the program starts, and what `ps -o comm=` says of the process, before and while the loop runs."""
import asyncio
import os
import subprocess
import sys
import threading


def comm(path="/proc/self/comm"):
    with open(path) as f:
        return f.read().strip()


def thread_comm(out):
    out.append(comm(f"/proc/self/task/{threading.get_native_id()}/comm"))


async def main():
    seen = []
    t = threading.Thread(target=thread_comm, args=(seen,))
    t.start()
    t.join()
    print("in loop:", comm())
    print("thread:", seen)
    print("to_thread:", await asyncio.to_thread(comm))
    ps = await asyncio.create_subprocess_exec("ps", "-o", "comm=", "-p", str(os.getpid()), stdout=subprocess.PIPE)
    out, _ = await ps.communicate()
    print("ps:", out.decode().strip())


print("start:", comm(), "executable:", os.path.basename(sys.executable) == comm()[:15])
asyncio.run(main())
