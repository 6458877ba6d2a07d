"""A SIGUSR1 handler (signal.signal) that dumps stats and then sleeps to rate-limit dumps."""
import asyncio
import os
import signal
import time

STATS = {"requests": 0}


def on_usr1(signum, frame):
    print("stats dumped")
    time.sleep(0.15)  # PLANT ACK101


async def serve():
    for _ in range(20):
        STATS["requests"] += 1
        await asyncio.sleep(0.01)


async def main():
    signal.signal(signal.SIGUSR1, on_usr1)
    worker = asyncio.create_task(serve())
    await asyncio.sleep(0.05)
    os.kill(os.getpid(), signal.SIGUSR1)
    await worker
    print("done", STATS["requests"])


asyncio.run(main())
