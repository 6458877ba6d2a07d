"""A file watcher's change handler re-indexes a file through a sync bridge to the async indexer (the same code
runs from a CLI, where no loop is running); when the bridge is refused it falls back to a plain count."""
import asyncio
import os
import tempfile

ROOT = tempfile.mkdtemp(prefix="reindex-")
for name, text in (("a.txt", "one two"), ("b.txt", "three four five")):
    with open(os.path.join(ROOT, name), "w") as f:
        f.write(text)
INDEX = {}


async def index_file(path):
    await asyncio.sleep(0.005)
    text = await asyncio.to_thread(lambda: open(path).read())
    return len(text.split())


def reindex_sync(path):
    runner = asyncio.Runner()
    try:
        return runner.run(index_file(path))
    except RuntimeError:
        return -1
    finally:
        runner.close()


async def on_change(name):
    INDEX[name] = reindex_sync(os.path.join(ROOT, name))  # PLANT ACK108


async def main():
    for name in sorted(os.listdir(ROOT)):
        await on_change(name)
    print(sorted(INDEX.items()))


asyncio.run(main())
print("cli:", reindex_sync(os.path.join(ROOT, "b.txt")))
