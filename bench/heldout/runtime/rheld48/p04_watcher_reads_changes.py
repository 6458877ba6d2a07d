"""A file watcher: a thread polls a folder's mtimes and hands changed paths to the loop; a coroutine indexes them."""
import asyncio
import os
import tempfile
import threading
import time

FOLDER = tempfile.mkdtemp()
STAGING = tempfile.mkdtemp()


def poll(folder, loop, changes, stop):
    seen = {}
    while not stop.is_set():
        for entry in os.scandir(folder):
            mtime = entry.stat().st_mtime_ns
            if seen.get(entry.name) != mtime:
                seen[entry.name] = mtime
                loop.call_soon_threadsafe(changes.put_nowait, entry.path)
        time.sleep(0.01)


async def index(changes, expected):
    words = {}
    while len(words) < expected:
        path = await changes.get()
        with open(path) as f:  # PLANT ACK103
            text = f.read()
        words[os.path.basename(path)] = len(text.split())
    return words


def write_notes(texts):
    for i, text in enumerate(texts):
        staging = os.path.join(STAGING, f"note{i}.txt")
        with open(staging, "w") as f:
            f.write(text)
        os.replace(staging, os.path.join(FOLDER, f"note{i}.txt"))


async def main():
    changes = asyncio.Queue()
    stop = threading.Event()
    watcher = threading.Thread(target=poll, args=(FOLDER, asyncio.get_running_loop(), changes, stop), daemon=True)
    watcher.start()
    await asyncio.to_thread(write_notes, ["alpha beta", "gamma delta epsilon", "zeta"])
    words = await asyncio.wait_for(index(changes, 3), 10)
    stop.set()
    await asyncio.to_thread(watcher.join)
    print(sorted(words.items()))


asyncio.run(main())
