import asyncio
import mimetypes
import threading
import time


def sync_work():
    time.sleep(0.01)
    with open(__file__) as fh:
        return fh.read(10)


async def main():
    await asyncio.to_thread(sync_work)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, time.sleep, 0.01)
    await loop.getaddrinfo("localhost", 80)
    time.sleep(0)
    threading.Event().wait(0)
    mimetypes.guess_type("index.html")  # the first use reads /etc/mime.types, once: not a pattern to change
    print("clean")


time.sleep(0.01)  # before the loop runs: fine
asyncio.run(main())
time.sleep(0.01)  # after: fine
