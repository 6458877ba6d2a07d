import asyncio


async def main():
    backlog = asyncio.Queue()  # ACK501
    bounded = asyncio.Queue(maxsize=20_000)
    small = asyncio.Queue()
    burst = asyncio.Queue()  # ACK501: filled and drained between two looks, its high-water mark still counts
    priority = asyncio.PriorityQueue()  # ACK501: sampled, and seen at the end
    for i in range(15_000):
        backlog.put_nowait(i)
        bounded.put_nowait(i)
        burst.put_nowait(i)
        priority.put_nowait(i)
    while not burst.empty():
        burst.get_nowait()
    small.put_nowait(1)
    print(backlog.qsize(), burst.qsize(), repr(small._queue))


asyncio.run(main())
