"""A download thread that signals the loop through call_soon_threadsafe."""
import asyncio
import threading
import time


def download(loop, job, done):
    time.sleep(0.05)
    job["bytes"] = 1024
    loop.call_soon_threadsafe(done.set)


async def main():
    job = {}
    done = asyncio.Event()
    loop = asyncio.get_running_loop()
    threading.Thread(target=download, args=(loop, job, done), daemon=True).start()
    await done.wait()
    print("downloaded", job["bytes"], "bytes")


asyncio.run(main())
