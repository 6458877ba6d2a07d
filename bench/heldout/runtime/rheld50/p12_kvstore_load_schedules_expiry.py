"""A Redis-like store loads its snapshot in the default executor; keys with a TTL get their expiry timer as
they are read."""
import asyncio
import json
import os
import tempfile
import time

SNAPSHOT = os.path.join(tempfile.mkdtemp(prefix="kv-"), "dump.json")
with open(SNAPSHOT, "w") as f:
    json.dump({"session:1": ["ann", 0.03], "session:2": ["bob", None], "otp:9": ["4711", 0.01]}, f)


class Store:
    def __init__(self, loop):
        self.loop = loop
        self.data = {}
        self.expired = []

    def expire(self, key):
        if self.data.pop(key, None) is not None:
            self.expired.append(key)

    def load(self, path):
        with open(path) as f:
            for key, (value, ttl) in json.load(f).items():
                self.data[key] = value
                if ttl is not None:
                    self.loop.call_later(ttl, self.expire, key)  # PLANT ACK402
        return len(self.data)


async def main():
    loop = asyncio.get_running_loop()
    store = Store(loop)
    loaded = await loop.run_in_executor(None, store.load, SNAPSHOT)
    started = time.monotonic()
    while len(store.expired) < 2 and time.monotonic() - started < 2:
        await asyncio.sleep(0.01)
    print(loaded, sorted(store.data), sorted(store.expired))


asyncio.run(main())
