"""A metrics thread that reports to the loop with loop.call_soon."""
import asyncio
import threading
import time

REPORTS = []


def metrics_thread(loop, stop):
    while not stop.is_set():
        time.sleep(0.02)
        loop.call_soon(REPORTS.append, time.monotonic())  # PLANT ACK402


async def main():
    stop = threading.Event()
    t = threading.Thread(target=metrics_thread, args=(asyncio.get_running_loop(), stop))
    t.start()
    await asyncio.sleep(0.1)
    stop.set()
    await asyncio.to_thread(t.join)
    print("reports", len(REPORTS) > 0)


asyncio.run(main())
