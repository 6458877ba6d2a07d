"""A file indexer that walks and reads its tree in a worker thread, and prints a lot of progress."""
import asyncio
import hashlib
import os
import tempfile

ROOT = tempfile.mkdtemp()
for d in range(3):
    os.makedirs(os.path.join(ROOT, f"d{d}"))
    for f in range(4):
        with open(os.path.join(ROOT, f"d{d}", f"f{f}.txt"), "w") as fh:
            fh.write(f"{d}-{f}\n" * 50)


def index_tree(root):
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            with open(path, "rb") as fh:
                out[os.path.relpath(path, root)] = hashlib.sha1(fh.read()).hexdigest()[:8]
    return out


async def main():
    index = await asyncio.to_thread(index_tree, ROOT)
    for i in range(3000):
        print("progress", i, len(index))
    for k in sorted(index):
        print(k, index[k])


asyncio.run(main())
