"""`await loop.shutdown_default_executor()` shuts the default executor down off the loop's thread, then joins the
helper thread that did it: asyncio's coroutine does so in Python (its frames: not the program's doing), uvloop's
in compiled code, where the join had no frame of its own and looked made by the program's coroutine awaiting it.
A coroutine of the program's joining its own thread is still ACK106, on either loop."""
import asyncio
import threading
import time


async def stop(worker):
    worker.join()  # ACK106


async def main():
    loop = asyncio.get_running_loop()
    print(await asyncio.gather(*(loop.run_in_executor(None, pow, n, 2) for n in range(3))))
    await loop.shutdown_default_executor()
    worker = threading.Thread(target=time.sleep, args=(0.01,))
    worker.start()
    await stop(worker)
    print("stopped")


asyncio.run(main())
