"""A tool re-runs itself as a worker (subprocess.run of sys.executable and __file__) and finally re-execs itself."""
import asyncio
import os
import subprocess
import sys
import time


async def work(n):
    await asyncio.sleep(0.001)
    return n + 1


def describe():
    return (os.path.basename(sys.argv[0]), sys.argv[1:], __name__, os.path.basename(__file__),
            type(time.sleep).__name__ in ("builtin_function_or_method",), callable(time.sleep))


if sys.argv[1:2] == ["worker"]:
    print("worker", describe(), asyncio.run(work(int(sys.argv[2]))))
    sys.exit(int(sys.argv[2]))
if sys.argv[1:2] == ["final"]:
    print("final", describe(), asyncio.run(work(100)))
    sys.exit(4)


async def main():
    outs = []
    for n in (1, 2):
        proc = await asyncio.create_subprocess_exec(sys.executable, __file__, "worker", str(n),
                                                    stdout=asyncio.subprocess.PIPE)
        out, _ = await proc.communicate()
        outs.append((proc.returncode, out.decode().strip()))
    return outs


print("main", describe())
print(subprocess.run([sys.executable, __file__, "worker", "5"], capture_output=True, text=True).stdout.strip())
print(asyncio.run(main()))
print(os.path.basename(sys.orig_argv[-1]) if sys.orig_argv else None, flush=True)
os.execv(sys.executable, [sys.executable, __file__, "final"])
