"""A worker told to stop by SIGTERM (from its own supervisor task, here) with no handler for it: what reaches
standard output of what it wrote to a block-buffered stream, whether its `atexit` handler runs, and its status."""
import asyncio
import atexit
import io
import os
import signal
import sys

out = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "w", closefd=False), 65536), line_buffering=False)
print("flushed before", flush=True)
atexit.register(lambda: print("atexit ran", flush=True))


async def supervisor():
    out.write("buffered, never flushed\n")
    sys.stdout.write("stdout line\n")
    sys.stdout.flush()
    await asyncio.sleep(0.05)
    os.kill(os.getpid(), signal.SIGTERM)
    await asyncio.sleep(2)
    print("still here", flush=True)


asyncio.run(supervisor())
