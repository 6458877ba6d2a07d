"""A file watcher polls a folder from a repeating loop timer and re-indexes the files whose mtime changed."""
import asyncio
import hashlib
import os
import tempfile

ROOT = tempfile.mkdtemp(prefix="watch-")


class Watcher:
    def __init__(self, root, every):
        self.root = root
        self.every = every
        self.mtimes = {}
        self.reindexed = []
        self.handle = None

    def poll(self):
        for name in sorted(os.listdir(self.root)):
            mtime = os.stat(os.path.join(self.root, name)).st_mtime_ns
            if self.mtimes.get(name) != mtime:
                self.mtimes[name] = mtime
                with open(os.path.join(self.root, name), "rb") as f:  # PLANT ACK103
                    self.reindexed.append((name, hashlib.sha1(f.read()).hexdigest()[:8]))
        self.handle = asyncio.get_running_loop().call_later(self.every, self.poll)

    def stop(self):
        self.handle.cancel()


def write_whole(name, text):
    tmp = os.path.join(os.path.dirname(ROOT), f".{os.path.basename(ROOT)}-{name}")
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, os.path.join(ROOT, name))


async def edit(name, text):
    await asyncio.to_thread(write_whole, name, text)


async def main():
    watcher = Watcher(ROOT, 0.02)
    asyncio.get_running_loop().call_soon(watcher.poll)
    await edit("a.md", "one")
    await asyncio.sleep(0.06)
    await edit("b.md", "two")
    await asyncio.sleep(0.06)
    watcher.stop()
    print(sorted(set(watcher.reindexed)))


asyncio.run(main())
