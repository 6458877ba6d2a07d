"""A user lookup whose file read is prepared with functools.partial and run in a thread."""
import asyncio
import functools
import json
import os
import shutil
import tempfile

folder = tempfile.mkdtemp()
path = os.path.join(folder, "users.json")
with open(path, "w") as f:
    json.dump({"u1": "ada", "u2": "grace"}, f)


def read_json(p, encoding="utf-8"):
    with open(p, encoding=encoding) as fh:
        return json.load(fh)


async def lookup(uid):
    users = await asyncio.to_thread(functools.partial(read_json, path))
    return users[uid]


async def main():
    names = [await lookup(u) for u in ("u1", "u2")]
    print("users:", ", ".join(names))


asyncio.run(main())
shutil.rmtree(folder)
