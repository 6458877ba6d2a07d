import asyncio, contextlib, threading
STATS = {}
GUARD = threading.RLock()
@contextlib.contextmanager
def stats_locked():
    with GUARD:
        yield STATS
async def record(name):
    with stats_locked() as s:  # PLANT ACK201
        s[name] = s.get(name, 0) + 1
        await asyncio.sleep(0.001)
async def main():
    for n in ("x", "y", "x"):
        await record(n)
    print(sorted(STATS.items()))
asyncio.run(main())
