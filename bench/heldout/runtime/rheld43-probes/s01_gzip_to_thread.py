"""Log rotation compressing with gzip and shutil in asyncio.to_thread."""
import asyncio
import gzip
import os
import shutil
import tempfile


def compress(path):
    with open(path, "rb") as src, gzip.open(path + ".gz", "wb") as dst:
        shutil.copyfileobj(src, dst)
    os.unlink(path)
    return path + ".gz"


async def rotate(folder):
    done = await asyncio.to_thread(compress, os.path.join(folder, "app.log"))
    return os.path.basename(done)


with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "app.log"), "w") as f:
        f.write("line\n" * 100)
    print("rotated", asyncio.run(rotate(d)))
