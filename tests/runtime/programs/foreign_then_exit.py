"""A worker thread schedules on the loop without call_soon_threadsafe, and the program then ends at once, in the
way argv[1] names: each way's report has the finding noted on the worker's thread."""
import asyncio
import os
import signal
import sys
import threading


async def main(how):
    loop = asyncio.get_running_loop()
    got = []

    def work():
        for i in range(100):
            loop.call_soon(got.append, i)  # ACK402

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    await asyncio.sleep(0)
    print(len(got) > 0, flush=True)
    if how == "exit":
        sys.exit(3)
    if how == "raise":
        raise RuntimeError("the program failed")
    if how == "interrupt":
        raise KeyboardInterrupt
    if how == "os_exit":
        os._exit(4)
    if how == "sigterm":
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.sleep(5)


asyncio.run(main(sys.argv[1]))
