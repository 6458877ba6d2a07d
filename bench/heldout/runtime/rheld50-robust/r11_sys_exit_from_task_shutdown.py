"""A service's admin task calls sys.exit(4) while other tasks clean up in finally blocks; atexit handlers and
__del__ methods report the shutdown order."""
import asyncio
import atexit
import sys


class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name, flush=True)


async def worker(name):
    res = Resource(f"worker-{name}")
    try:
        await asyncio.sleep(10)
    finally:
        print("finally", name, res.name, flush=True)


async def admin():
    await asyncio.sleep(0.01)
    sys.exit(4)


async def main():
    workers = [asyncio.create_task(worker("a"))]
    try:
        await asyncio.gather(admin(), *workers)
    finally:
        print("main finally", [w.done() for w in workers], flush=True)


atexit.register(lambda: print("atexit", type(sys.exc_info()[1]).__name__, flush=True))
GLOBAL = Resource("global")
try:
    asyncio.run(main())
except SystemExit as exc:
    print("SystemExit", exc.code, flush=True)
    raise
