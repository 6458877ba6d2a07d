"""An index rebuilt by a timer callback on the loop, which computes for a long time."""
import asyncio


def build(rows):
    index = {}
    for r in rows:
        h = 0
        for i in range(600_000):
            h = (h * 33 + i + r) % 65_521
        index[r] = h
    return index


def rebuild_index(cache):
    cache["index"] = build(cache["rows"])  # PLANT ACK120
    cache["version"] += 1


async def main():
    cache = {"rows": list(range(6)), "version": 0, "index": {}}
    loop = asyncio.get_running_loop()
    loop.call_later(0.01, rebuild_index, cache)
    while cache["version"] == 0:
        await asyncio.sleep(0.02)
    print("index version", cache["version"], "entries", len(cache["index"]))


asyncio.run(main())
