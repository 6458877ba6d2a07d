"""A user lookup whose file opener is prepared with functools.partial."""
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

open_users = functools.partial(open, path, encoding="utf-8")


async def lookup(uid):
    with open_users() as fh:  # PLANT ACK103
        users = json.load(fh)
    await asyncio.sleep(0)
    return users[uid]


async def main():
    names = [await lookup(u) for u in ("u1", "u2")]
    print("users:", ", ".join(names))


asyncio.run(main())
shutil.rmtree(folder)
