"""Log rotation compressing yesterday's file with gzip and shutil inside a coroutine helper chain."""
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
    await asyncio.sleep(0)
    done = compress(os.path.join(folder, "app.log"))  # PLANT ACK103
    return os.path.basename(done)


with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "app.log"), "w") as f:
        f.write("line\n" * 100)
    print("rotated", asyncio.run(rotate(d)))
