"""A service runs its self-check in asyncio debug mode, and once more in a child with PYTHONASYNCIODEBUG and -X dev."""
import asyncio
import logging
import os
import re
import subprocess
import sys
import time

MESSAGES = []


class Keep(logging.Handler):
    def emit(self, record):
        if "coro=<busy() done" in record.getMessage():
            MESSAGES.append(re.sub(r"0x[0-9a-f]+|line \d+|\d+\.\d+ seconds", "#", record.getMessage()).split("\n")[0])


async def busy():
    end = time.perf_counter() + 0.03
    while time.perf_counter() < end:
        pass
    return "busy done"


async def coro_info():
    coro = asyncio.sleep(0)
    origin = coro.cr_origin
    await coro
    return origin is not None, sys.get_coroutine_origin_tracking_depth()


async def main():
    loop = asyncio.get_running_loop()
    loop.slow_callback_duration = 0.01
    print(loop.get_debug(), await coro_info())
    print(await asyncio.create_task(busy()))
    fut = loop.create_future()
    loop.call_later(0.005, fut.set_result, "later")
    print(await fut)


if len(sys.argv) > 1:
    print("child", sys.flags.dev_mode, os.environ.get("PYTHONASYNCIODEBUG"))
    logging.getLogger("asyncio").addHandler(Keep())
    asyncio.run(main())
    print(sorted(set(MESSAGES)))
    sys.exit(0)

logging.getLogger("asyncio").addHandler(Keep())
asyncio.run(main(), debug=True)
print(sorted(set(MESSAGES)), sys.get_coroutine_origin_tracking_depth())
env = dict(os.environ, PYTHONASYNCIODEBUG="1")
child = subprocess.run([sys.executable, "-X", "dev", __file__, "child"], env=env, capture_output=True, text=True)
print(child.returncode, child.stdout)
