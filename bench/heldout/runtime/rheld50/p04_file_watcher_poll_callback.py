"""A file watcher polls a folder from a repeating loop timer and re-indexes the files whose mtime changed."""
import asyncio
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
            mtime = os.stat(os.path.join(self.root, name)).st_mtime_ns  # PLANT ACK110
            if self.mtimes.get(name) != mtime:
                self.mtimes[name] = mtime
                self.reindexed.append(name)
        self.handle = asyncio.get_running_loop().call_later(self.every, self.poll)

    def stop(self):
        self.handle.cancel()


async def edit(name, text):
    await asyncio.to_thread(lambda: open(os.path.join(ROOT, name), "w").write(text))


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
