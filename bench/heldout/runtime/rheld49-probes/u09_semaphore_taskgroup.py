import asyncio, threading
SLOTS = threading.BoundedSemaphore(2)
async def fetch(n):
    SLOTS.acquire()  # PLANT ACK201
    try:
        await asyncio.sleep(0.005)
        return n
    finally:
        SLOTS.release()
async def main():
    async with asyncio.TaskGroup() as tg:
        ts = [tg.create_task(fetch(n)) for n in range(2)]
    print([t.result() for t in ts])
asyncio.run(main())
