"""An index rebuilt on a timer: the callback hands the heavy part to the executor."""
import asyncio


def build(rows):
    index = {}
    for r in rows:
        h = 0
        for i in range(60_000):
            h = (h * 33 + i + r) % 65_521
        index[r] = h
    return index


def rebuild_index(loop, cache):
    fut = loop.run_in_executor(None, build, cache["rows"])
    fut.add_done_callback(lambda f: cache.update(index=f.result(), version=cache["version"] + 1))


async def main():
    cache = {"rows": list(range(6)), "version": 0, "index": {}}
    loop = asyncio.get_running_loop()
    loop.call_later(0.01, rebuild_index, loop, cache)
    while cache["version"] == 0:
        await asyncio.sleep(0.02)
    print("index version", cache["version"], "entries", len(cache["index"]))


asyncio.run(main())
