"""A download thread that signals completion by setting an asyncio.Event; the loop polls it."""
import asyncio
import threading
import time


def download(job, done):
    time.sleep(0.05)
    job["bytes"] = 1024
    done.set()  # PLANT ACK401


async def main():
    job = {}
    done = asyncio.Event()
    threading.Thread(target=download, args=(job, done), daemon=True).start()
    while not done.is_set():
        await asyncio.sleep(0.01)
    print("downloaded", job["bytes"], "bytes")


asyncio.run(main())
