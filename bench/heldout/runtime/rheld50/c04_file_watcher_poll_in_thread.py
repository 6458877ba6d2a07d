"""A file watcher polls a folder and re-indexes the files whose mtime changed; the scan runs in a worker
thread (to_thread) and only the comparison on the loop."""
import asyncio
import os
import tempfile

ROOT = tempfile.mkdtemp(prefix="watch-")


def scan(root):
    return {name: os.stat(os.path.join(root, name)).st_mtime_ns for name in os.listdir(root)}


class Watcher:
    def __init__(self, root, every):
        self.root = root
        self.every = every
        self.mtimes = {}
        self.reindexed = []

    async def run(self):
        while True:
            for name, mtime in sorted((await asyncio.to_thread(scan, self.root)).items()):
                if self.mtimes.get(name) != mtime:
                    self.mtimes[name] = mtime
                    self.reindexed.append(name)
            await asyncio.sleep(self.every)


def write_whole(name, text):
    tmp = os.path.join(os.path.dirname(ROOT), f".{os.path.basename(ROOT)}-{name}")
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, os.path.join(ROOT, name))


async def edit(name, text):
    await asyncio.to_thread(write_whole, name, text)


async def main():
    watcher = Watcher(ROOT, 0.02)
    polling = asyncio.create_task(watcher.run())
    await edit("a.md", "one")
    await asyncio.sleep(0.06)
    await edit("b.md", "two")
    await asyncio.sleep(0.06)
    polling.cancel()
    try:
        await polling
    except asyncio.CancelledError:
        pass
    print(sorted(set(watcher.reindexed)))


asyncio.run(main())
