"""A uvloop service whose stats thread posts results with loop.call_soon."""
import asyncio
import threading
import time

import uvloop

SEEN = []


def stats(loop):
    time.sleep(0.03)
    loop.call_soon(SEEN.append, "tick")  # PLANT ACK402


async def main():
    threading.Thread(target=stats, args=(asyncio.get_running_loop(),)).start()
    for _ in range(20):
        if SEEN:
            break
        await asyncio.sleep(0.02)
    print(SEEN[:1])


uvloop.run(main())
