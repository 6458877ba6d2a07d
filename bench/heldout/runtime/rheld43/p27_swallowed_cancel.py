"""A heartbeat loop whose helper catches CancelledError and keeps beating."""
import asyncio

beats = []


async def beat_once(n):
    try:
        await asyncio.sleep(0.01)
        beats.append(n)
    except asyncio.CancelledError:  # PLANT ACK601
        beats.append(-1)


async def heartbeat():
    for n in range(6):
        await beat_once(n)
    return "stopped"


async def main():
    task = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.025)
    task.cancel()
    print("heartbeat", await task, "beats", len(beats) >= 5)


asyncio.run(main())
