"""A shutdown path that schedules the flusher thread's join as a loop callback."""
import asyncio
import threading
import time


def flush():
    time.sleep(0.2)


async def main():
    t = threading.Thread(target=flush)
    t.start()
    loop = asyncio.get_running_loop()
    loop.call_soon(t.join)  # PLANT ACK106
    await asyncio.sleep(0.05)
    print("joined", not t.is_alive())


asyncio.run(main())
