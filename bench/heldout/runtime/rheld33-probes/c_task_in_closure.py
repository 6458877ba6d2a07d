"""A subscription whose task is kept only by the unsubscribe closure the caller holds."""
import asyncio


def subscribe(queue):
    async def pump():
        while True:
            await queue.put("tick")
            await asyncio.sleep(0.01)

    task = asyncio.create_task(pump())

    def unsubscribe():
        task.cancel()

    return unsubscribe


async def main():
    q = asyncio.Queue()
    stop = subscribe(q)
    got = [await q.get() for _ in range(3)]
    stop()
    await asyncio.sleep(0.01)
    print(got)


asyncio.run(main())
