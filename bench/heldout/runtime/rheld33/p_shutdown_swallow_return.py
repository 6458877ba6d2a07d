"""A metrics flusher left running at the end of asyncio.run that returns when cancelled."""
import asyncio

FLUSHERS = set()


async def flusher():
    try:
        while True:
            await asyncio.sleep(0.01)
    except asyncio.CancelledError:  # PLANT ACK602
        print("flusher stopped")
        return "stopped"


async def main():
    t = asyncio.create_task(flusher())
    FLUSHERS.add(t)
    await asyncio.sleep(0.05)
    print("main done")


asyncio.run(main())
