"""A settings descriptor that re-reads its file on every access, used by a handler, driven by run_until_complete."""
import asyncio
import json
import os
import tempfile

CONF = os.path.join(tempfile.mkdtemp(), "app.json")
with open(CONF, "w") as f:
    json.dump({"greeting": "hello", "limit": 3}, f)


class FileSetting:
    def __init__(self, key):
        self.key = key

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        with open(CONF) as fh:
            return json.load(fh)[self.key]


class Greeter:
    greeting = FileSetting("greeting")
    limit = FileSetting("limit")

    async def greet(self, names):
        out = []
        for name in names[:3]:
            word = self.greeting  # PLANT ACK103
            out.append(f"{word} {name}")
            await asyncio.sleep(0)
        return out


loop = asyncio.new_event_loop()
try:
    for line in loop.run_until_complete(Greeter().greet(["ann", "bob", "cy", "dee"])):
        print(line)
finally:
    loop.close()
