"""The process's children as it can see them: /proc's children list, os.waitpid(-1, WNOHANG) with none, the
process group and session, and a child started by create_subprocess_exec reaped by asyncio."""
import asyncio
import os
import sys


def children():
    out = []
    for tid in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{tid}/children") as f:
            out.extend(f.read().split())
    return out


def wait_any():
    try:
        return os.waitpid(-1, os.WNOHANG)
    except ChildProcessError as e:
        return type(e).__name__


async def main():
    print("children in loop", len(await asyncio.to_thread(children)), await asyncio.to_thread(wait_any))
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "print('child ok')",
                                                stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    print(out.decode().strip(), proc.returncode)
    print("children after", len(await asyncio.to_thread(children)), await asyncio.to_thread(wait_any))


print("start", len(children()), wait_any(), os.getpgrp() == os.getpgid(0), os.getsid(0) == os.getsid(os.getppid()))
asyncio.run(main())
print("end", len(children()), wait_any())
